import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ControllerRevision, StatefulSet } from '../shared/apps-types';
import type { KubeEvent, Pod } from '../shared/pod-types';
import {
  controllerRevisionType,
  eventType,
  persistentVolumeClaimType,
  podType,
  statefulSetType,
} from '../shared/resource-types';
import { openTestStore } from '../store/test-store';
import { EventRecorder } from '../machinery/event-recorder';
import { StatefulSetController } from './stateful-set-controller';

const statefulSet = (image: string): StatefulSet => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 2,
    serviceName: 'nginx',
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
    volumeClaimTemplates: [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ],
  },
});

describe('StatefulSetController against a real store', () => {
  let t: Awaited<ReturnType<typeof openTestStore>>;
  let controller: StatefulSetController;
  beforeEach(async () => {
    t = await openTestStore();
    controller = new StatefulSetController(
      t.store,
      new EventRecorder(t.store, { component: 'statefulset-controller' }),
    );
  });
  afterEach(async () => {
    controller.dispose();
    await t.cleanup();
  });
  const pods = () =>
    (t.store.list(podType, { namespace: 'default' }).items as Pod[]).filter(
      (p) => !p.metadata.deletionTimestamp,
    );
  const get = () => t.store.get(statefulSetType, 'default', 'web') as StatefulSet;
  const revisions = () =>
    (t.store.list(controllerRevisionType, { namespace: 'default' }).items as ControllerRevision[]).sort(
      (a, b) => a.revision - b.revision,
    );
  const makeReady = async (name: string) => {
    const pod = t.store.get(podType, 'default', name) as Pod;
    const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    await t.store.update(
      podType,
      {
        ...pod,
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at }] },
      },
      { subresource: 'status' },
    );
    await controller.idle();
  };

  it('creates ordinals one by one with their claims, records a revision and status', async () => {
    await t.store.create(statefulSetType, statefulSet('web:1'));
    await controller.idle();
    expect(pods().map((p) => p.metadata.name)).toEqual(['web-0']);
    expect(
      t.store.list(persistentVolumeClaimType, { namespace: 'default' }).items.map((c) => c.metadata.name),
    ).toEqual(['www-web-0']);
    const [revision] = revisions();
    expect(revision).toMatchObject({ revision: 1, metadata: { labels: { app: 'web' } } });
    expect(pods()[0]!.metadata.labels?.['controller-revision-hash']).toBe(revision!.metadata.name);
    expect(get().status).toMatchObject({
      replicas: 1,
      readyReplicas: 0,
      currentRevision: revision!.metadata.name,
      updateRevision: revision!.metadata.name,
      observedGeneration: 1,
      collisionCount: 0,
    });
    await makeReady('web-0');
    expect(pods().map((p) => p.metadata.name)).toEqual(['web-0', 'web-1']);
    await makeReady('web-1');
    expect(get().status).toMatchObject({
      replicas: 2,
      readyReplicas: 2,
      currentReplicas: 2,
      updatedReplicas: 2,
    });
    const messages = (t.store.list(eventType, { namespace: 'default' }).items as KubeEvent[]).map(
      (e) => e.message,
    );
    expect(messages.sort()).toEqual([
      'create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'create Pod web-0 in StatefulSet web successful',
      'create Pod web-1 in StatefulSet web successful',
    ]);
  });

  it('rolls a new template from the highest ordinal, and a rollback renumbers the old revision', async () => {
    await t.store.create(statefulSetType, statefulSet('web:1'));
    await controller.idle();
    await makeReady('web-0');
    await makeReady('web-1');
    const first = revisions()[0]!.metadata.name;
    await t.store.update(statefulSetType, {
      ...get(),
      spec: { ...get().spec, template: statefulSet('web:2').spec.template },
    });
    await controller.idle();
    expect(revisions().map((r) => r.revision)).toEqual([1, 2]);
    // web-1 was deleted for the update and made again at revision 2.
    const web1 = pods().find((p) => p.metadata.name === 'web-1')!;
    expect(web1.spec.containers[0]!.image).toBe('web:2');
    expect(pods().find((p) => p.metadata.name === 'web-0')!.spec.containers[0]!.image).toBe('web:1');
    await t.store.update(statefulSetType, {
      ...get(),
      spec: { ...get().spec, template: statefulSet('web:1').spec.template },
    });
    await controller.idle();
    expect(revisions().map((r) => [r.metadata.name === first, r.revision])).toEqual([
      [false, 2],
      [true, 3],
    ]);
    expect(get().status?.updateRevision).toBe(first);
  });

  it('adopts the pods and history an orphaning delete left, without replacing a pod', async () => {
    await t.store.create(statefulSetType, statefulSet('web:1'));
    await controller.idle();
    await makeReady('web-0');
    await makeReady('web-1');
    const before = pods().map((p) => p.metadata.uid);
    // kubectl delete --cascade=orphan: the owner goes, its pods and revisions lose their ownerReferences.
    await t.store.delete(statefulSetType, 'default', 'web');
    await controller.idle();
    for (const pod of pods())
      await t.store.update(podType, { ...pod, metadata: { ...pod.metadata, ownerReferences: undefined } });
    for (const r of revisions())
      await t.store.update(controllerRevisionType, {
        ...r,
        metadata: { ...r.metadata, ownerReferences: undefined },
      });
    const again = await t.store.create(statefulSetType, statefulSet('web:1'));
    await controller.idle();
    expect(pods().map((p) => p.metadata.uid)).toEqual(before);
    expect(pods().map((p) => p.metadata.ownerReferences?.map((o) => o.uid))).toEqual([
      [again.metadata.uid],
      [again.metadata.uid],
    ]);
    expect(revisions().map((r) => [r.revision, r.metadata.ownerReferences?.[0]?.uid])).toEqual([
      [1, again.metadata.uid],
    ]);
    expect(get().status).toMatchObject({ replicas: 2, currentReplicas: 2, updatedReplicas: 2 });
  });
});
