import { describe, expect, it } from 'vitest';
import type { Endpoints, Service } from '../shared/service-types';
import { clusterDnsRecords } from './plan-cluster-dns';

const service = (name: string, spec: Service['spec'], extra: Partial<Service['metadata']> = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'shop', ...extra },
  spec,
});

const endpoints = (
  name: string,
  ready: string[],
  notReady: string[] = [],
  hostnames: string[] = [],
): Endpoints => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name, namespace: 'shop' },
  subsets: [
    {
      addresses: ready.map((ip, i) => ({ ip, ...(hostnames[i] ? { hostname: hostnames[i] } : {}) })),
      notReadyAddresses: notReady.map((ip) => ({ ip })),
      ports: [{ port: 80 }],
    },
  ],
});

describe('cluster DNS records', () => {
  it('gives a headless Service the addresses of its ready endpoints only', () => {
    const records = clusterDnsRecords(
      [service('db', { clusterIP: 'None', selector: { app: 'db' } })],
      [endpoints('db', ['10.0.0.10', '10.0.0.9'], ['10.0.0.11'])],
    );
    expect(records).toBe('a db.shop.svc.cluster.local 10.0.0.9 10.0.0.10\n');
  });

  it('publishes not-ready addresses when the Service asks for it', () => {
    const records = clusterDnsRecords(
      [service('db', { clusterIP: 'None', publishNotReadyAddresses: true })],
      [endpoints('db', ['10.0.0.9'], ['10.0.0.11'])],
    );
    expect(records).toBe('a db.shop.svc.cluster.local 10.0.0.9 10.0.0.11\n');
  });

  it('has no record for a headless Service without endpoints (NXDOMAIN, as CoreDNS answers)', () => {
    expect(clusterDnsRecords([service('db', { clusterIP: 'None' })], [endpoints('db', [])])).toBe('');
  });

  it('names endpoints that carry a hostname under the Service', () => {
    const records = clusterDnsRecords(
      [service('db', { clusterIP: 'None' })],
      [endpoints('db', ['10.0.0.9', '10.0.0.10'], [], ['db-0', 'db-1'])],
    );
    expect(records).toBe(
      'a db.shop.svc.cluster.local 10.0.0.9 10.0.0.10\n' +
        'a db-0.db.shop.svc.cluster.local 10.0.0.9\n' +
        'a db-1.db.shop.svc.cluster.local 10.0.0.10\n',
    );
  });

  it('makes an ExternalName Service a CNAME and a ClusterIP Service its cluster IP', () => {
    const records = clusterDnsRecords(
      [
        service('mail', { type: 'ExternalName', externalName: 'Mail.Example.COM.' }),
        service('web', { type: 'ClusterIP', clusterIP: '172.18.128.1' }),
        service('pending', { type: 'ClusterIP' }),
        service('gone', { type: 'ClusterIP', clusterIP: '172.18.128.2' }, { deletionTimestamp: 'x' }),
      ],
      [],
    );
    expect(records).toBe(
      'cname mail.shop.svc.cluster.local mail.example.com\na web.shop.svc.cluster.local 172.18.128.1\n',
    );
  });
});
