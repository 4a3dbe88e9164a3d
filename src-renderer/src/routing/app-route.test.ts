import { describe, expect, it } from 'vitest';
import { formatRoute, objectRoute, parseRoute, withNamespace, type AppRoute } from './app-route';

describe('parseRoute and formatRoute', () => {
  const table: [string, AppRoute][] = [
    ['/', { view: '' }],
    ['/ns/shop', { view: '', namespace: 'shop' }],
    ['/deployments', { view: 'deployments' }],
    ['/ns/shop/deployments', { view: 'deployments', namespace: 'shop' }],
    ['/ns/shop/deployments/storefront', { view: 'deployments', namespace: 'shop', name: 'storefront' }],
    [
      '/ns/shop/deployments/storefront/history',
      { view: 'deployments', namespace: 'shop', name: 'storefront', tab: 'history' },
    ],
    ['/nodes/skiff', { view: 'nodes', name: 'skiff' }],
    ['/namespaces/shop/overview', { view: 'namespaces', name: 'shop', tab: 'overview' }],
    [
      '/ns/shop/configmaps/kube-root-ca.crt',
      { view: 'configmaps', namespace: 'shop', name: 'kube-root-ca.crt' },
    ],
    ['/ns/a%20b/pods/x%2Fy', { view: 'pods', namespace: 'a b', name: 'x/y' }],
  ];
  it.each(table)('%s parses, and formats back', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
    expect(formatRoute(route)).toBe(path);
  });

  it('keeps the kinds section addresses whole', () => {
    const path = '/kinds/networking.k8s.io/v1/ingressclasses/-/edge';
    expect(parseRoute(path)).toEqual({ view: 'kinds', path });
    expect(formatRoute(parseRoute(path))).toBe(path);
  });

  it.each([
    ['/ns/%E0%A4%A/pods', { view: '' }],
    ['/pods//x', { view: 'pods', name: 'x' }],
    ['/ns/shop/pods/a/logs/extra', { view: 'pods', namespace: 'shop', name: 'a' }],
    ['/ns', { view: 'ns' }],
    ['/pods/', { view: 'pods' }],
  ])('a malformed or odd path %s lands somewhere sensible', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('changing the namespace leaves an object page for its list in the new scope', () => {
    const route = objectRoute('pods', 'web-1', 'shop', 'logs');
    expect(formatRoute(route)).toBe('/ns/shop/pods/web-1/logs');
    expect(formatRoute(withNamespace(route, 'dev'))).toBe('/ns/dev/pods');
    expect(formatRoute(withNamespace(route, undefined))).toBe('/pods');
    expect(formatRoute(withNamespace({ view: '' }, 'dev'))).toBe('/ns/dev');
  });

  it('ignores a tab without a name', () => {
    expect(formatRoute({ view: 'pods', tab: 'logs' })).toBe('/pods');
  });
});
