import type { OwnerReference } from '../shared/api-types';
import { deepEqual } from '../shared/deep-equal';
import type { StatefulSet, StatefulSetStatus } from '../shared/apps-types';
import type { Pod } from '../shared/pod-types';
import type { PersistentVolumeClaim } from '../shared/storage-types';
import type { PodTemplateSpec } from '../shared/workload-types';
import {
  claimOwners,
  claimsFor,
  endOrdinal,
  identityMatches,
  inOrdinalRange,
  isFailed,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  newStatefulSetPod,
  ordinalOf,
  podRevision,
  startOrdinal,
  withIdentity,
} from './stateful-set-utils';

// Kubernetes' defaultStatefulSetControl.updateStatefulSet (pkg/controller/statefulset/stateful_set_control.go)
// as a pure decision. The actions are carried out in order; OrderedReady stops at the first pod that is not yet
// Running and Ready (or is terminating), Parallel acts on every ordinal at once. Scaling down goes from the
// highest ordinal, a rolling update replaces one pod at a time from the highest ordinal down to the partition.

export interface RevisionTemplate {
  name: string;
  template: PodTemplateSpec;
}

export interface StatefulSetInput {
  set: StatefulSet;
  current: RevisionTemplate;
  update: RevisionTemplate;
  collisionCount: number;
  /** The set's pods (controlled by it). */
  pods: Pod[];
  /** Claims of the namespace by name. */
  claims: ReadonlyMap<string, PersistentVolumeClaim>;
  now: number;
}

export type StatefulSetAction =
  | { type: 'createClaim'; claim: PersistentVolumeClaim; pod: string }
  | { type: 'createPod'; pod: Pod }
  | { type: 'deletePod'; pod: Pod; why: 'failed' | 'scale-down' | 'update' }
  | { type: 'updatePod'; pod: Pod }
  | { type: 'updateClaimOwners'; claim: PersistentVolumeClaim; ownerReferences: OwnerReference[] };

export interface StatefulSetPlan {
  actions: StatefulSetAction[];
  status: StatefulSetStatus;
}

type Slot = { pod: Pod; created: boolean };

/** computeReplicaStatus over the pods that exist. */
export function replicaStatus(input: StatefulSetInput, pods: Pod[]) {
  const minReady = input.set.spec.minReadySeconds ?? 0;
  const status = {
    replicas: 0,
    readyReplicas: 0,
    availableReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
  };
  for (const pod of pods) {
    status.replicas++;
    if (isRunningAndReady(pod)) {
      status.readyReplicas++;
      if (isRunningAndAvailable(pod, minReady, input.now)) status.availableReplicas++;
    }
    if (!isTerminating(pod)) {
      if (podRevision(pod) === input.current.name) status.currentReplicas++;
      if (podRevision(pod) === input.update.name) status.updatedReplicas++;
    }
  }
  return status;
}

