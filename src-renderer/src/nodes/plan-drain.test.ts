import { describe, expect, it } from 'vitest';
import type { Pod } from '@shared/pod-types';
import { isRecreated, planDrain } from './plan-drain';

const pod = (
  name: string,
  extra: { node?: string; owner?: string; mirror?: boolean; phase?: string } = {},
): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'ns',
      ...(extra.owner
        ? {
            ownerReferences: [
              { kind: extra.owner, name: 'o', uid: 'u', apiVersion: 'apps/v1', controller: true },
            ],
          }
        : {}),
      ...(extra.mirror ? { annotations: { 'kubernetes.io/config.mirror': 'x' } } : {}),
    },
    spec: { nodeName: extra.node ?? 'n1', containers: [] },
    status: { phase: extra.phase ?? 'Running' },
  }) as unknown as Pod;

describe('planDrain', () => {
  it.each([
    { what: 'a ReplicaSet pod', p: pod('a', { owner: 'ReplicaSet' }), evicted: true, why: undefined },
    { what: 'a bare pod', p: pod('a'), evicted: true, why: undefined },
    {
      what: 'a DaemonSet pod',
      p: pod('a', { owner: 'DaemonSet' }),
      evicted: false,
      why: 'DaemonSet pod (its controller keeps it)',
    },
    {
      what: 'a mirror pod',
      p: pod('a', { mirror: true }),
      evicted: false,
      why: 'mirror pod (the kubelet owns it)',
    },
    { what: 'a finished pod', p: pod('a', { phase: 'Succeeded' }), evicted: false, why: 'already Succeeded' },
  ])('$what: evicted $evicted', ({ p, evicted, why }) => {
    const plan = planDrain('n1', [p]);
    expect(plan.evict.length === 1).toBe(evicted);
    expect(plan.skipped[0]?.why).toBe(why);
  });

  it('leaves pods of other nodes alone', () => {
    expect(planDrain('n1', [pod('a', { node: 'n2' })])).toEqual({ evict: [], skipped: [] });
  });

  it('knows which evicted pods come back', () => {
    expect(isRecreated(pod('a', { owner: 'ReplicaSet' }))).toBe(true);
    expect(isRecreated(pod('a'))).toBe(false);
  });
});
