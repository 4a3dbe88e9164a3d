import type { ServiceAccountTokens } from '../auth/service-account-token';
import { tokenIssueTime } from '../auth/service-account-token';
import type { Pod } from '../shared/pod-types';
import { serviceAccountType } from '../shared/rbac-types';
import type { ObjectStore } from '../store/object-store';

/** A pod's serviceAccountToken projection: the token's text, or why it cannot be had yet (a FailedMount). */
export type PodTokenSource = (
  pod: Pod,
  audience: string | undefined,
  expirationSeconds: number,
) => { token: string } | { error: string };

/**
 * The kubelet's token manager: a token bound to the pod and its ServiceAccount, asked again at 80% of its
 * lifetime. Its issue time steps in those periods from the pod's creation, so between steps every sync
 * computes the same token (the file is not rewritten), and after one the volume gets a fresh token.
 */
export function podTokenSource(
  store: ObjectStore,
  tokens: ServiceAccountTokens,
  now: () => number = Date.now,
): PodTokenSource {
  return (pod, audience, expirationSeconds) => {
    const namespace = pod.metadata.namespace ?? 'default';
    const name = pod.spec.serviceAccountName || 'default';
    const account = store.tryGet(serviceAccountType, namespace, name);
    if (!account) return { error: `failed to fetch token: serviceaccounts "${name}" not found` };
    const created = Math.floor(Date.parse(pod.metadata.creationTimestamp ?? '') / 1000) || 0;
    const { token } = tokens.issue({
      namespace,
      serviceAccount: { name, uid: account.metadata.uid! },
      pod: { name: pod.metadata.name!, uid: pod.metadata.uid! },
      audiences: audience ? [audience] : undefined,
      expirationSeconds,
      issuedAt: tokenIssueTime(created, expirationSeconds, Math.floor(now() / 1000)),
    });
    return { token };
  };
}