/** newVersionedStatefulSetPod: ordinals below the partition are made at the current revision. */
function newVersionedPod(input: StatefulSetInput, ordinal: number): Pod {
  const { set } = input;
  const strategy = set.spec.updateStrategy;
  const useCurrent =
    ((strategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
      !strategy?.rollingUpdate &&
      ordinal < startOrdinal(set) + (set.status?.currentReplicas ?? 0)) ||
    (strategy?.rollingUpdate !== undefined &&
      ordinal < startOrdinal(set) + (strategy.rollingUpdate.partition ?? 0));
  const at = useCurrent ? input.current : input.update;
  return newStatefulSetPod(set, at.template, ordinal, at.name);
}

export function planStatefulSet(input: StatefulSetInput): StatefulSetPlan {
  const { set, now } = input;
  const minReady = set.spec.minReadySeconds ?? 0;
  const actions: StatefulSetAction[] = [];
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata.generation,
    currentRevision: input.current.name,
    updateRevision: input.update.name,
    collisionCount: input.collisionCount,
    ...replicaStatus(input, input.pods),
  };
  const start = startOrdinal(set);
  const end = endOrdinal(set);
  const slots: (Slot | undefined)[] = Array.from({ length: Math.max(0, end - start + 1) });
  const condemned: Pod[] = [];
  for (const pod of input.pods) {
    if (inOrdinalRange(set, pod)) slots[ordinalOf(pod) - start] = { pod, created: true };
    else if (ordinalOf(pod) >= 0) condemned.push(pod);
  }
  const replicas: Slot[] = slots.map(
    (slot, i) => slot ?? { pod: newVersionedPod(input, start + i), created: false },
  );
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
  const unavailable = (slot: Slot) =>
    !slot.created || isTerminating(slot.pod) || !isRunningAndAvailable(slot.pod, minReady, now);
  const firstUnhealthy =
    replicas.find(unavailable)?.pod ??
    [...condemned].reverse().find((pod) => unavailable({ pod, created: true }));

  const done = (): StatefulSetPlan => ({ actions, status });
  if (set.metadata.deletionTimestamp) return done();
  const monotonic = (set.spec.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';

  const fixClaims = (pod: Pod) => {
    for (const wanted of claimsFor(set, ordinalOf(pod), pod)) {
      const claim = input.claims.get(wanted.metadata.name ?? '');
      if (!claim) continue;
      const owners = claimOwners(set, pod, claim.metadata.ownerReferences ?? []);
      if (!deepEqual(owners, claim.metadata.ownerReferences ?? []))
        actions.push({ type: 'updateClaimOwners', claim, ownerReferences: owners });
    }
  };
  const createMissingClaims = (pod: Pod): boolean => {
    let stale = false;
    for (const claim of claimsFor(set, ordinalOf(pod), pod)) {
      const existing = input.claims.get(claim.metadata.name ?? '');
      if (existing?.metadata.deletionTimestamp) stale = true;
      else if (!existing) actions.push({ type: 'createClaim', claim, pod: pod.metadata.name ?? '' });
    }
    return stale;
  };

  // processReplica: true means "stop here" in OrderedReady.
  const processReplica = (slot: Slot): boolean => {
    const pod = slot.pod;
    if (slot.created && (isFailed(pod) || isSucceeded(pod))) {
      if (!isTerminating(pod)) actions.push({ type: 'deletePod', pod, why: 'failed' });
      return true;
    }
    if (!slot.created) {
      // A claim still being deleted would be re-bound to the old volume: wait for it to go.
      if (createMissingClaims(pod)) return true;
      actions.push({ type: 'createPod', pod });
      return monotonic;
    }
    if (pod.status?.phase === 'Pending' || !pod.status?.phase) createMissingClaims(pod);
    if (isTerminating(pod) && monotonic) return true;
    if (!isRunningAndReady(pod) && monotonic) return true;
    if (!isRunningAndAvailable(pod, minReady, now) && monotonic) return true;
    if (!identityMatches(set, pod)) actions.push({ type: 'updatePod', pod: withIdentity(pod) });
    fixClaims(pod);
    return false;
  };
  for (const slot of replicas) if (processReplica(slot) && monotonic) return done();

  for (const pod of condemned) fixClaims(pod);

  // processCondemned: highest ordinal first; OrderedReady waits for it to be gone before the next.
  for (const pod of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return done();
      continue;
    }
    if (monotonic && pod !== firstUnhealthy && !isRunningAndAvailable(pod, minReady, now)) return done();
    actions.push({ type: 'deletePod', pod, why: 'scale-down' });
    if (monotonic) return done();
  }

  if (set.spec.updateStrategy?.type === 'OnDelete') return done();

  // The rolling update: replace the highest ordinal not at the update revision, one at a time.
  const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let target = replicas.length - 1; target >= partition; target--) {
    const slot = replicas[target]!;
    if (slot.created && podRevision(slot.pod) !== input.update.name && !isTerminating(slot.pod)) {
      actions.push({ type: 'deletePod', pod: slot.pod, why: 'update' });
      status.currentReplicas = (status.currentReplicas ?? 0) - 1;
      return done();
    }
    if (unavailable(slot)) return done();
  }
  return done();
}

/** completeRollingUpdate: once every pod is at the update revision and ready, it becomes the current one. */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): StatefulSetStatus {
  if (
    (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
    status.updatedReplicas === status.replicas &&
    status.readyReplicas === status.replicas
  ) {
    return { ...status, currentRevision: status.updateRevision, currentReplicas: status.updatedReplicas };
  }
  return status;
}
