import { describe, expect, it } from 'vitest';
import type { Ingress, IngressPath } from '../shared/ingress-types';
import { routeRequest } from './ingress-routes';

const to = (service: string): IngressPath['backend'] => ({
  service: { name: service, port: { number: 80 } },
});
const ingress = (rules: Ingress['spec']['rules'], defaultBackend?: string): Ingress => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'i', namespace: 'shop' },
  spec: { rules, ...(defaultBackend ? { defaultBackend: to(defaultBackend) } : {}) },
});
const routes = [
  ingress([
    {
      host: 'shop.local',
      http: {
        paths: [
          { path: '/', pathType: 'Prefix', backend: to('front') },
          { path: '/api', pathType: 'Prefix', backend: to('api') },
          { path: '/api/health', pathType: 'Exact', backend: to('health') },
        ],
      },
    },
    { host: '*.apps.local', http: { paths: [{ path: '/', pathType: 'Prefix', backend: to('apps') }] } },
  ]),
  ingress(
    [{ http: { paths: [{ path: '/static', pathType: 'Prefix', backend: to('static') }] } }],
    'fallback',
  ),
];
const service = (host: string, path: string) => routeRequest(routes, host, path)?.service;

describe('ingress routing', () => {
  it('matches hosts exactly or by a one-label wildcard, ignoring the port', () => {
    expect(service('shop.local:47480', '/')).toBe('front');
    expect(service('a.apps.local', '/x')).toBe('apps');
    expect(service('a.b.apps.local', '/x')).toBe('fallback');
  });

  it('takes the longest path, Exact before Prefix, and Prefix by whole path elements', () => {
    expect(service('shop.local', '/api/orders')).toBe('api');
    expect(service('shop.local', '/api')).toBe('api');
    expect(service('shop.local', '/apiary')).toBe('front');
    expect(service('shop.local', '/api/health')).toBe('health');
    expect(service('shop.local', '/api/health/deep')).toBe('api');
  });

  it('falls back to rules without a host, then the default backend', () => {
    expect(service('other.local', '/static/app.js')).toBe('static');
    expect(service('other.local', '/')).toBe('fallback');
    expect(routeRequest([routes[0]!], 'other.local', '/')).toBeUndefined();
  });
});
