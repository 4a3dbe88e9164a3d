import { describe, expect, it } from 'vitest';
import type { Pod } from '../shared/pod-types';
import { podDnsAliases, podDomain, podHostname } from './pod-names';

const pod = (spec: Partial<Pod['spec']>): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-0', namespace: 'shop' },
  spec: { containers: [], ...spec },
});

describe('pod DNS names', () => {
  it('a pod answers to its hostname only, without a subdomain', () => {
    expect(podDnsAliases(pod({}))).toEqual(['web-0']);
    expect(podDomain(pod({}))).toBeUndefined();
  });

  it('a pod with hostname and subdomain gets the names a cluster DNS resolves', () => {
    const p = pod({ hostname: 'db-0', subdomain: 'nginx' });
    expect(podHostname(p)).toBe('db-0');
    expect(podDomain(p)).toBe('nginx.shop.svc.cluster.local');
    expect(podDnsAliases(p)).toEqual([
      'db-0',
      'db-0.nginx',
      'db-0.nginx.shop',
      'db-0.nginx.shop.svc',
      'db-0.nginx.shop.svc.cluster.local',
    ]);
  });
});
