import { afterEach, describe, expect, it } from 'vitest';
import type { KubeEvent } from '../shared/pod-types';
import { controllerRef } from '../shared/owner-refs';
import { deploymentType, eventType, replicaSetType } from '../shared/resource-types';
import {
  AUTO_ROLLBACK_ANNOTATION,
  POD_TEMPLATE_HASH,
  REVISION_ANNOTATION,
  WAS_AVAILABLE_ANNOTATION,
  type Deployment,
  type ReplicaSet,
} from '../shared/workload-types';
import { EventRecorder } from '../machinery/event-recorder';
import { FakeClock } from '../machinery/fake-clock';
import { recordActions } from '../store/test-actions';
import { openTestStore } from '../store/test-store';
import { DeploymentController } from './deployment-controller';
import { templateHash } from './deployment-util';

// In the manner of Kubernetes' pkg/controller/deployment sync_test.go: seed the Deployment and its ReplicaSets,
// start the controller (its first sync), and compare the writes it made. No ReplicaSet controller runs, so
// pods never come: each case ends where the rollout waits for pods.

const template = (image: string) => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image }] },
});

const deployment = (
  image: string,
  extra: Partial<Deployment['spec']> = {},
  annotations = {},
): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', annotations },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: template(image),
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    ...extra,
  },
});

interface Seed {
  image: string;
  revision: number;
  replicas: number;
  /** available pods, as the ReplicaSet's status reports them */
  available?: number;
  owned?: boolean;
  annotations?: Record<string, string>;
}

