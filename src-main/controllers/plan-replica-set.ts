import type { Condition } from '../shared/api-types';
import { matchesLabels, selectorRequirements } from '../shared/label-selector';
import type { Pod } from '../shared/pod-types';
import type { ReplicaSet } from '../shared/workload-types';

// Kubernetes' ReplicaSet controller as a pure decision: which pods to adopt and release, how many to create,
// which to delete (in Kubernetes' order), and the status to report.

export interface ReplicaSetPlan {
  adopt: Pod[];
  release: Pod[];
  create: number;
  delete: Pod[];
  status: NonNullable<ReplicaSet['status']>;
}

const BURST = 500;

export const controllerOf = (pod: Pod) => pod.metadata.ownerReferences?.find((r) => r.controller);
const isActive = (pod: Pod) =>
  !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
const readyCondition = (pod: Pod): Condition | undefined =>
  pod.status?.conditions?.find((c) => c.type === 'Ready');
export const isPodReady = (pod: Pod) => readyCondition(pod)?.status === 'True';

export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = Date.parse(readyCondition(pod)?.lastTransitionTime ?? '');
  return Number.isFinite(since) && since + minReadySeconds * 1000 <= now;
}

const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const restarts = (pod: Pod) => (pod.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);

/** Kubernetes' ActivePods order: the pods earlier in it are the ones deleted first when scaling down. */
export function compareForDeletion(a: Pod, b: Pod): number {
  const assigned = (p: Pod) => (p.spec.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const phase = (p: Pod) => PHASE_RANK[p.status?.phase ?? 'Pending'] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  const ready = (p: Pod) => (isPodReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  if (isPodReady(a) && isPodReady(b)) {
    const readyAt = (p: Pod) => readyCondition(p)?.lastTransitionTime ?? '';
    if (readyAt(a) !== readyAt(b)) return readyAt(b).localeCompare(readyAt(a)); // ready more recently first
  }
  if (restarts(a) !== restarts(b)) return restarts(b) - restarts(a);
  const created = (p: Pod) => p.metadata.creationTimestamp ?? '';
  if (created(a) !== created(b)) return created(b).localeCompare(created(a)); // newer first
  return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

export function planReplicaSet(rs: ReplicaSet, podsInNamespace: Pod[], now: number): ReplicaSetPlan {
  const selector = selectorRequirements(rs.spec.selector);
  const uid = rs.metadata.uid;
  const matches = (pod: Pod) => matchesLabels(selector, pod.metadata.labels);
  const owned = podsInNamespace.filter((p) => controllerOf(p)?.uid === uid);
  const release = owned.filter((p) => !matches(p) && !p.metadata.deletionTimestamp);
  const adopt = rs.metadata.deletionTimestamp
    ? []
    : podsInNamespace.filter((p) => !controllerOf(p) && !p.metadata.deletionTimestamp && matches(p));
  const mine = [...owned.filter(matches), ...adopt];
  const active = mine.filter(isActive);
  const wanted = rs.spec.replicas ?? 1;
  const diff = active.length - wanted;
  const deleting = rs.metadata.deletionTimestamp !== undefined;
  const templateLabels = rs.spec.template.metadata?.labels ?? {};
  const fullyLabeled = active.filter((p) =>
    Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v),
  );
  return {
    adopt,
    release,
    create: !deleting && diff < 0 ? Math.min(-diff, BURST) : 0,
    delete: !deleting && diff > 0 ? [...active].sort(compareForDeletion).slice(0, Math.min(diff, BURST)) : [],
    status: {
      replicas: active.length,
      fullyLabeledReplicas: fullyLabeled.length,
      readyReplicas: active.filter(isPodReady).length,
      availableReplicas: active.filter((p) => isPodAvailable(p, rs.spec.minReadySeconds ?? 0, now)).length,
      observedGeneration: rs.metadata.generation ?? 1,
    },
  };
}
