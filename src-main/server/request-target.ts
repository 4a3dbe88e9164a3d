import { apiErrors } from '../store/api-error';
import { pathSegmentNameProblems } from '../store/validate-meta';

// The request line's path as the client sent it. WHATWG URL parsing (new URL) resolves `.`, `..`, `%2E` and
// `%2E%2E` segments before anything sees them, which turns an object's name into a step up the path: a DELETE
// of `…/configmaps/..` would reach the Namespace. Kubernetes routes on the segments as sent and refuses such
// names, so Skiff reads the raw target itself and never normalizes it.

export interface RequestTarget {
  /** The raw path, percent-encoding kept, no dot segment resolved; trailing slashes dropped. */
  path: string;
  query: URLSearchParams;
}

export function parseRequestTarget(rawUrl: string | undefined): RequestTarget {
  let raw = rawUrl ?? '/';
  const authority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(raw); // absolute-form request targets
  if (authority) raw = raw.slice(authority[0].length);
  const hash = raw.indexOf('#');
  if (hash >= 0) raw = raw.slice(0, hash);
  const question = raw.indexOf('?');
  const rawPath = question >= 0 ? raw.slice(0, question) : raw;
  const path = `/${rawPath.replace(/^\/+/, '')}`.replace(/(.)\/+$/, '$1');
  return { path, query: new URLSearchParams(question >= 0 ? raw.slice(question + 1) : '') };
}

/** One path segment, percent-decoded; a malformed escape is the client's error (400), not the server's. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw apiErrors.badRequest(
      `the request path has a malformed percent-encoding in "${segment}": encode "%" as "%25"`,
    );
  }
}

/** The path's segments, each decoded once; empty segments (`//`) are skipped. */
export function pathSegments(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s.length > 0)
    .map(decodeSegment);
}

export { pathSegmentNameProblems };

/** Kubernetes' registry refuses these before any storage is touched: `Name parameter invalid: "..": may not be '..'`. */
export function requireValidPathSegment(value: string, parameter: 'Name' | 'Namespace'): void {
  const problems = pathSegmentNameProblems(value);
  if (problems.length > 0)
    throw apiErrors.badRequest(
      `${parameter} parameter invalid: ${JSON.stringify(value)}: ${problems.join(';')}`,
    );
}
