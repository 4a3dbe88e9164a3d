import { describe, expect, it } from 'vitest';
import {
  describeContexts,
  INSECURE_WARNING,
  mergeKubeconfigs,
  type KubeconfigFile,
} from './merge-kubeconfigs';

const file = (path: string, parts: Partial<KubeconfigFile>): KubeconfigFile => ({
  path,
  clusters: [],
  users: [],
  contexts: [],
  ...parts,
});
const cluster = (name: string, server: string, skipTLSVerify = false) => ({ name, server, skipTLSVerify });

describe('mergeKubeconfigs', () => {
  it('keeps the first file’s entry of each name, as kubectl does', () => {
    const merged = mergeKubeconfigs([
      file('/a', {
        clusters: [cluster('c', 'https://first')],
        users: [{ name: 'u', token: 'one' }],
        contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
      }),
      file('/b', {
        clusters: [cluster('c', 'https://second'), cluster('d', 'https://d')],
        users: [{ name: 'u', token: 'two' }],
        contexts: [
          { name: 'ctx', cluster: 'd', user: 'u' },
          { name: 'other', cluster: 'd', user: 'u' },
        ],
      }),
    ]);
    expect(merged.clusters.map((c) => c.server)).toEqual(['https://first', 'https://d']);
    expect(merged.users.map((u) => u.token)).toEqual(['one']);
    expect(merged.contexts).toEqual([
      { context: { name: 'ctx', cluster: 'c', user: 'u' }, source: '/a' },
      { context: { name: 'other', cluster: 'd', user: 'u' }, source: '/b' },
    ]);
  });

  it('lets a context use a user another file defines', () => {
    const merged = mergeKubeconfigs([
      file('/a', { contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }] }),
      file('/b', { clusters: [cluster('c', 'https://c')], users: [{ name: 'u', token: 't' }] }),
    ]);
    const [described] = describeContexts(merged, 'https://127.0.0.1:6443');
    expect(described).toMatchObject({ id: 'ctx', server: 'https://c', source: '/a', warnings: [] });
  });
});

describe('describeContexts', () => {
  const local = 'https://127.0.0.1:47443';
  it.each([
    ['https://127.0.0.1:47443', true],
    ['https://localhost:47443', true],
    ['http://127.0.0.1:47443', true],
    ['https://[::1]:47443/', true],
    ['https://127.0.0.1:6443', false],
    ['https://10.0.0.1:47443', false],
    ['https://127.0.0.1:47443/prefix', false],
  ])('a context whose server is %s is the local Skiff: %s', (server, isLocal) => {
    const merged = mergeKubeconfigs([
      file('/k', {
        clusters: [cluster('c', server)],
        contexts: [{ name: 'skiff', cluster: 'c', user: 'u' }],
      }),
    ]);
    expect(describeContexts(merged, local).length).toBe(isLocal ? 0 : 1);
  });

  it('describes each context with its warnings', () => {
    const merged = mergeKubeconfigs([
      file('/k', {
        clusters: [cluster('open', 'https://open:6443', true), cluster('plain', 'http://plain:8080', true)],
        users: [{ name: 'u' }],
        contexts: [
          { name: 'Open Cluster', cluster: 'open', user: 'u', namespace: 'team' },
          { name: 'plain', cluster: 'plain', user: 'u' },
          { name: 'broken', cluster: 'missing', user: 'nobody' },
        ],
      }),
    ]);
    const described = describeContexts(merged, local);
    expect(described[0]).toMatchObject({
      name: 'Open Cluster',
      cluster: 'open',
      server: 'https://open:6443',
      user: 'u',
      namespace: 'team',
      source: '/k',
      local: false,
      warnings: [INSECURE_WARNING],
    });
    expect(described[0]!.id).toMatch(/^open-cluster-[0-9a-f]{6}$/);
    expect(described[1]!.warnings).toEqual([
      INSECURE_WARNING,
      'the server is plain HTTP: credentials and data travel unencrypted',
    ]);
    expect(described[1]).not.toHaveProperty('namespace');
    expect(described[2]!.warnings).toEqual([
      'cluster "missing" is not defined in any kubeconfig file',
      'user "nobody" is not defined in any kubeconfig file',
    ]);
  });
});
