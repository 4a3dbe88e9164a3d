import type { Pod } from './pod-types';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from './policy-types';
import { disruptionCondition, isPodReady } from './disruption-condition';

// The disruption controller's arithmetic (pkg/controller/disruption/disruption.go: getExpectedPodCount,
// countHealthyPods, buildDisruptedPodMap, updatePdbStatus), pure: a budget, its pods and the scale of their
// controllers in, the budget's status out.

/** How long an eviction's entry in status.disruptedPods waits for its pod to start deleting (DeletionTimeout). */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

export interface DisruptionInput {
  pdb: PodDisruptionBudget;
  /** The budget's pods: those its selector matches in its namespace. */
  pods: Pod[];
  /**
   * The replicas each controller of those pods asks for, by controller uid (Deployment for a ReplicaSet it
   * owns, StatefulSet, ReplicationController, ReplicaSet); undefined for a pod without a scalable controller.
   */
  scaleOf: (pod: Pod) => { uid: string; replicas: number } | undefined;
  now: Date;
}

export type DisruptionPlan =
  | { kind: 'status'; status: PodDisruptionBudgetStatus; recheckAt?: Date }
  | { kind: 'failed'; reason: string; message: string; status: PodDisruptionBudgetStatus };

function percentOf(value: string, total: number, roundUp: boolean): number {
  const exact = (Number(value.replace('%', '')) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** getExpectedScale: the summed scale of the pods' distinct controllers; an error when one has none. */
function expectedScale(input: DisruptionInput): number | string {
  const seen = new Map<string, number>();
  for (const pod of input.pods) {
    const scale = input.scaleOf(pod);
    if (!scale) return `found no controllers for pod "${pod.metadata.name}"`;
    seen.set(scale.uid, scale.replicas);
  }
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

/** buildDisruptedPodMap: evictions still waiting for their pod to go, and when the next one times out. */
function disruptedPods(input: DisruptionInput): { map: Record<string, string>; recheckAt?: Date } {
  const byName = new Map(input.pods.map((p) => [p.metadata.name, p]));
  const map: Record<string, string> = {};
  let recheckAt: Date | undefined;
  for (const [name, since] of Object.entries(input.pdb.status?.disruptedPods ?? {})) {
    const pod = byName.get(name);
    if (!pod || pod.metadata.deletionTimestamp) continue;
    const expires = Date.parse(since) + DELETION_TIMEOUT_MS;
    if (!(expires > input.now.getTime())) continue;
    map[name] = since;
    if (!recheckAt || expires < recheckAt.getTime()) recheckAt = new Date(expires);
  }
  return { map, recheckAt };
}

export function planDisruption(input: DisruptionInput): DisruptionPlan {
  const { pdb, pods, now } = input;
  const spec = pdb.spec ?? {};
  const generation = pdb.metadata.generation ?? 1;
  let expectedPods: number;
  let desiredHealthy: number;
  const failed = (message: string): DisruptionPlan => {
    const status: PodDisruptionBudgetStatus = {
      ...(pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }),
      disruptionsAllowed: 0,
      observedGeneration: generation,
    };
    status.conditions = disruptionCondition(status, pdb.status?.conditions, now, message);
    return { kind: 'failed', reason: 'CalculateExpectedPodCountFailed', message, status };
  };
  if (spec.maxUnavailable !== undefined) {
    const scale = expectedScale(input);
    if (typeof scale === 'string') return failed(scale);
    expectedPods = scale;
    const unavailable =
      typeof spec.maxUnavailable === 'number'
        ? spec.maxUnavailable
        : percentOf(spec.maxUnavailable, expectedPods, true);
    desiredHealthy = Math.max(0, expectedPods - unavailable);
  } else if (typeof spec.minAvailable === 'string') {
    const scale = expectedScale(input);
    if (typeof scale === 'string') return failed(scale);
    expectedPods = scale;
    desiredHealthy = percentOf(spec.minAvailable, expectedPods, true);
  } else {
    expectedPods = pods.length;
    desiredHealthy = spec.minAvailable ?? 0;
  }
  const { map, recheckAt } = disruptedPods(input);
  const currentHealthy = pods.filter(
    (p) => !p.metadata.deletionTimestamp && map[p.metadata.name ?? ''] === undefined && isPodReady(p),
  ).length;
  let disruptionsAllowed = currentHealthy - desiredHealthy;
  if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
  const status: PodDisruptionBudgetStatus = {
    observedGeneration: generation,
    ...(Object.keys(map).length > 0 ? { disruptedPods: map } : {}),
    disruptionsAllowed,
    currentHealthy,
    desiredHealthy,
    expectedPods,
  };
  status.conditions = disruptionCondition(status, pdb.status?.conditions, now);
  return { kind: 'status', status, ...(recheckAt ? { recheckAt } : {}) };
}
