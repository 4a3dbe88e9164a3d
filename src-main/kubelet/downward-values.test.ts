import { describe, expect, it } from 'vitest';
import type { Pod } from '../shared/pod-types';
import { fieldValue, formatMap, projectDownwardFiles, resourceValue } from './downward-values';
import { projectPodVolume } from './project-pod-volume';

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web',
    namespace: 'shop',
    uid: 'u-1',
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { app: 'web', tier: 'front' },
    annotations: { note: 'say "hi"\n' },
  },
  spec: {
    nodeName: 'skiff',
    containers: [
      {
        name: 'c',
        image: 'x',
        resources: { limits: { memory: '64Mi' }, requests: { cpu: '250m', memory: '32Mi' } },
      },
    ],
  },
};
const facts = {
  podIP: '10.0.0.5',
  hostIP: '127.0.0.1',
  allocatable: { cpu: '4', memory: '8Gi', 'ephemeral-storage': '0' },
};

describe('downward values', () => {
  it('reads fields as the kubelet does', () => {
    expect(fieldValue(pod, 'metadata.name', facts)).toBe('web');
    expect(fieldValue(pod, "metadata.labels['tier']", facts)).toBe('front');
    expect(fieldValue(pod, "metadata.labels['missing']", facts)).toBe('');
    expect(fieldValue(pod, 'spec.serviceAccountName', facts)).toBe('default');
    expect(fieldValue(pod, 'status.podIPs', facts)).toBe('10.0.0.5');
    expect(fieldValue(pod, 'metadata.labels', facts)).toBe('app="web"\ntier="front"');
    expect(formatMap(pod.metadata.annotations)).toBe('note="say \\"hi\\"\\n"');
    expect(() => fieldValue(pod, 'spec.bogus', facts)).toThrow('unsupported fieldPath');
  });

  it('divides resources, rounding up, and reads an unset limit as the node allocatable', () => {
    const c = pod.spec.containers[0]!;
    expect(resourceValue(pod, { resource: 'requests.cpu' }, c, facts)).toBe('1');
    expect(resourceValue(pod, { resource: 'requests.cpu', divisor: '1m' }, c, facts)).toBe('250');
    expect(resourceValue(pod, { resource: 'limits.memory', divisor: '1Mi' }, c, facts)).toBe('64');
    expect(resourceValue(pod, { resource: 'limits.memory', divisor: '1G' }, c, facts)).toBe('1');
    expect(resourceValue(pod, { resource: 'limits.cpu' }, c, facts)).toBe('4');
    expect(
      resourceValue(pod, { resource: 'limits.cpu', divisor: '1m', containerName: 'c' }, undefined, facts),
    ).toBe('4000');
    expect(resourceValue(pod, { resource: 'requests.ephemeral-storage' }, c, facts)).toBe('0');
    expect(() =>
      resourceValue(pod, { resource: 'limits.cpu', containerName: 'nope' }, undefined, facts),
    ).toThrow('container nope not found');
  });

  it('projects downwardAPI items with their modes', () => {
    const files = projectDownwardFiles(
      pod,
      [
        { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
        {
          path: 'dir/mem',
          resourceFieldRef: { containerName: 'c', resource: 'limits.memory', divisor: '1Mi' },
          mode: 0o400,
        },
      ],
      0o644,
      facts,
    );
    expect(files.map((f) => [f.path, f.mode, f.content.toString()])).toEqual([
      ['labels', 0o644, 'app="web"\ntier="front"'],
      ['dir/mem', 0o400, '64'],
    ]);
  });
});

describe('projected volumes', () => {
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cfg' },
    data: { a: '1', b: '2' },
  };
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's' },
    data: { k: Buffer.from('v').toString('base64') },
  };
  const sources = {
    configMap: (name: string) => (name === 'cfg' ? configMap : undefined),
    secret: (name: string) => (name === 's' ? secret : undefined),
    serviceAccountToken: () => ({ token: 'token' }),
  };

  it('merges its sources into one directory with defaultMode and item modes', () => {
    const projection = projectPodVolume(
      {
        name: 'all',
        projected: {
          defaultMode: 0o440,
          sources: [
            { configMap: { name: 'cfg', items: [{ key: 'a', path: 'conf/a' }] } },
            { secret: { name: 's', items: [{ key: 'k', path: 'key', mode: 0o400 }] } },
            { downwardAPI: { items: [{ path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } },
            { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
          ],
        },
      },
      pod,
      sources,
      facts,
    );
    if ('error' in projection) throw new Error(projection.error);
    expect(projection.files.map((f) => [f.path, f.mode])).toEqual([
      ['conf/a', 0o440],
      ['key', 0o400],
      ['name', 0o440],
      ['token', 0o440],
    ]);
    expect(projection.files.find((f) => f.path === 'name')!.content.toString()).toBe('web');
  });

  it('fails like a configMap volume when a source is missing, unless optional', () => {
    const missing = { name: 'v', projected: { sources: [{ configMap: { name: 'gone' } }] } };
    expect(projectPodVolume(missing, pod, sources, facts)).toEqual({ error: 'configmap "gone" not found' });
    const optional = { name: 'v', projected: { sources: [{ configMap: { name: 'gone', optional: true } }] } };
    expect(projectPodVolume(optional, pod, sources, facts)).toEqual({ files: [] });
  });

  it('writes the token the kubelet was given, and fails the mount while there is none', () => {
    const volume = {
      name: 'v',
      projected: {
        sources: [{ serviceAccountToken: { path: 'token', audience: 'vault', expirationSeconds: 600 } }],
      },
    };
    const asked: unknown[] = [];
    const withToken = {
      ...sources,
      serviceAccountToken: (audience: string | undefined, seconds: number) => {
        asked.push([audience, seconds]);
        return { token: 'signed' };
      },
    };
    const projection = projectPodVolume(volume, pod, withToken, facts);
    if ('error' in projection) throw new Error(projection.error);
    expect(projection.files[0]!.content.toString()).toBe('signed');
    expect(asked).toEqual([['vault', 600]]);
    const without = { ...sources, serviceAccountToken: () => ({ error: 'serviceaccounts "x" not found' }) };
    expect(projectPodVolume(volume, pod, without, facts)).toEqual({ error: 'serviceaccounts "x" not found' });
  });
});
