import { describe, expect, it } from 'vitest';
import type { StatefulSet } from '../shared/apps-types';
import type { Pod } from '../shared/pod-types';
import type { PersistentVolumeClaim } from '../shared/storage-types';
import { completeRollingUpdate, planStatefulSet, type StatefulSetInput } from './plan-stateful-set';
import { claimOwners, newStatefulSetPod, parentAndOrdinal } from './stateful-set-utils';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const template = (image: string) => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image }] },
});
const CURRENT = { name: 'web-old', template: template('nginx:1') };
const UPDATE = { name: 'web-new', template: template('nginx:2') };

const set = (
  spec: Partial<StatefulSet['spec']> = {},
  meta: Partial<StatefulSet['metadata']> = {},
): StatefulSet => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default', uid: 'set-uid', generation: 2, ...meta },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    serviceName: 'nginx',
    template: template('nginx:2'),
    podManagementPolicy: 'OrderedReady',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    ...spec,
  },
});

type State = 'ready' | 'pending' | 'running' | 'failed' | 'terminating';
const pod = (s: StatefulSet, ordinal: number, state: State = 'ready', revision = 'web-new'): Pod => {
  const base = newStatefulSetPod(s, template('nginx:2'), ordinal, revision);
  return {
    ...base,
    metadata: {
      ...base.metadata,
      uid: `uid-${ordinal}`,
      ...(state === 'terminating' ? { deletionTimestamp: '2026-11-23T11:59:00Z' } : {}),
    },
    status: {
      phase: state === 'pending' ? 'Pending' : state === 'failed' ? 'Failed' : 'Running',
      conditions: [
        {
          type: 'Ready',
          status: state === 'ready' || state === 'terminating' ? 'True' : 'False',
          lastTransitionTime: '2026-11-23T11:00:00Z',
        },
      ],
    },
  };
};
const input = (s: StatefulSet, pods: Pod[], claims: PersistentVolumeClaim[] = []): StatefulSetInput => ({
  set: s,
  current: CURRENT,
  update: UPDATE,
  collisionCount: 0,
  pods,
  claims: new Map(claims.map((c) => [c.metadata.name ?? '', c])),
  now: NOW,
});
const summary = (i: StatefulSetInput) =>
  planStatefulSet(i).actions.map((a) =>
    a.type === 'createClaim'
      ? `claim ${a.claim.metadata.name}`
      : a.type === 'updateClaimOwners'
        ? `owners ${a.claim.metadata.name}`
        : `${a.type === 'createPod' ? 'create' : a.type === 'deletePod' ? `delete(${a.why})` : 'update'} ${a.pod.metadata.name}`,
  );

