import { timingSafeEqual } from 'node:crypto';
import type { KubeObject } from '../shared/api-types';
import type { ServiceAccountTokens } from './service-account-token';
import { OWNER, serviceAccountGroups, type RequestUser } from './user-info';

export interface BoundObjectLookup {
  serviceAccount(namespace: string, name: string): KubeObject | undefined;
  pod(namespace: string, name: string): KubeObject | undefined;
}

function sameSecret(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The user behind a bearer token: Skiff's own token is its owner; a ServiceAccount token this Skiff signed is
 * that ServiceAccount while the objects it is bound to still exist with the same uid (a deleted and
 * re-created ServiceAccount or pod does not revive an old token), as the apiserver's bound-token validator.
 */
export class Authenticator {
  constructor(
    private readonly ownerToken: string,
    private readonly tokens: ServiceAccountTokens | undefined,
    private readonly lookup: BoundObjectLookup,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  authenticate(token: string | undefined): RequestUser | undefined {
    if (token === undefined) return undefined;
    if (sameSecret(token, this.ownerToken)) return OWNER;
    if (!this.tokens || token.split('.').length !== 3) return undefined;
    const claims = this.tokens.verify(token, this.now());
    if (!claims) return undefined;
    const { namespace, serviceaccount, pod } = claims['kubernetes.io'];
    const account = this.lookup.serviceAccount(namespace, serviceaccount.name);
    if (!account || account.metadata.uid !== serviceaccount.uid || account.metadata.deletionTimestamp)
      return undefined;
    const extra: Record<string, string[]> = {};
    if (pod) {
      const bound = this.lookup.pod(namespace, pod.name);
      if (!bound || bound.metadata.uid !== pod.uid) return undefined;
      const deletion = bound.metadata.deletionTimestamp;
      if (deletion && Date.parse(deletion) / 1000 < this.now()) return undefined;
      extra['authentication.kubernetes.io/pod-name'] = [pod.name];
      extra['authentication.kubernetes.io/pod-uid'] = [pod.uid];
    }
    if (claims.jti) extra['authentication.kubernetes.io/credential-id'] = [`JTI=${claims.jti}`];
    return {
      kind: 'subject',
      name: claims.sub,
      uid: serviceaccount.uid,
      groups: serviceAccountGroups(namespace),
      extra,
    };
  }
}
