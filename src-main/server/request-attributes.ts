// What a request asks to do, as Kubernetes' RequestInfoFactory reads it from the method, path and query, before
// any routing: so an unknown resource is refused like a known one, and existence does not leak.

import type { RequestAttributes } from '../auth/request-attributes';

export type { RequestAttributes };

const VERB_BY_METHOD: Record<string, string> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** `segments` are the path's decoded segments (request-target.ts), `path` the path as sent. */
export function requestAttributes(
  method: string,
  path: string,
  segments: string[],
  query: URLSearchParams,
): RequestAttributes {
  const nonResource = (): RequestAttributes => ({
    resourceRequest: false,
    verb: method.toLowerCase(),
    path,
  });
  let parts: string[];
  let apiGroup = '';
  let apiVersion: string;
  if (segments[0] === 'api' && segments.length >= 2) {
    apiVersion = segments[1]!;
    parts = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 3) {
    apiGroup = segments[1]!;
    apiVersion = segments[2]!;
    parts = segments.slice(3);
  } else return nonResource();
  const verbFromMethod = VERB_BY_METHOD[method.toUpperCase()];
  if (verbFromMethod === undefined || parts.length === 0) {
    // /api/v1 itself (discovery) is a resource-less request Kubernetes also treats as a non-resource URL
    return nonResource();
  }
  let verb = verbFromMethod;
  let namespace = '';
  if (parts[0] === 'namespaces') {
    if (parts.length > 1) namespace = parts[1]!;
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2]!)) parts = parts.slice(2);
  }
  const resource = parts[0] ?? '';
  const name = parts[1] ?? '';
  const subresource = parts.length >= 3 ? parts[2]! : '';
  let effectiveName = name;
  if (verb === 'get' && !name) verb = 'list';
  if (verb === 'delete' && !name) verb = 'deletecollection';
  if (verb === 'list' || verb === 'get') {
    const watch = query.get('watch');
    if ((watch === 'true' || watch === '1') && verb === 'list') verb = 'watch';
  }
  if ((verb === 'list' || verb === 'watch' || verb === 'deletecollection') && !name) {
    // a field selector on metadata.name narrows the request to that one object, as Kubernetes reads it
    const match = /(?:^|,)metadata\.name==?([^,]*)/.exec(query.get('fieldSelector') ?? '');
    if (match) effectiveName = match[1]!;
  }
  return {
    resourceRequest: true,
    verb,
    apiGroup,
    apiVersion,
    resource,
    subresource,
    namespace,
    name: effectiveName,
  };
}
