// The generic kinds section's addresses: /kinds, /kinds/<group>/<version>/<plural> for a kind's list and
// /kinds/<group>/<version>/<plural>/<namespace or ->/<name> for one object ('core' is the legacy group). Pure.

export const KINDS_ROOT = '/kinds';
const CORE = 'core';
const NO_NAMESPACE = '-';

export interface KindRef {
  group: string;
  version: string;
  plural: string;
}

export interface KindRoute {
  kind?: KindRef;
  object?: { namespace?: string; name: string };
}

export function isKindsRoute(path: string): boolean {
  return path === KINDS_ROOT || path.startsWith(`${KINDS_ROOT}/`);
}

export function parseKindRoute(path: string): KindRoute {
  if (!isKindsRoute(path)) return {};
  let parts: string[];
  try {
    parts = path.slice(KINDS_ROOT.length).split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return {}; // a malformed escape: the section's start
  }
  const [group, version, plural, namespace, name] = parts;
  if (!group || !version || !plural) return {};
  const kind = { group: group === CORE ? '' : group, version, plural };
  if (namespace === undefined || !name) return { kind };
  return { kind, object: { ...(namespace === NO_NAMESPACE ? {} : { namespace }), name } };
}

export function kindPath(kind: KindRef): string {
  return `${KINDS_ROOT}/${encodeURIComponent(kind.group || CORE)}/${encodeURIComponent(kind.version)}/${encodeURIComponent(kind.plural)}`;
}

export function objectRoutePath(kind: KindRef, object: { namespace?: string; name: string }): string {
  return `${kindPath(kind)}/${encodeURIComponent(object.namespace || NO_NAMESPACE)}/${encodeURIComponent(object.name)}`;
}
