import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { controllerRef } from '../shared/owner-refs';
import type { KubeEvent, Pod } from '../shared/pod-types';
import { eventType, podType, replicaSetType } from '../shared/resource-types';
import type { ReplicaSet } from '../shared/workload-types';
import { recordActions } from '../store/test-actions';
import { openTestStore } from '../store/test-store';
import { EventRecorder } from '../machinery/event-recorder';
import { FakeClock } from '../machinery/fake-clock';
import { ReplicaSetController } from './replica-set-controller';

const replicaSet = (replicas: number): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'web:1' }] },
    },
  },
});

describe('ReplicaSetController against a real store', () => {
  let t: Awaited<ReturnType<typeof openTestStore>>;
  let controller: ReplicaSetController;
  beforeEach(async () => {
    t = await openTestStore();
    controller = new ReplicaSetController(
      t.store,
      new EventRecorder(t.store, { component: 'replicaset-controller' }),
    );
  });
  afterEach(async () => {
    controller.dispose();
    await t.cleanup();
  });
  const pods = () => t.store.list(podType, { namespace: 'default' }).items as Pod[];

  it('creates owned pods from the template and records it', async () => {
    const rs = await t.store.create(replicaSetType, replicaSet(2));
    await controller.idle();
    expect(pods()).toHaveLength(2);
    for (const pod of pods()) {
      expect(pod.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
      expect(pod.metadata.labels).toEqual({ app: 'web' });
      expect(pod.metadata.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web',
          uid: rs.metadata.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
      expect(pod.spec.restartPolicy).toBe('Always');
    }
    const events = t.store
      .list(eventType, { namespace: 'default' })
      .items.map((e) => (e as { reason?: string }).reason);
    expect(events).toEqual(['SuccessfulCreate', 'SuccessfulCreate']);
    expect((t.store.get(replicaSetType, 'default', 'web') as ReplicaSet).status).toMatchObject({
      replicas: 2,
      readyReplicas: 0,
      observedGeneration: 1,
    });
  });

  it('scales down when replicas drop and replaces a deleted pod', async () => {
    await t.store.create(replicaSetType, replicaSet(3));
    await controller.idle();
    const rs = t.store.get(replicaSetType, 'default', 'web') as ReplicaSet;
    await t.store.update(replicaSetType, { ...rs, spec: { ...rs.spec, replicas: 1 } });
    await controller.idle();
    expect(pods()).toHaveLength(1);
    await t.store.delete(podType, 'default', pods()[0]!.metadata.name!);
    await controller.idle();
    expect(pods()).toHaveLength(1);
  });
});

// In the manner of Kubernetes' pkg/controller/replicaset/replica_set_test.go (TestSyncReplicaSetDoesNothing,
// …Deletes, …CreateFailures, TestPodControllerLookup): pods seeded with their phase and readiness, the
// controller's first sync, and the writes it made. The work queue and the availability clock are a FakeClock.
describe('ReplicaSetController, one sync from seeded pods', () => {
  const opened: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of opened.splice(0).reverse()) await close();
  });

  interface PodSeed {
    name: string;
    phase?: 'Pending' | 'Running';
    readySince?: string;
    labels?: Record<string, string>;
    owned?: boolean;
  }

  async function sync(o: {
    replicas: number;
    pods: PodSeed[];
    minReadySeconds?: number;
    priorityClassName?: string;
  }) {
    const clock = new FakeClock('2026-11-23T12:00:00Z');
    const t = await openTestStore(clock.date);
    opened.push(t.cleanup);
    const namespace = 'default';
    const rs = await t.store.create(replicaSetType, {
      ...replicaSet(o.replicas),
      metadata: { name: 'web', namespace },
      spec: {
        ...replicaSet(o.replicas).spec,
        minReadySeconds: o.minReadySeconds,
        template: {
          ...replicaSet(o.replicas).spec.template,
          spec: { ...replicaSet(o.replicas).spec.template.spec, priorityClassName: o.priorityClassName },
        },
      },
    });
    for (const seed of o.pods) {
      const pod = (await t.store.create(podType, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: seed.name,
          namespace,
          labels: seed.labels ?? { app: 'web' },
          ...(seed.owned === false ? {} : { ownerReferences: [controllerRef(rs)] }),
        },
        spec: { nodeName: 'skiff', containers: [{ name: 'web', image: 'web:1' }] },
      } as Pod)) as Pod;
      await t.store.update(
        podType,
        {
          ...pod,
          status: {
            phase: seed.phase ?? 'Running',
            conditions: [
              seed.readySince
                ? { type: 'Ready', status: 'True', lastTransitionTime: seed.readySince }
                : { type: 'Ready', status: 'False' },
            ],
          },
        } as Pod,
        { subresource: 'status' },
      );
    }
    return { t, clock, namespace };
  }

  async function start(s: Awaited<ReturnType<typeof sync>>) {
    const recorder = recordActions(s.t.store, ['pods', 'replicasets']);
    const controller = new ReplicaSetController(
      s.t.store,
      new EventRecorder(s.t.store, { component: 'replicaset-controller' }, s.clock.date),
      s.clock.now,
      { timers: s.clock },
    );
    opened.push(async () => {
      controller.dispose();
      recorder.dispose();
    });
    await controller.idle();
    const events = () =>
      (s.t.store.list(eventType, { namespace: s.namespace }).items as KubeEvent[])
        .map((e) => `${e.reason}: ${e.message}`)
        .sort();
    const status = () => (s.t.store.get(replicaSetType, s.namespace, 'web') as ReplicaSet).status;
    return { controller, actions: recorder.actions, events, status };
  }

  const ready = '2026-11-23T11:00:00Z';

  it.each([
    {
      name: 'does nothing but report status when the pods are there',
      replicas: 2,
      pods: [
        { name: 'a', readySince: ready },
        { name: 'b', readySince: ready },
      ],
      actions: ['update replicasets/web status'],
      events: [],
      status: { replicas: 2, readyReplicas: 2, availableReplicas: 2 },
    },
    {
      name: 'deletes the extra pods least worth keeping: pending before running, not ready before ready',
      replicas: 1,
      pods: [
        { name: 'running-ready', readySince: ready },
        { name: 'running', phase: 'Running' as const },
        { name: 'pending', phase: 'Pending' as const },
      ],
      actions: [
        'update pods/pending metadata', // graceful deletion: its deletionTimestamp
        'update pods/running metadata',
        'update replicasets/web status', // as the sync found them
        'update replicasets/web status', // the next sync, the two terminating no longer counted
      ],
      events: ['SuccessfulDelete: Deleted pod: pending', 'SuccessfulDelete: Deleted pod: running'],
      status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 },
    },
    {
      name: 'adopts a matching orphan and releases an owned pod whose labels moved away',
      replicas: 1,
      pods: [
        { name: 'orphan', readySince: ready, owned: false },
        { name: 'moved', readySince: ready, labels: { app: 'elsewhere' } },
      ],
      actions: ['update pods/orphan metadata', 'update pods/moved metadata', 'update replicasets/web status'],
      events: [],
      status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 },
    },
  ])('$name', async (c) => {
    const r = await start(await sync(c));
    expect(r.actions).toEqual(c.actions);
    expect(r.events()).toEqual(c.events);
    expect(r.status()).toMatchObject(c.status);
  });

  it('stops at the first refused create (slow start), records why, and retries with backoff', async () => {
    // the ReplicaSet's template passes, but pod admission refuses a priority class that does not exist
    const s = await sync({ replicas: 3, pods: [], priorityClassName: 'no-such-class' });
    const r = await start(s);
    expect(r.actions).toEqual([]);
    expect(r.events()).toEqual([expect.stringMatching(/^FailedCreate: Error creating: .*no-such-class/)]);
    s.clock.advance(49);
    await r.controller.idle();
    expect(r.events()).toHaveLength(1);
    s.clock.advance(1); // the work queue's first retry, 50 ms on
    await r.controller.idle();
    expect(r.events()).toHaveLength(2); // one more refused create, not the other two
  });

  it('counts a ready pod available only after minReadySeconds, looking again when that is due', async () => {
    const s = await sync({
      replicas: 1,
      minReadySeconds: 10,
      pods: [{ name: 'a', readySince: '2026-11-23T12:00:00Z' }],
    });
    const r = await start(s);
    expect(r.status()).toMatchObject({ readyReplicas: 1, availableReplicas: 0 });
    s.clock.advance(9_999);
    await r.controller.idle();
    expect(r.status()).toMatchObject({ availableReplicas: 0 });
    s.clock.advance(1);
    await r.controller.idle();
    expect(r.status()).toMatchObject({ availableReplicas: 1 });
  });
});
