import type { Ingress, IngressBackend } from '../shared/ingress-types';

// Kubernetes' Ingress matching: a rule's host exactly, or a wildcard host by one leading label; then the longest
// matching path, Exact before Prefix of the same length; Prefix matches whole path elements ("/foo" matches
// "/foo" and "/foo/bar", not "/foobar"). Nothing matches → the default backend, if any. Pure.

export interface Route {
  namespace: string;
  service: string;
  port: { number?: number; name?: string };
}

function hostMatches(ruleHost: string | undefined, host: string): boolean {
  if (!ruleHost) return true;
  if (ruleHost.startsWith('*.')) {
    const dot = host.indexOf('.');
    return dot > 0 && host.slice(dot + 1) === ruleHost.slice(2);
  }
  return ruleHost === host;
}

function prefixMatches(prefix: string, path: string): boolean {
  const trimmed = prefix.length > 1 ? prefix.replace(/\/+$/, '') : prefix;
  if (trimmed === '/') return true;
  return path === trimmed || path.startsWith(`${trimmed}/`);
}

const routeTo = (namespace: string, b: IngressBackend): Route | undefined =>
  b.service ? { namespace, service: b.service.name, port: b.service.port } : undefined;

export function routeRequest(ingresses: Ingress[], hostHeader: string, path: string): Route | undefined {
  const host = hostHeader.replace(/:\d+$/, '').toLowerCase();
  let best: { length: number; exact: boolean; route: Route } | undefined;
  for (const ingress of ingresses) {
    const namespace = ingress.metadata.namespace ?? 'default';
    for (const rule of ingress.spec.rules ?? []) {
      if (!hostMatches(rule.host, host)) continue;
      for (const p of rule.http?.paths ?? []) {
        const rulePath = p.path ?? '/';
        const exact = p.pathType === 'Exact';
        if (exact ? rulePath !== path : !prefixMatches(rulePath, path)) continue;
        const length = rulePath.length;
        // A rule with a host beats one without; then the longer path; then Exact.
        const score = length + (rule.host ? 100_000 : 0);
        if (!best || score > best.length || (score === best.length && exact && !best.exact)) {
          const route = routeTo(namespace, p.backend);
          if (route) best = { length: score, exact, route };
        }
      }
    }
  }
  if (best) return best.route;
  for (const ingress of ingresses) {
    if (ingress.spec.defaultBackend)
      return routeTo(ingress.metadata.namespace ?? 'default', ingress.spec.defaultBackend);
  }
  return undefined;
}
