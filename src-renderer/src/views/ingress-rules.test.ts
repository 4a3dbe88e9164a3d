import { describe, expect, it } from 'vitest';
import type { Ingress } from '@shared/ingress-types';
import { ingressRuleRows } from './ingress-rules';

const ingress = (spec: Ingress['spec'], served = true): Ingress =>
  ({
    metadata: { name: 'shop' },
    spec,
    status: served
      ? { loadBalancer: { ingress: [{ ip: '127.0.0.1', ports: [{ port: 47480, protocol: 'TCP' }] }] } }
      : {},
  }) as Ingress;

const to = (name: string, number: number) => ({ service: { name, port: { number } } });

describe('an Ingress as rows', () => {
  it('lists each host and path with its backend and how to reach it', () => {
    const rows = ingressRuleRows(
      ingress({
        rules: [
          {
            host: 'shop.localhost',
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: to('web', 80) }] },
          },
          {
            host: 'api.example.com',
            http: { paths: [{ path: '/v1', pathType: 'Exact', backend: to('api', 8080) }] },
          },
          { http: { paths: [{ path: '/status', pathType: 'Prefix', backend: to('web', 80) }] } },
          { host: '*.example.com', http: { paths: [{ pathType: 'Prefix', backend: to('web', 80) }] } },
        ],
        defaultBackend: { service: { name: 'fallback', port: { name: 'http' } } },
      }),
    );
    expect(rows).toEqual([
      {
        key: '0/0',
        host: 'shop.localhost',
        path: '/',
        pathType: 'Prefix',
        backend: 'web:80',
        url: 'http://shop.localhost:47480/',
      },
      {
        key: '1/0',
        host: 'api.example.com',
        path: '/v1',
        pathType: 'Exact',
        backend: 'api:8080',
        curl: "curl -H 'Host: api.example.com' http://127.0.0.1:47480/v1",
      },
      {
        key: '2/0',
        host: '*',
        path: '/status',
        pathType: 'Prefix',
        backend: 'web:80',
        url: 'http://127.0.0.1:47480/status',
      },
      {
        key: '3/0',
        host: '*.example.com',
        path: '/',
        pathType: 'Prefix',
        backend: 'web:80',
        curl: "curl -H 'Host: x.example.com' http://127.0.0.1:47480/",
      },
      {
        key: 'default',
        host: '*',
        path: '(anything else)',
        pathType: 'default',
        backend: 'fallback:http',
        url: 'http://127.0.0.1:47480/',
      },
    ]);
  });

  it('offers no way in before Skiff serves it (no address in its status yet)', () => {
    const [row] = ingressRuleRows(
      ingress(
        { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: to('web', 80) }] } }] },
        false,
      ),
    );
    expect(row?.url).toBeUndefined();
    expect(row?.curl).toBeUndefined();
  });
});
