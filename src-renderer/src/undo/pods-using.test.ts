import { describe, expect, it } from 'vitest';
import type { Pod, PodSpec } from '@shared/pod-types';
import { podsUsing } from './pods-using';

const pod = (name: string, spec: Partial<PodSpec>, namespace = 'shop'): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: { containers: [{ name: 'app', image: 'x' }], ...spec },
  }) as Pod;

const pods = [
  pod('by-volume', { volumes: [{ name: 'c', configMap: { name: 'cfg' } }] }),
  pod('by-env', {
    containers: [
      {
        name: 'a',
        image: 'x',
        env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
      },
    ],
  }),
  pod('by-env-from', {
    containers: [{ name: 'a', image: 'x', envFrom: [{ configMapRef: { name: 'cfg' } }] }],
  }),
  pod('by-pull-secret', { imagePullSecrets: [{ name: 'db' }] }),
  pod('by-claim', { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] }),
  pod('elsewhere', { volumes: [{ name: 'c', configMap: { name: 'cfg' } }] }, 'other'),
];
const names = (list: Pod[]) => list.map((p) => p.metadata.name);

describe('podsUsing', () => {
  it('finds ConfigMaps used as volumes and in env, in the same namespace only', () => {
    expect(names(podsUsing(pods, { kind: 'ConfigMap', name: 'cfg', namespace: 'shop' }))).toEqual([
      'by-volume',
      'by-env-from',
    ]);
  });

  it('finds Secrets used in env and to pull images', () => {
    expect(names(podsUsing(pods, { kind: 'Secret', name: 'db', namespace: 'shop' }))).toEqual([
      'by-env',
      'by-pull-secret',
    ]);
  });

  it('finds the pods mounting a claim, terminating ones too (they hold it until gone)', () => {
    const going = pod('going', { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] });
    going.metadata.deletionTimestamp = '2026-11-23T10:00:00Z';
    expect(
      names(podsUsing([...pods, going], { kind: 'PersistentVolumeClaim', name: 'data', namespace: 'shop' })),
    ).toEqual(['by-claim', 'going']);
  });
});