describe('DeploymentController, one sync from a seeded state', () => {
  const opened: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of opened.splice(0).reverse()) await close();
  });

  async function run(d: Deployment, seeds: Seed[] = []) {
    const clock = new FakeClock('2026-11-23T12:00:00Z');
    const t = await openTestStore(clock.date);
    opened.push(t.cleanup);
    let created = await t.store.create(deploymentType, d);
    if (d.status)
      created = await t.store.update(
        deploymentType,
        { ...created, status: d.status },
        { subresource: 'status' },
      );
    const hashOf = (image: string) => {
      const stored = t.store.get(deploymentType, 'default', 'web') as Deployment;
      // the store's defaults are part of the template a hash is taken over
      return templateHash({
        ...stored.spec.template,
        spec: {
          ...stored.spec.template.spec,
          containers: [{ ...stored.spec.template.spec.containers[0]!, image }],
        },
      });
    };
    for (const seed of seeds) {
      const hash = hashOf(seed.image);
      const rs = (await t.store.create(replicaSetType, {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: `web-${hash}`,
          namespace: 'default',
          labels: { app: 'web', [POD_TEMPLATE_HASH]: hash },
          annotations: { [REVISION_ANNOTATION]: String(seed.revision), ...seed.annotations },
          ...(seed.owned === false ? {} : { ownerReferences: [controllerRef(created)] }),
        },
        spec: {
          replicas: seed.replicas,
          selector: { matchLabels: { app: 'web', [POD_TEMPLATE_HASH]: hash } },
          template: {
            ...template(seed.image),
            metadata: { labels: { app: 'web', [POD_TEMPLATE_HASH]: hash } },
          },
        },
      } as ReplicaSet)) as ReplicaSet;
      const available = seed.available ?? 0;
      await t.store.update(
        replicaSetType,
        {
          ...rs,
          status: {
            replicas: seed.replicas,
            readyReplicas: available,
            availableReplicas: available,
            observedGeneration: 1,
          },
        },
        { subresource: 'status' },
      );
    }
    const recorder = recordActions(t.store, ['deployments', 'replicasets']);
    const controller = new DeploymentController(
      t.store,
      new EventRecorder(t.store, { component: 'deployment-controller' }, clock.date),
      clock.now,
    );
    opened.push(async () => {
      controller.dispose();
      recorder.dispose();
    });
    await controller.idle();
    const events = (t.store.list(eventType, { namespace: 'default' }).items as KubeEvent[]).map(
      (e) => `${e.reason}: ${e.message}`,
    );
    const rsNamed = (image: string) => `web-${hashOf(image)}`;
    const replicaSet = (image: string) =>
      t.store.tryGet(replicaSetType, 'default', rsNamed(image)) as ReplicaSet;
    const stored = t.store.get(deploymentType, 'default', 'web') as Deployment;
    return { actions: recorder.actions, events, rsNamed, replicaSet, stored };
  }

  it('creates the first ReplicaSet at full size, then writes revision 1 and the status', async () => {
    const r = await run(deployment('web:v1'));
    expect(r.actions).toEqual([
      `create replicasets/${r.rsNamed('web:v1')}`,
      'update deployments/web metadata',
      'update deployments/web status',
    ]);
    expect(r.replicaSet('web:v1').spec.replicas).toBe(3);
    expect(r.stored.metadata.annotations?.[REVISION_ANNOTATION]).toBe('1');
    expect(r.stored.status).toMatchObject({ replicas: 0, updatedReplicas: 0, observedGeneration: 1 });
    expect(r.events).toEqual([`ScalingReplicaSet: Scaled up replica set ${r.rsNamed('web:v1')} from 0 to 3`]);
  });

  it('adopts an orphan ReplicaSet of its template instead of creating another', async () => {
    const r = await run(deployment('web:v1'), [{ image: 'web:v1', revision: 1, replicas: 3, owned: false }]);
    expect(r.actions).toEqual([
      `update replicasets/${r.rsNamed('web:v1')} metadata`,
      `update replicasets/${r.rsNamed('web:v1')} metadata`, // the desired and max replicas annotations
      'update deployments/web metadata',
      'update deployments/web status',
    ]);
    expect(r.replicaSet('web:v1').metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Deployment',
      name: 'web',
    });
    expect(r.events).toEqual([]);
  });

  it('surges a new template by maxSurge and keeps every old pod while no new one is available', async () => {
    const r = await run(deployment('web:v2'), [{ image: 'web:v1', revision: 1, replicas: 3, available: 3 }]);
    expect(r.actions).toEqual([
      `create replicasets/${r.rsNamed('web:v2')}`,
      'update deployments/web metadata',
      'update deployments/web status',
      `update replicasets/${r.rsNamed('web:v1')} metadata`, // the next sync: its desired and max replicas
    ]);
    expect(r.replicaSet('web:v2').spec.replicas).toBe(1);
    expect(r.replicaSet('web:v2').metadata.annotations?.[REVISION_ANNOTATION]).toBe('2');
    expect(r.replicaSet('web:v1').spec.replicas).toBe(3);
    expect(r.stored.metadata.annotations?.[REVISION_ANNOTATION]).toBe('2');
  });

  it('scales the old ReplicaSet down by what the new one made available, then surges again', async () => {
    const r = await run(deployment('web:v2'), [
      { image: 'web:v1', revision: 1, replicas: 3, available: 3 },
      { image: 'web:v2', revision: 2, replicas: 1, available: 1 },
    ]);
    expect(r.replicaSet('web:v1').spec.replicas).toBe(2);
    expect(r.replicaSet('web:v2').spec.replicas).toBe(2);
    expect(r.events.sort()).toEqual([
      `ScalingReplicaSet: Scaled down replica set ${r.rsNamed('web:v1')} from 3 to 2`,
      `ScalingReplicaSet: Scaled up replica set ${r.rsNamed('web:v2')} from 1 to 2`,
    ]);
  });

  it('once complete, deletes the old ReplicaSets beyond revisionHistoryLimit, oldest first', async () => {
    const r = await run(deployment('web:v4', { revisionHistoryLimit: 1 }), [
      { image: 'web:v1', revision: 1, replicas: 0 },
      { image: 'web:v2', revision: 2, replicas: 0 },
      { image: 'web:v3', revision: 3, replicas: 0 },
      { image: 'web:v4', revision: 4, replicas: 3, available: 3 },
    ]);
    expect(r.actions.filter((a) => a.startsWith('delete'))).toEqual([
      `delete replicasets/${r.rsNamed('web:v1')}`,
      `delete replicasets/${r.rsNamed('web:v2')}`,
    ]);
    expect(r.replicaSet('web:v3')).toBeDefined();
    expect(r.stored.status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe(
      'NewReplicaSetAvailable',
    );
  });

  it('does not roll a paused Deployment', async () => {
    const r = await run(deployment('web:v2', { paused: true }), [
      { image: 'web:v1', revision: 1, replicas: 3, available: 3 },
    ]);
    expect(r.actions.filter((a) => a.startsWith('create') || a.startsWith('delete'))).toEqual([]);
    expect(r.replicaSet('web:v1').spec.replicas).toBe(3);
  });

  it('rolls back on its own (opt-in) when the new revision missed its progress deadline', async () => {
    const d = deployment('web:v2', { progressDeadlineSeconds: 1 }, { [AUTO_ROLLBACK_ANNOTATION]: 'true' });
    const r = await run(
      {
        ...d,
        status: {
          replicas: 4,
          updatedReplicas: 1,
          readyReplicas: 3,
          availableReplicas: 3,
          conditions: [
            {
              type: 'Progressing',
              status: 'True',
              reason: 'ReplicaSetUpdated',
              message: 'progressing, an hour ago',
              lastUpdateTime: '2026-11-23T11:00:00Z',
              lastTransitionTime: '2026-11-23T11:00:00Z',
            },
          ],
        },
      } as Deployment,
      [
        {
          image: 'web:v1',
          revision: 1,
          replicas: 3,
          available: 3,
          annotations: { [WAS_AVAILABLE_ANNOTATION]: 'true' },
        },
        { image: 'web:v2', revision: 2, replicas: 1, available: 0 },
      ],
    );
    expect(r.stored.spec.template.spec.containers[0]!.image).toBe('web:v1');
    expect(r.events).toContainEqual(
      'RolledBack: Rolled back from revision 2 to revision 1: the rollout made no progress for 1s',
    );
    expect(r.stored.status?.conditions?.find((c) => c.type === 'RolledBack')).toMatchObject({
      status: 'True',
    });
  });
});
