import { describe, expect, it } from 'vitest';
import type { DaemonSet } from '../shared/apps-types';
import type { Node, Pod } from '../shared/pod-types';
import {
  daemonPodTolerations,
  newDaemonPod,
  nodeShouldRunDaemonPod,
  updatedDesiredNodeCounts,
} from './daemon-set-utils';
import { planDaemonSet, type DaemonSetInput } from './plan-daemon-set';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const ds = (spec: Partial<DaemonSet['spec']> = {}, generation = '2'): DaemonSet => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: {
    name: 'agent',
    namespace: 'default',
    uid: 'ds-uid',
    generation: 2,
    annotations: { 'deprecated.daemonset.template.generation': generation },
  },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: {
      metadata: { labels: { app: 'agent' } },
      spec: { containers: [{ name: 'a', image: 'agent:2' }] },
    },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    ...spec,
  },
});
const node = (
  name = 'skiff',
  o: { ready?: boolean; unschedulable?: boolean; labels?: Record<string, string>; taints?: unknown[] } = {},
): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
  spec: { unschedulable: o.unschedulable, ...(o.taints ? { taints: o.taints } : {}) } as Node['spec'],
  status: { conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
});
let serial = 0;
const pod = (
  nodeName: string,
  hash: string,
  state: 'ready' | 'unready' | 'failed' | 'terminating' = 'ready',
  created = '2026-11-23T10:00:00Z',
): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: `agent-${++serial}`,
    namespace: 'default',
    uid: `u${serial}`,
    creationTimestamp: created,
    labels: { app: 'agent', 'controller-revision-hash': hash },
    ...(state === 'terminating' ? { deletionTimestamp: '2026-11-23T11:00:00Z' } : {}),
  },
  spec: { containers: [], nodeName },
  status: {
    phase: state === 'failed' ? 'Failed' : 'Running',
    conditions: [
      {
        type: 'Ready',
        status: state === 'ready' ? 'True' : 'False',
        lastTransitionTime: '2026-11-23T10:00:00Z',
      },
    ],
  },
});
const input = (d: DaemonSet, nodes: Node[], pods: Pod[]): DaemonSetInput => ({
  ds: d,
  hash: 'new',
  nodes,
  pods,
  now: NOW,
});
const summary = (i: DaemonSetInput) => {
  const plan = planDaemonSet(i);
  return [
    ...plan.createOn.map((n) => `create on ${n}`),
    ...plan.delete.map((p) => `delete ${p.spec.nodeName}/${p.metadata.labels?.['controller-revision-hash']}`),
  ];
};

