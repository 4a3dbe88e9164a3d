import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../shared/pod-types';
import { podDisruptionBudgetType, resourceQuotaType } from '../shared/policy-resource-types';
import type { PodDisruptionBudget } from '../shared/policy-types';
import { configMapType, podType } from '../shared/resource-types';
import { planDisruption } from '../shared/plan-disruption';
import { resourceQuotaAdmission } from './admission/resource-quota-admission';
import { ApiError } from './api-error';
import { evictPod } from './evict-pod';
import { openTestStore } from './test-store';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

const readyPod = (name: string): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx' }] },
  }) as Pod;

async function markReady(t: TestStore, name: string): Promise<void> {
  const pod = t.store.get(podType, 'default', name) as Pod;
  pod.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } as Pod['status'];
  await t.store.update(podType, pod, { subresource: 'status' });
}

/** One pass of the disruption controller, without its loop. */
async function syncBudget(t: TestStore): Promise<PodDisruptionBudget> {
  const pdb = t.store.get(podDisruptionBudgetType, 'default', 'web') as PodDisruptionBudget;
  const pods = t.store.list(podType, { namespace: 'default' }).items as Pod[];
  const plan = planDisruption({ pdb, pods, scaleOf: () => undefined, now: new Date() });
  return (await t.store.update(
    podDisruptionBudgetType,
    { ...pdb, status: plan.status },
    { subresource: 'status' },
  )) as PodDisruptionBudget;
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: ApiError) => ({ code: err.code, message: err.message, details: err.details }),
  );

describe('evictPod', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore();
    for (const name of ['a', 'b']) {
      await t.store.create(podType, readyPod(name));
      await markReady(t, name);
    }
  });
  afterEach(() => t.cleanup());

  it('spends the budget, then refuses with 429 once none is left', async () => {
    await t.store.create(podDisruptionBudgetType, {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'default' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
    });
    expect(await failure(evictPod(t.store, 'default', 'a'))).toMatchObject({
      code: 429,
      details: { causes: [{ message: 'The disruption budget web is still being processed by the server.' }] },
    });
    expect((await syncBudget(t)).status).toMatchObject({ disruptionsAllowed: 1, currentHealthy: 2 });
    expect(await evictPod(t.store, 'default', 'a')).toMatchObject({ status: 'Success' });
    const spent = t.store.get(podDisruptionBudgetType, 'default', 'web') as PodDisruptionBudget;
    expect(spent.status).toMatchObject({ disruptionsAllowed: 0, disruptedPods: { a: expect.any(String) } });
    expect(await failure(evictPod(t.store, 'default', 'b'))).toEqual({
      code: 429,
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      details: {
        causes: [
          {
            type: 'DisruptionBudget',
            message: 'The disruption budget web needs 1 healthy pods and has 2 currently',
          },
        ],
      },
    });
    expect(t.store.tryGet(podType, 'default', 'b')).toBeDefined();
  });

  it('evicts a pod no budget covers at once', async () => {
    expect(await evictPod(t.store, 'default', 'a')).toMatchObject({ status: 'Success' });
    // Never scheduled, so nothing waits for a graceful stop: the pod is gone at once.
    expect(t.store.tryGet(podType, 'default', 'a')).toBeUndefined();
  });
});

describe('quota admission in the store', () => {
  let t: TestStore;
  beforeEach(async () => {
    t = await openTestStore();
    t.store.addCreateAdmission(resourceQuotaAdmission());
  });
  afterEach(() => t.cleanup());

  it('refuses the create past a quota with 403 and stores nothing', async () => {
    await t.store.create(resourceQuotaType, {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'q', namespace: 'default' },
      spec: { hard: { configmaps: '1' } },
    });
    const cm = (name: string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: 'default' },
    });
    await t.store.create(configMapType, cm('one'));
    expect(await failure(t.store.create(configMapType, cm('two')))).toMatchObject({
      code: 403,
      message:
        'configmaps "two" is forbidden: exceeded quota: q, requested: configmaps=1, used: configmaps=1, limited: configmaps=1',
    });
    expect(t.store.tryGet(configMapType, 'default', 'two')).toBeUndefined();
  });
});
