import { describe, expect, it } from 'vitest';
import type { Node } from '@shared/pod-types';
import { nodeRoles, nodeState } from './node-state';

const node = (
  ready: string | undefined,
  unschedulable = false,
  labels: Record<string, string> = {},
): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n', labels },
  spec: { unschedulable },
  status: { conditions: ready ? [{ type: 'Ready', status: ready as 'True' | 'False' }] : [] },
});

describe('nodeState', () => {
  it.each([
    { ready: 'True' as const, cordoned: false, expected: 'Ready' },
    { ready: 'False' as const, cordoned: false, expected: 'NotReady' },
    { ready: undefined, cordoned: false, expected: 'Unknown' },
    { ready: 'True' as const, cordoned: true, expected: 'Ready,SchedulingDisabled' },
  ])('$ready, cordoned $cordoned → $expected', ({ ready, cordoned, expected }) => {
    expect(nodeState(node(ready, cordoned))).toBe(expected);
  });
});

describe('nodeRoles', () => {
  it.each<{ labels: Record<string, string>; expected: string }>([
    { labels: {}, expected: '<none>' },
    { labels: { 'node-role.kubernetes.io/control-plane': '' }, expected: 'control-plane' },
    {
      labels: { 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/infra': '' },
      expected: 'infra,worker',
    },
  ])('$labels → $expected', ({ labels, expected }) => {
    expect(nodeRoles(node('True', false, labels))).toBe(expected);
  });
});
