import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../shared/pod-types';
import { eventType, podType, replicaSetType } from '../shared/resource-types';
import type { ReplicaSet } from '../shared/workload-types';
import { openTestStore } from '../store/test-store';
import { EventRecorder } from '../machinery/event-recorder';
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
