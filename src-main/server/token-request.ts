import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRoute } from './api-route';
import { serviceAccountType } from '../shared/rbac-types';
import { podType } from '../shared/resource-types';
import { apiErrors } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import type { ServiceAccountTokens } from '../auth/service-account-token';
import { readDocument, requireObject, sendJson } from './http-io';

// POST …/serviceaccounts/{name}/token: a TokenRequest (`kubectl create token`), validated as the apiserver's
// token REST storage does, answered with a signed token bound to the ServiceAccount (and a pod, if asked).

export type TokenIssuer = Pick<ServiceAccountTokens, 'issue'>;

type ResourceRoute = Extract<ApiRoute, { kind: 'resource' }>;

export function isTokenRequest(route: ResourceRoute): boolean {
  return route.strategy.type === serviceAccountType && route.subresource === 'token' && !!route.name;
}

const tokenRequestType = { ...serviceAccountType, group: 'authentication.k8s.io', kind: 'TokenRequest' };

export async function handleTokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  route: ResourceRoute,
  store: ObjectStore,
  tokens: TokenIssuer,
): Promise<void> {
  if (req.method !== 'POST')
    throw apiErrors.methodNotAllowed(`${req.method} is not supported on serviceaccounts/token`);
  const namespace = route.namespace ?? 'default';
  const name = route.name!;
  const body = requireObject(await readDocument(req));
  const spec = (body.spec ?? {}) as {
    audiences?: string[];
    expirationSeconds?: number;
    boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string };
  };
  const expirationSeconds = spec.expirationSeconds ?? 3600;
  if (!Number.isInteger(expirationSeconds) || expirationSeconds < 600 || expirationSeconds > 2 ** 32)
    throw apiErrors.invalid(tokenRequestType, name, [
      {
        type: 'FieldValueInvalid',
        field: 'spec.expirationSeconds',
        message:
          expirationSeconds < 600
            ? 'Invalid value: may not specify a duration less than 10 minutes'
            : 'Invalid value: may not specify a duration larger than 2^32 seconds',
      },
    ]);
  const account = store.get(serviceAccountType, namespace, name);
  let pod: { name: string; uid: string } | undefined;
  const bound = spec.boundObjectRef;
  if (bound) {
    if (bound.kind !== 'Pod')
      throw apiErrors.badRequest(
        `cannot bind token to object of type ${bound.kind ?? ''}: only Pod is supported here`,
      );
    const target = store.get(podType, namespace, bound.name ?? '');
    if (bound.uid && bound.uid !== target.metadata.uid)
      throw apiErrors.conflict(
        podType,
        bound.name ?? '',
        'the UID in the bound object reference does not match',
      );
    pod = { name: target.metadata.name!, uid: target.metadata.uid! };
  }
  const issuedAt = Math.floor(Date.now() / 1000);
  const { token, claims } = tokens.issue({
    namespace,
    serviceAccount: { name, uid: account.metadata.uid! },
    pod,
    audiences: spec.audiences,
    expirationSeconds,
    issuedAt,
  });
  sendJson(res, 201, {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace, creationTimestamp: null },
    spec: { audiences: claims.aud, expirationSeconds, boundObjectRef: bound ?? null },
    status: { token, expirationTimestamp: new Date(claims.exp * 1000).toISOString().replace(/\.\d+Z$/, 'Z') },
  });
}
