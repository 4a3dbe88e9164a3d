// Every place in the app has an address. Pure: parse a pathname into a route, format a route into a pathname.
//
//   /                                   dashboard (all namespaces)      /ns/shop              dashboard in shop
//   /deployments                        a list, all namespaces          /ns/shop/deployments  a list in shop
//   /ns/shop/deployments/web            an object page (its first tab)
//   /ns/shop/deployments/web/history    an object page's tab
//   /nodes/skiff  /namespaces/shop      cluster-scoped objects (no /ns/ prefix)
//   /kinds/...                          the generic kinds section, its own addresses (kinds/kind-route.ts)

export interface AppRoute {
  /** The list or area: '' for the dashboard, else a plural such as 'deployments'. */
  view: string;
  /** The namespace the place is scoped to; undefined is all namespaces. */
  namespace?: string;
  /** An object of the view's kind: its page. */
  name?: string;
  /** One of the object page's tabs; undefined is its first. */
  tab?: string;
  /** For views with addresses of their own (the kinds section): the whole pathname. */
  path?: string;
}

const NS = 'ns';
const PASS_THROUGH = new Set(['kinds']);

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined; // a malformed escape
  }
}

export function parseRoute(pathname: string): AppRoute {
  const raw = pathname.split('/').filter(Boolean);
  if (raw[0] && PASS_THROUGH.has(raw[0])) return { view: raw[0], path: pathname };
  const parts = raw.map(decode);
  if (parts.some((p) => p === undefined || p === '')) return { view: '' };
  const segments = parts as string[];
  let namespace: string | undefined;
  if (segments[0] === NS && segments.length >= 2) {
    namespace = segments[1];
    segments.splice(0, 2);
  }
  const [view = '', name, tab] = segments;
  if (segments.length > 3) return { view, ...(namespace ? { namespace } : {}), ...(name ? { name } : {}) };
  return {
    view,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(tab !== undefined ? { tab } : {}),
  };
}

export function formatRoute(route: AppRoute): string {
  if (route.path !== undefined && PASS_THROUGH.has(route.view)) return route.path;
  const parts: string[] = [];
  if (route.namespace) parts.push(NS, route.namespace);
  if (route.view) {
    parts.push(route.view);
    if (route.name) {
      parts.push(route.name);
      if (route.tab) parts.push(route.tab);
    }
  }
  return `/${parts.map(encodeURIComponent).join('/')}`;
}

/** The same place with another namespace scope: an object page goes back to its list there. */
export function withNamespace(route: AppRoute, namespace: string | undefined): AppRoute {
  if (PASS_THROUGH.has(route.view)) return route;
  return { view: route.view, ...(namespace ? { namespace } : {}) };
}

/** An object's page: namespaced objects under their namespace, cluster-scoped ones without. */
export function objectRoute(view: string, name: string, namespace?: string, tab?: string): AppRoute {
  return { view, name, ...(namespace ? { namespace } : {}), ...(tab ? { tab } : {}) };
}
