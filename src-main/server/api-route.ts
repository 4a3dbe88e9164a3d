import type { KindRegistry, KindStrategy, ServedVersion } from '../store/kind-strategy';
import { pathSegments, requireValidPathSegment } from './request-target';

// Kubernetes REST paths: /api/v1/..., /apis/{group}/{version}/..., namespaced or cluster-wide. The path is
// the raw one the client sent (see request-target.ts): a name of `.` or `..` is refused, never resolved.

export type ApiRoute =
  | { kind: 'discovery'; path: string }
  | {
      kind: 'resource';
      strategy: KindStrategy;
      namespace?: string;
      name?: string;
      subresource?: string;
      /** Set when the path's version is served by converting from the stored one. */
      served?: ServedVersion;
    }
  | { kind: 'not-found' };

const NAMESPACE_SUBRESOURCES = ['status', 'finalize'];

export function routeApiPath(pathname: string, kinds: KindRegistry): ApiRoute {
  const segments = pathSegments(pathname);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api') {
    if (segments.length <= 2) return { kind: 'discovery', path: pathname };
    group = '';
    version = segments[1]!;
    rest = segments.slice(2);
  } else if (segments[0] === 'apis') {
    if (segments.length <= 3) return { kind: 'discovery', path: pathname };
    group = segments[1]!;
    version = segments[2]!;
    rest = segments.slice(3);
  } else {
    return { kind: 'not-found' };
  }
  let namespace: string | undefined;
  // /namespaces/{ns}/{plural}... is namespaced content unless {plural} is not a namespaced kind, in which
  // case it is the Namespace object's own subresource (/namespaces/{name}/status, /finalize).
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const candidate = kinds.find(group, version, rest[2]!);
    if (candidate?.type.namespaced) {
      namespace = rest[1];
      rest = rest.slice(2);
    } else if (!NAMESPACE_SUBRESOURCES.includes(rest[2]!)) {
      return { kind: 'not-found' };
    }
  }
  const strategy = kinds.find(group, version, rest[0] ?? '');
  if (!strategy || rest.length > 3) return { kind: 'not-found' };
  if (namespace !== undefined && !strategy.type.namespaced) return { kind: 'not-found' };
  if (namespace !== undefined) requireValidPathSegment(namespace, 'Namespace');
  if (rest[1] !== undefined) requireValidPathSegment(rest[1], 'Name');
  const served = kinds.servedVersion(group, version, rest[0]!);
  return { kind: 'resource', strategy, namespace, name: rest[1], subresource: rest[2], served };
}
