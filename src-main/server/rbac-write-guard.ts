import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import type { RequestAccess } from './request-access';
import { escalationMessage, missingRights } from '../auth/escalation-check';
import type { RequestUser } from '../auth/user-info';
import {
  clusterRoleBindingType,
  clusterRoleType,
  RBAC_GROUP,
  roleBindingType,
  roleType,
  type PolicyRule,
  type Role,
  type RoleBinding,
  type RoleRef,
} from '../shared/rbac-types';
import type { ResourceType } from '../shared/resource-types';
import { ApiError } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import type { ApiRoute } from './api-route';
import { mediaType, parseDocument, readBodyBytes } from './http-io';

// The RBAC registry's escalation check for identities other than Skiff's own user (auth/escalation-check.ts).
// A full body (create, update) is read here and handed on unchanged; a patch of a role needs `escalate`, since
// its rules are known only once applied, while a binding's roleRef cannot change and is read from the object.

type ResourceRoute = Extract<ApiRoute, { kind: 'resource' }>;
const ROLE_TYPES = new Set<ResourceType>([roleType, clusterRoleType]);
const BINDING_TYPES = new Set<ResourceType>([roleBindingType, clusterRoleBindingType]);

/** The request to handle on: `req` itself, or a copy carrying the body this guard read. */
export async function guardRbacWrite(
  req: IncomingMessage,
  route: ResourceRoute,
  user: RequestUser,
  access: RequestAccess,
  store: ObjectStore,
): Promise<IncomingMessage> {
  const type = route.strategy.type;
  const method = req.method ?? 'GET';
  if (user.kind !== 'subject' || route.subresource || !['POST', 'PUT', 'PATCH'].includes(method)) return req;
  if (!ROLE_TYPES.has(type) && !BINDING_TYPES.has(type)) return req;
  const namespace = type.namespaced ? (route.namespace ?? '') : '';
  const isRole = ROLE_TYPES.has(type);
  const existing = route.name ? store.tryGet(type, namespace || undefined, route.name) : undefined;
  let body: unknown;
  let handOn = req;
  if (method !== 'PATCH' || (!isRole && !existing)) {
    const bytes = await readBodyBytes(req);
    handOn = replay(req, bytes);
    try {
      body = parseDocument(bytes.toString('utf8'), mediaType(req));
    } catch {
      body = undefined; // the handler answers for a body it cannot read; here it only means nothing is known
    }
  }
  const name = route.name ?? (body as { metadata?: { name?: string } })?.metadata?.name ?? '';
  const forbidden = (detail: string) =>
    new ApiError(
      403,
      'Forbidden',
      `${type.plural}.${RBAC_GROUP}${name ? ` "${name}"` : ''} is forbidden: ${detail}`,
      {
        ...(name ? { name } : {}),
        group: RBAC_GROUP,
        kind: type.plural,
      },
    );
  const policyUser = { name: user.name, groups: user.groups };
  const held = (rules: PolicyRule[]) => missingRights(access.rulesFor(policyUser, namespace), rules);
  if (isRole) {
    if (access.allows(user, attributes('escalate', type.plural, namespace, name)).allowed) return handOn;
    const rules = (body as Role | undefined)?.rules;
    if (method === 'PATCH' || !Array.isArray(rules))
      throw forbidden(
        `user ${JSON.stringify(user.name)} may change RBAC rules only with the "escalate" verb on ${type.plural} when the new rules are not known before they are applied: send the whole object (kubectl replace, create), or get "escalate"`,
      );
    const missing = held(rules);
    if (missing.length > 0) throw forbidden(escalationMessage(policyUser, missing));
    return handOn;
  }
  const roleRef = ((existing as RoleBinding | undefined)?.roleRef ??
    (body as RoleBinding | undefined)?.roleRef) as RoleRef | undefined;
  if (!roleRef?.name) return handOn; // validation refuses it
  const refType = roleRef.kind === 'ClusterRole' ? clusterRoleType : roleType;
  const refNamespace = refType === roleType ? namespace : '';
  if (access.allows(user, attributes('bind', refType.plural, refNamespace, roleRef.name)).allowed)
    return handOn;
  const role = store.tryGet(refType, refNamespace || undefined, roleRef.name) as Role | undefined;
  const missing = held(role?.rules ?? []);
  if (missing.length > 0 || !role)
    throw forbidden(
      role
        ? escalationMessage(policyUser, missing)
        : `${refType.singular}.${RBAC_GROUP} ${JSON.stringify(roleRef.name)} not found; binding it needs the "bind" verb on it`,
    );
  return handOn;
}

function attributes(verb: string, resource: string, namespace: string, name: string) {
  return {
    resourceRequest: true as const,
    verb,
    apiGroup: RBAC_GROUP,
    apiVersion: 'v1',
    resource,
    subresource: '',
    namespace,
    name,
  };
}

/** A stand-in for `req` whose body is `bytes` again (the original stream has been read). */
function replay(req: IncomingMessage, bytes: Buffer): IncomingMessage {
  const copy = new PassThrough() as unknown as IncomingMessage;
  Object.assign(copy, { method: req.method, url: req.url, headers: req.headers, socket: req.socket });
  (copy as unknown as PassThrough).end(bytes);
  return copy;
}
