import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../shared/pod-types';
import { podType, replicationControllerType } from '../shared/resource-types';
import type { ReplicationController } from '../shared/workload-types';
import { openTestStore } from '../store/test-store';
import { EventRecorder } from '../machinery/event-recorder';
import { REPLICATION_CONTROLLERS, ReplicaSetController } from './replica-set-controller';

const rc = (replicas: number, selector?: Record<string, string>): ReplicationController => ({
  apiVersion: 'v1',
  kind: 'ReplicationController',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    ...(selector ? { selector } : {}),
    template: {
      metadata: { labels: { app: 'web', tier: 'front' } },
      spec: { containers: [{ name: 'web', image: 'web:1' }] },
    },
  },
});

describe('ReplicationControllers, run by the ReplicaSet controller', () => {
  let t: Awaited<ReturnType<typeof openTestStore>>;
  let controller: ReplicaSetController;
  beforeEach(async () => {
    t = await openTestStore();
    controller = new ReplicaSetController(
      t.store,
      new EventRecorder(t.store, { component: 'replication-controller' }),
      Date.now,
      {},
      REPLICATION_CONTROLLERS,
    );
  });
  afterEach(async () => {
    controller.dispose();
    await t.cleanup();
  });
  const pods = () => t.store.list(podType, { namespace: 'default' }).items as Pod[];

  it('defaults the selector and labels from the template, as SetDefaults_ReplicationController', async () => {
    const created = (await t.store.create(replicationControllerType, rc(2))) as ReplicationController;
    expect(created.spec.selector).toEqual({ app: 'web', tier: 'front' });
    expect(created.metadata.labels).toEqual({ app: 'web', tier: 'front' });
    await controller.idle();
  });

  it('creates owned pods, adopts a matching orphan and scales down', async () => {
    await t.store.create(podType, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'orphan', namespace: 'default', labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'web:1' }] },
    } as Pod);
    const created = await t.store.create(replicationControllerType, rc(3, { app: 'web' }));
    await controller.idle();
    expect(pods()).toHaveLength(3);
    for (const pod of pods())
      expect(pod.metadata.ownerReferences).toEqual([
        expect.objectContaining({
          apiVersion: 'v1',
          kind: 'ReplicationController',
          uid: created.metadata.uid,
        }),
      ]);
    const current = t.store.tryGet(replicationControllerType, 'default', 'web') as ReplicationController;
    expect(current.status?.replicas).toBe(3);
    await t.store.update(replicationControllerType, { ...current, spec: { ...current.spec, replicas: 1 } });
    await controller.idle();
    expect(pods().filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(1);
  });

  it('refuses a selector the template labels do not match', async () => {
    await expect(t.store.create(replicationControllerType, rc(1, { app: 'db' }))).rejects.toThrow(
      /spec.template.metadata.labels/,
    );
    await controller.idle();
  });
});
