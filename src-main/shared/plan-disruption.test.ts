import { describe, expect, it } from 'vitest';
import type { Pod } from './pod-types';
import type { PodDisruptionBudget } from './policy-types';
import { planDisruption } from './plan-disruption';

const NOW = new Date('2026-12-03T12:00:00Z');

const pdb = (
  spec: PodDisruptionBudget['spec'],
  status?: Partial<PodDisruptionBudget['status']>,
): PodDisruptionBudget => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web', namespace: 'default', generation: 1 },
  spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
  ...(status
    ? { status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, ...status } }
    : {}),
});

const pod = (name: string, o: { ready?: boolean; deleting?: boolean; owner?: string } = {}): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      labels: { app: 'web' },
      ...(o.deleting ? { deletionTimestamp: '2026-12-03T12:00:30Z' } : {}),
    },
    spec: { containers: [] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }],
    },
  }) as unknown as Pod;

const deploymentOf3 = () => ({ uid: 'deploy', replicas: 3 });

describe('planDisruption', () => {
  it.each([
    [
      'minAvailable 2 of 3 ready pods',
      pdb({ minAvailable: 2 }),
      [pod('a'), pod('b'), pod('c')],
      { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 },
    ],
    [
      'minAvailable 2 of 2 ready pods',
      pdb({ minAvailable: 2 }),
      [pod('a'), pod('b')],
      { expectedPods: 2, desiredHealthy: 2, currentHealthy: 2, disruptionsAllowed: 0 },
    ],
    [
      'an unready pod is not healthy',
      pdb({ minAvailable: 1 }),
      [pod('a'), pod('b', { ready: false })],
      { expectedPods: 2, desiredHealthy: 1, currentHealthy: 1, disruptionsAllowed: 0 },
    ],
    [
      'a deleting pod is not healthy',
      pdb({ minAvailable: 1 }),
      [pod('a'), pod('b', { deleting: true })],
      { expectedPods: 2, desiredHealthy: 1, currentHealthy: 1, disruptionsAllowed: 0 },
    ],
    [
      'maxUnavailable 1 of a Deployment of 3',
      pdb({ maxUnavailable: 1 }),
      [pod('a'), pod('b'), pod('c')],
      { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 },
    ],
    [
      'maxUnavailable 50% rounds up',
      pdb({ maxUnavailable: '50%' }),
      [pod('a'), pod('b'), pod('c')],
      { expectedPods: 3, desiredHealthy: 1, currentHealthy: 3, disruptionsAllowed: 2 },
    ],
    [
      'minAvailable 50% rounds up',
      pdb({ minAvailable: '50%' }),
      [pod('a'), pod('b'), pod('c')],
      { expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 },
    ],
    [
      'no pods, no disruptions',
      pdb({ minAvailable: 0 }),
      [],
      { expectedPods: 0, desiredHealthy: 0, currentHealthy: 0, disruptionsAllowed: 0 },
    ],
  ])('%s', (_name, budget, pods, expected) => {
    const plan = planDisruption({ pdb: budget, pods, scaleOf: deploymentOf3, now: NOW });
    expect(plan.kind).toBe('status');
    expect(plan.status).toMatchObject({ ...expected, observedGeneration: 1 });
    expect(plan.status.conditions?.[0]).toMatchObject({
      type: 'DisruptionAllowed',
      status: expected.disruptionsAllowed > 0 ? 'True' : 'False',
      reason: expected.disruptionsAllowed > 0 ? 'SufficientPods' : 'InsufficientPods',
    });
  });

  it('keeps a pending eviction out of the healthy count until it times out', () => {
    const evicted = pdb({ minAvailable: 1 }, { disruptedPods: { a: '2026-12-03T11:59:30Z' } });
    const plan = planDisruption({
      pdb: evicted,
      pods: [pod('a'), pod('b')],
      scaleOf: deploymentOf3,
      now: NOW,
    });
    expect(plan.status).toMatchObject({
      currentHealthy: 1,
      disruptionsAllowed: 0,
      disruptedPods: { a: '2026-12-03T11:59:30Z' },
    });
    expect(plan.kind === 'status' && plan.recheckAt?.toISOString()).toBe('2026-12-03T12:01:30.000Z');
    const later = planDisruption({
      pdb: evicted,
      pods: [pod('a'), pod('b')],
      scaleOf: deploymentOf3,
      now: new Date('2026-12-03T12:02:00Z'),
    });
    expect(later.status).toMatchObject({ currentHealthy: 2, disruptionsAllowed: 1 });
    expect(later.status.disruptedPods).toBeUndefined();
  });

  it('fails safe when a percentage budget covers a pod without a controller', () => {
    const plan = planDisruption({
      pdb: pdb({ maxUnavailable: '10%' }),
      pods: [pod('a')],
      scaleOf: () => undefined,
      now: NOW,
    });
    expect(plan).toMatchObject({ kind: 'failed', message: 'found no controllers for pod "a"' });
    expect(plan.status.disruptionsAllowed).toBe(0);
    expect(plan.status.conditions?.[0]).toMatchObject({ status: 'False', reason: 'SyncFailed' });
  });
});