describe('planDaemonSet (daemon_controller.go manage, update.go rollingUpdate)', () => {
  it.each([
    {
      name: 'one pod per node',
      d: ds(),
      nodes: [node('a'), node('b')],
      pods: [],
      want: ['create on a', 'create on b'],
    },
    {
      name: 'nothing to do when each node has its pod',
      d: ds(),
      nodes: [node()],
      pods: [pod('skiff', 'new')],
      want: [],
    },
    {
      name: 'no new pod on a NotReady node',
      d: ds(),
      nodes: [node('skiff', { ready: false })],
      pods: [],
      want: [],
    },
    {
      name: 'a pod on a node that turns NotReady stays (not-ready NoExecute is tolerated)',
      d: ds(),
      nodes: [node('skiff', { ready: false })],
      pods: [pod('skiff', 'new')],
      want: [],
    },
    {
      name: 'an unschedulable node still runs daemon pods',
      d: ds(),
      nodes: [node('skiff', { unschedulable: true })],
      pods: [],
      want: ['create on skiff'],
    },
    {
      name: 'nodeSelector picks nodes',
      d: ds({
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [], nodeSelector: { disk: 'ssd' } },
        },
      }),
      nodes: [node('a', { labels: { disk: 'ssd' } }), node('b')],
      pods: [pod('b', 'new')],
      want: ['create on a', 'delete b/new'],
    },
    {
      name: 'an untolerated NoSchedule taint: no new pod, an existing one stays',
      d: ds(),
      nodes: [
        node('a', { taints: [{ key: 'gpu', effect: 'NoSchedule' }] }),
        node('b', { taints: [{ key: 'gpu', effect: 'NoSchedule' }] }),
      ],
      pods: [pod('a', 'new')],
      want: [],
    },
    {
      name: 'an untolerated NoExecute taint evicts',
      d: ds(),
      nodes: [node('a', { taints: [{ key: 'gpu', effect: 'NoExecute' }] })],
      pods: [pod('a', 'new')],
      want: ['delete a/new'],
    },
    {
      name: 'a failed pod is deleted',
      d: ds(),
      nodes: [node()],
      pods: [pod('skiff', 'new', 'failed')],
      want: ['delete skiff/new'],
    },
    {
      name: 'two pods on a node without surge: all but the oldest go',
      d: ds(),
      nodes: [node()],
      pods: [
        pod('skiff', 'new', 'ready', '2026-11-23T10:00:00Z'),
        pod('skiff', 'new', 'ready', '2026-11-23T10:05:00Z'),
      ],
      want: ['delete skiff/new'],
    },
    {
      name: 'rolling update, maxUnavailable 1: one old pod at a time',
      d: ds(),
      nodes: [node('a'), node('b')],
      pods: [pod('a', 'old'), pod('b', 'old')],
      want: ['delete a/old'],
    },
    {
      name: 'rolling update waits while a new pod is unavailable',
      d: ds(),
      nodes: [node('a'), node('b')],
      pods: [pod('a', 'new', 'unready'), pod('b', 'old')],
      want: [],
    },
    {
      name: 'an unavailable old pod is always replaced',
      d: ds(),
      nodes: [node('a'), node('b')],
      pods: [pod('a', 'new', 'unready'), pod('b', 'old', 'unready')],
      want: ['delete b/old'],
    },
    {
      name: 'maxUnavailable 100%: every old pod at once',
      d: ds({
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%', maxSurge: 0 } },
      }),
      nodes: [node('a'), node('b')],
      pods: [pod('a', 'old'), pod('b', 'old')],
      want: ['delete a/old', 'delete b/old'],
    },
    {
      name: 'surge: a new pod next to the old one first',
      d: ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } }),
      nodes: [node('a'), node('b')],
      pods: [pod('a', 'old'), pod('b', 'old')],
      want: ['create on a'],
    },
    {
      name: 'surge: the old pod goes once the new one is available',
      d: ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } }),
      nodes: [node('a')],
      pods: [pod('a', 'old', 'ready', '2026-11-23T09:00:00Z'), pod('a', 'new')],
      want: ['delete a/old'],
    },
    {
      name: 'surge: both stay while the new one is not ready',
      d: ds({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } }),
      nodes: [node('a')],
      pods: [pod('a', 'old', 'ready', '2026-11-23T09:00:00Z'), pod('a', 'new', 'unready')],
      want: [],
    },
    {
      name: 'OnDelete leaves old pods',
      d: ds({ updateStrategy: { type: 'OnDelete' } }),
      nodes: [node('a')],
      pods: [pod('a', 'old')],
      want: [],
    },
  ])('$name', ({ d, nodes, pods, want }) => {
    expect(summary(input(d, nodes, pods))).toEqual(want);
  });

  it('reports status per node from its oldest pod', () => {
    const d = ds({
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [], nodeSelector: { disk: 'ssd' } },
      },
    });
    const nodes = [
      node('a', { labels: { disk: 'ssd' } }),
      node('b', { labels: { disk: 'ssd' } }),
      node('c'),
      node('d', { labels: { disk: 'ssd' } }),
    ];
    const pods = [pod('a', 'new'), pod('b', 'old', 'unready'), pod('c', 'new')];
    expect(planDaemonSet(input(d, nodes, pods)).status).toEqual({
      observedGeneration: 2,
      desiredNumberScheduled: 3,
      currentNumberScheduled: 2,
      numberMisscheduled: 1,
      numberReady: 1,
      numberAvailable: 1,
      updatedNumberScheduled: 1,
      numberUnavailable: 2,
    });
  });

  it('counts a pod of the current template generation as updated', () => {
    const p = pod('skiff', 'other');
    p.metadata.labels!['pod-template-generation'] = '2';
    expect(planDaemonSet(input(ds(), [node()], [p])).status.updatedNumberScheduled).toBe(1);
  });

  it('resolves maxSurge and maxUnavailable against desired nodes, rounding up', () => {
    expect(
      updatedDesiredNodeCounts(
        ds({
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 } },
        }),
        5,
      ),
    ).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(
      updatedDesiredNodeCounts(
        ds({
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '50%' } },
        }),
        5,
      ),
    ).toEqual({ maxSurge: 3, maxUnavailable: 0 });
  });

  it('makes pods with the default tolerations, the hash, the generation and node affinity', () => {
    const p = newDaemonPod(ds(), 'skiff', 'h1');
    expect(p.metadata).toMatchObject({
      generateName: 'agent-',
      labels: { app: 'agent', 'controller-revision-hash': 'h1', 'pod-template-generation': '2' },
    });
    expect(p.spec.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['skiff'] }] }],
        },
      },
    });
    expect((p.spec.tolerations as Array<{ key: string }>).map((t) => t.key)).toEqual([
      'node.kubernetes.io/not-ready',
      'node.kubernetes.io/unreachable',
      'node.kubernetes.io/disk-pressure',
      'node.kubernetes.io/memory-pressure',
      'node.kubernetes.io/pid-pressure',
      'node.kubernetes.io/unschedulable',
    ]);
    expect(daemonPodTolerations({ spec: { containers: [], hostNetwork: true } as never }).at(-1)?.key).toBe(
      'node.kubernetes.io/network-unavailable',
    );
  });

  it('honours a template nodeName', () => {
    const d = ds({
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [], nodeName: 'other' } },
    });
    expect(nodeShouldRunDaemonPod(node('skiff'), d)).toEqual({
      shouldRun: false,
      shouldContinueRunning: false,
    });
  });
});
