import { describe, expect, it } from 'vitest';
import type { Pod } from '../shared/pod-types';
import type { ReplicaSet } from '../shared/workload-types';
import { compareForDeletion, planReplicaSet } from './plan-replica-set';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const rs = (
  replicas: number,
  extra: Partial<ReplicaSet['metadata']> = {},
  minReadySeconds = 0,
): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-abc', namespace: 'default', uid: 'rs-uid', generation: 3, ...extra },
  spec: {
    replicas,
    minReadySeconds,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web', tier: 'front' } },
      spec: { containers: [{ name: 'web', image: 'web:1' }] },
    },
  },
});
interface PodOptions {
  owner?: string | null;
  labels?: Record<string, string>;
  phase?: 'Pending' | 'Running' | 'Succeeded';
  ready?: string; // lastTransitionTime of Ready=True
  node?: boolean;
  restarts?: number;
  created?: string;
  deleting?: boolean;
}
const pod = (name: string, o: PodOptions = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'default',
    labels: o.labels ?? { app: 'web', tier: 'front' },
    creationTimestamp: o.created ?? '2026-11-23T10:00:00Z',
    ...(o.owner === null
      ? {}
      : {
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: 'x',
              uid: o.owner ?? 'rs-uid',
              controller: true,
            },
          ],
        }),
    ...(o.deleting ? { deletionTimestamp: '2026-11-23T11:00:00Z' } : {}),
  },
  spec: { containers: [], ...(o.node === false ? {} : { nodeName: 'skiff' }) },
  status: {
    phase: o.phase ?? 'Running',
    conditions: o.ready
      ? [{ type: 'Ready', status: 'True', lastTransitionTime: o.ready }]
      : [{ type: 'Ready', status: 'False' }],
    containerStatuses: [
      {
        name: 'web',
        state: {},
        lastState: {},
        ready: !!o.ready,
        restartCount: o.restarts ?? 0,
        image: '',
        imageID: '',
      },
    ],
  },
});
const names = (pods: Pod[]) => pods.map((p) => p.metadata.name);

describe('planReplicaSet', () => {
  it('creates the missing replicas', () => {
    expect(planReplicaSet(rs(3), [pod('a', { ready: '2026-11-23T11:00:00Z' })], NOW)).toMatchObject({
      create: 2,
      delete: [],
      status: { replicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 3 },
    });
  });

  it('does not count pods that are finished or being deleted, and replaces them', () => {
    const plan = planReplicaSet(
      rs(2),
      [pod('done', { phase: 'Succeeded' }), pod('going', { deleting: true }), pod('ok')],
      NOW,
    );
    expect(plan.create).toBe(1);
    expect(plan.status.replicas).toBe(1);
  });

  it('adopts matching orphans, ignores pods of other controllers, releases pods that stopped matching', () => {
    const plan = planReplicaSet(
      rs(2),
      [
        pod('orphan', { owner: null }),
        pod('other', { owner: 'someone-else' }),
        pod('relabelled', { labels: { app: 'db' } }),
        pod('mine'),
      ],
      NOW,
    );
    expect(names(plan.adopt)).toEqual(['orphan']);
    expect(names(plan.release)).toEqual(['relabelled']);
    expect(plan.create).toBe(0);
  });

  it('deletes in Kubernetes order: unscheduled, pending, not ready, ready most recently, more restarts, newer', () => {
    const pods = [
      pod('ready-long', { ready: '2026-11-23T09:00:00Z' }),
      pod('ready-recent', { ready: '2026-11-23T11:59:00Z' }),
      pod('unscheduled', { node: false, phase: 'Pending' }),
      pod('pending', { phase: 'Pending' }),
      pod('not-ready-restarts', { restarts: 5 }),
      pod('not-ready-new', { created: '2026-11-23T11:00:00Z' }),
      pod('not-ready-old'),
    ];
    expect(names([...pods].sort(compareForDeletion))).toEqual([
      'unscheduled',
      'pending',
      'not-ready-restarts',
      'not-ready-new',
      'not-ready-old',
      'ready-recent',
      'ready-long',
    ]);
    expect(names(planReplicaSet(rs(4), pods, NOW).delete)).toEqual([
      'unscheduled',
      'pending',
      'not-ready-restarts',
    ]);
  });

  it('counts available replicas only after minReadySeconds of readiness', () => {
    const plan = planReplicaSet(
      rs(2, {}, 30),
      [pod('a', { ready: '2026-11-23T11:59:50Z' }), pod('b', { ready: '2026-11-23T11:50:00Z' })],
      NOW,
    );
    expect(plan.status).toMatchObject({ readyReplicas: 2, availableReplicas: 1, fullyLabeledReplicas: 2 });
  });

  it('neither creates nor deletes while the ReplicaSet itself is being deleted', () => {
    expect(planReplicaSet(rs(3, { deletionTimestamp: '2026-11-23T11:00:00Z' }), [], NOW)).toMatchObject({
      create: 0,
      delete: [],
      adopt: [],
    });
  });
});