describe('planStatefulSet (stateful_set_control.go)', () => {
  const ordered = set();
  const parallel = set({ podManagementPolicy: 'Parallel' });
  const rolling = (partition: number) =>
    set({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } } });
  it.each([
    { name: 'OrderedReady creates web-0 alone', s: ordered, pods: [], want: ['create web-0'] },
    {
      name: 'OrderedReady waits for web-0 to be Ready',
      s: ordered,
      pods: [pod(ordered, 0, 'running')],
      want: [],
    },
    {
      name: 'OrderedReady waits for a Pending pod',
      s: ordered,
      pods: [pod(ordered, 0, 'pending')],
      want: [],
    },
    {
      name: 'OrderedReady creates the next once Ready',
      s: ordered,
      pods: [pod(ordered, 0)],
      want: ['create web-1'],
    },
    {
      name: 'OrderedReady fills a hole before going on',
      s: ordered,
      pods: [pod(ordered, 0), pod(ordered, 2)],
      want: ['create web-1'],
    },
    {
      name: 'Parallel creates every ordinal',
      s: parallel,
      pods: [],
      want: ['create web-0', 'create web-1', 'create web-2'],
    },
    {
      name: 'Parallel does not wait for unready pods',
      s: parallel,
      pods: [pod(parallel, 0, 'pending')],
      want: ['create web-1', 'create web-2'],
    },
    {
      name: 'scale down removes the highest ordinal first',
      s: set({ replicas: 1 }),
      pods: [0, 1, 2].map((i) => pod(ordered, i)),
      want: ['delete(scale-down) web-2'],
    },
    {
      name: 'scale down waits for a terminating pod',
      s: set({ replicas: 1 }),
      pods: [pod(ordered, 0), pod(ordered, 1), pod(ordered, 2, 'terminating')],
      want: [],
    },
    {
      name: 'scale down does not act while a kept pod is unhealthy',
      s: set({ replicas: 1 }),
      pods: [pod(ordered, 0, 'running'), pod(ordered, 1), pod(ordered, 2)],
      want: [],
    },
    {
      name: 'scale down removes the first unhealthy condemned pod',
      s: set({ replicas: 1 }),
      pods: [pod(ordered, 0), pod(ordered, 1), pod(ordered, 2, 'running')],
      want: ['delete(scale-down) web-2'],
    },
    {
      name: 'Parallel scale down removes every condemned pod at once',
      s: set({ replicas: 1, podManagementPolicy: 'Parallel' }),
      pods: [0, 1, 2].map((i) => pod(ordered, i)),
      want: ['delete(scale-down) web-2', 'delete(scale-down) web-1'],
    },
    {
      name: 'a failed pod is deleted to be made again',
      s: ordered,
      pods: [pod(ordered, 0, 'failed')],
      want: ['delete(failed) web-0'],
    },
    {
      name: 'rolling update replaces the highest ordinal not at the update revision',
      s: rolling(0),
      pods: [0, 1, 2].map((i) => pod(ordered, i, 'ready', 'web-old')),
      want: ['delete(update) web-2'],
    },
    {
      name: 'rolling update waits for the replaced pod to be available',
      s: rolling(0),
      pods: [
        pod(ordered, 0, 'ready', 'web-old'),
        pod(ordered, 1, 'ready', 'web-old'),
        pod(ordered, 2, 'running'),
      ],
      want: [],
    },
    {
      name: 'rolling update goes on down once it is',
      s: rolling(0),
      pods: [pod(ordered, 0, 'ready', 'web-old'), pod(ordered, 1, 'ready', 'web-old'), pod(ordered, 2)],
      want: ['delete(update) web-1'],
    },
    {
      name: 'a partition keeps lower ordinals at the current revision',
      s: rolling(2),
      pods: [pod(ordered, 0, 'ready', 'web-old'), pod(ordered, 1, 'ready', 'web-old'), pod(ordered, 2)],
      want: [],
    },
    {
      name: 'OnDelete never deletes for an update',
      s: set({ updateStrategy: { type: 'OnDelete' } }),
      pods: [0, 1, 2].map((i) => pod(ordered, i, 'ready', 'web-old')),
      want: [],
    },
    {
      name: 'a set being deleted does nothing',
      s: set({}, { deletionTimestamp: '2026-11-23T11:00:00Z' }),
      pods: [],
      want: [],
    },
  ])('$name', ({ s, pods, want }) => {
    expect(summary(input(s, pods))).toEqual(want);
  });

  it('makes a pod below the partition at the current revision, above it at the update revision', () => {
    const s = rolling(2);
    const below = planStatefulSet(input(s, [pod(s, 0)], [])).actions[0];
    expect(below).toMatchObject({ type: 'createPod', pod: { metadata: { name: 'web-1' } } });
    if (below?.type !== 'createPod') throw new Error('no create');
    expect(below.pod.metadata.labels?.['controller-revision-hash']).toBe('web-old');
    expect(below.pod.spec.containers[0]?.image).toBe('nginx:1');
    const above = planStatefulSet(input(s, [pod(s, 0), pod(s, 1)])).actions[0];
    if (above?.type !== 'createPod') throw new Error('no create');
    expect(above.pod.metadata.labels?.['controller-revision-hash']).toBe('web-new');
  });

  const withClaims = set({
    volumeClaimTemplates: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'www', labels: { tier: 'data' } },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ],
  });
  const claim = (
    name: string,
    extra: Partial<PersistentVolumeClaim['metadata']> = {},
  ): PersistentVolumeClaim => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', uid: `claim-${name}`, ...extra },
    spec: {},
  });

  it('creates the claim before the pod, named <template>-<set>-<ordinal>, and mounts it', () => {
    const actions = planStatefulSet(input(withClaims, [])).actions;
    expect(summary(input(withClaims, []))).toEqual(['claim www-web-0', 'create web-0']);
    const [made, created] = actions;
    expect(made).toMatchObject({ claim: { metadata: { labels: { tier: 'data', app: 'web' } } } });
    if (created?.type !== 'createPod') throw new Error('no create');
    expect(created.pod.spec.volumes).toEqual([
      { name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } },
    ]);
  });

  it('reuses a claim that is there (kept from before a scale down)', () => {
    expect(summary(input(withClaims, [], [claim('www-web-0')]))).toEqual(['create web-0']);
  });

  it('waits while the claim is still being deleted', () => {
    expect(summary(input(withClaims, [], [claim('www-web-0', { deletionTimestamp: 'x' })]))).toEqual([]);
  });

  it('gives the pod its identity: hostname, subdomain and labels', () => {
    const p = newStatefulSetPod(ordered, template('a'), 4, 'web-r');
    expect(p.metadata.name).toBe('web-4');
    expect(p.spec).toMatchObject({ hostname: 'web-4', subdomain: 'nginx' });
    expect(p.metadata.labels).toEqual({
      app: 'web',
      'statefulset.kubernetes.io/pod-name': 'web-4',
      'apps.kubernetes.io/pod-index': '4',
      'controller-revision-hash': 'web-r',
    });
    expect(p.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'StatefulSet',
      uid: 'set-uid',
      controller: true,
    });
  });

  it('restores identity labels a pod lost', () => {
    const p = pod(ordered, 0);
    delete p.metadata.labels!['apps.kubernetes.io/pod-index'];
    expect(summary(input(set({ replicas: 1 }), [p]))).toEqual(['update web-0']);
  });

  it.each([
    ['web-0', 'web', 0],
    ['my-web-12', 'my-web', 12],
    ['web', '', -1],
    ['web-x', '', -1],
  ])('parent and ordinal of %s', (name, parent, ordinal) => {
    expect(parentAndOrdinal({ metadata: { name } } as Pod)).toEqual({ parent, ordinal });
  });

  // TestUpdateClaimOwnerRefForSetAndPod's table.
  it.each([
    { whenDeleted: 'Retain', whenScaled: 'Retain', scaledDown: false, owners: [] },
    { whenDeleted: 'Retain', whenScaled: 'Retain', scaledDown: true, owners: [] },
    { whenDeleted: 'Delete', whenScaled: 'Retain', scaledDown: false, owners: ['StatefulSet'] },
    { whenDeleted: 'Delete', whenScaled: 'Retain', scaledDown: true, owners: ['StatefulSet'] },
    { whenDeleted: 'Retain', whenScaled: 'Delete', scaledDown: false, owners: [] },
    { whenDeleted: 'Retain', whenScaled: 'Delete', scaledDown: true, owners: ['Pod'] },
    { whenDeleted: 'Delete', whenScaled: 'Delete', scaledDown: false, owners: ['StatefulSet'] },
    { whenDeleted: 'Delete', whenScaled: 'Delete', scaledDown: true, owners: ['Pod'] },
  ] as const)(
    'claim owners: whenDeleted $whenDeleted, whenScaled $whenScaled, scaled down $scaledDown',
    (c) => {
      const s = set({
        replicas: 2,
        persistentVolumeClaimRetentionPolicy: { whenDeleted: c.whenDeleted, whenScaled: c.whenScaled },
      });
      const p = pod(s, c.scaledDown ? 2 : 1);
      const stale = [{ apiVersion: 'v1', kind: 'Pod', name: 'web-1', uid: p.metadata.uid ?? '' }];
      const other = { apiVersion: 'v1', kind: 'Thing', name: 'x', uid: 'other' };
      expect(claimOwners(s, p, c.scaledDown ? [other] : [other, ...stale]).map((o) => o.kind)).toEqual([
        'Thing',
        ...c.owners,
      ]);
    },
  );

  it('sets claim owners on scale down when whenScaled is Delete', () => {
    const s = set({
      replicas: 1,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' },
      volumeClaimTemplates: withClaims.spec.volumeClaimTemplates,
    });
    const pods = [0, 1].map((i) => pod(s, i));
    const claims = [claim('www-web-0'), claim('www-web-1')];
    expect(summary(input(s, pods, claims))).toEqual(['owners www-web-1', 'delete(scale-down) web-1']);
  });

  it('counts status from the pods, and completes a rolling update once all are updated and ready', () => {
    const pods = [pod(ordered, 0, 'ready', 'web-old'), pod(ordered, 1), pod(ordered, 2, 'running')];
    const { status } = planStatefulSet(input(rolling(3), pods));
    expect(status).toEqual({
      observedGeneration: 2,
      replicas: 3,
      readyReplicas: 2,
      availableReplicas: 2,
      currentReplicas: 1,
      updatedReplicas: 2,
      currentRevision: 'web-old',
      updateRevision: 'web-new',
      collisionCount: 0,
    });
    expect(completeRollingUpdate(ordered, status).currentRevision).toBe('web-old');
    const done = planStatefulSet(
      input(
        ordered,
        [0, 1, 2].map((i) => pod(ordered, i)),
      ),
    ).status;
    expect(completeRollingUpdate(ordered, done)).toMatchObject({
      currentRevision: 'web-new',
      currentReplicas: 3,
    });
    expect(completeRollingUpdate(set({ updateStrategy: { type: 'OnDelete' } }), done).currentRevision).toBe(
      'web-old',
    );
  });
});
