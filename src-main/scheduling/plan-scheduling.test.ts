import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../shared/pod-types';
import { planScheduling } from './plan-scheduling';

const node = (ready = true): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'skiff', labels: { 'kubernetes.io/os': 'linux' } },
  status: {
    allocatable: { cpu: '2', memory: '1Gi', pods: '110' },
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
  },
});
const pod = (
  name: string,
  memory?: string,
  created = '2026-01-01T00:00:00Z',
  extra: Partial<Pod['spec']> = {},
): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, creationTimestamp: created },
  spec: {
    containers: [{ name: 'c', image: 'x', resources: memory ? { requests: { memory } } : {} }],
    ...extra,
  },
});
const summary = (d: ReturnType<typeof planScheduling>) =>
  d.map((x) => (x.bind ? `${x.pod.metadata.name}: bind` : `${x.pod.metadata.name}: ${x.message}`));

describe('planScheduling', () => {
  it('binds pods that fit, oldest first, and reports what is short for the rest', () => {
    const decisions = planScheduling(
      [pod('late', '512Mi', '2026-01-02T00:00:00Z'), pod('early', '600Mi')],
      [pod('running', '300Mi')],
      node(),
    );
    expect(summary(decisions)).toEqual([
      'early: bind',
      'late: 0/1 nodes are available: 1 Insufficient memory.',
    ]);
  });

  it('places nothing on a node that is not ready', () => {
    expect(summary(planScheduling([pod('a')], [], node(false)))[0]).toMatch(/not-ready/);
  });

  it('does not count finished pods', () => {
    const done = { ...pod('done', '1Gi'), status: { phase: 'Succeeded' as const } };
    expect(summary(planScheduling([pod('a', '1Gi')], [done], node()))).toEqual(['a: bind']);
  });

  it('honours nodeSelector', () => {
    expect(
      summary(
        planScheduling([pod('a', undefined, undefined, { nodeSelector: { disk: 'ssd' } })], [], node()),
      )[0],
    ).toMatch(/didn't match/);
  });
});

describe('planScheduling and the unschedulable taint', () => {
  it('binds a pod that tolerates node.kubernetes.io/unschedulable (DaemonSet pods) on a cordoned node', () => {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'skiff' },
      spec: { unschedulable: true },
      status: {
        allocatable: { cpu: '2', memory: '2Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    } as Node;
    const pending = (name: string, tolerations?: unknown[]) =>
      ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [], tolerations } }) as Pod;
    const decisions = planScheduling(
      [
        pending('daemon', [
          { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
        ]),
        pending('plain'),
      ],
      [],
      node,
    );
    expect(decisions.map((d) => [d.pod.metadata.name, d.bind])).toEqual([
      ['daemon', true],
      ['plain', false],
    ]);
  });
});
