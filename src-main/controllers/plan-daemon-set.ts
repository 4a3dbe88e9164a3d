import { CONTROLLER_REVISION_HASH, type DaemonSet, type DaemonSetStatus } from '../shared/apps-types';
import type { Node, Pod } from '../shared/pod-types';
import {
  isPodUpdated,
  nodeShouldRunDaemonPod,
  templateGeneration,
  updatedDesiredNodeCounts,
} from './daemon-set-utils';
import { isPodAvailable, isPodReady } from './plan-replica-set';

// Kubernetes' DaemonSet controller (pkg/controller/daemon/daemon_controller.go manage and podsShouldBeOnNode,
// update.go rollingUpdate, updateDaemonSetStatus) as a pure decision over nodes and the set's pods.

export interface DaemonSetInput {
  ds: DaemonSet;
  /** The hash of the update revision (the controller-revision-hash new pods carry). */
  hash: string;
  nodes: Node[];
  /** The set's pods (controlled by it). */
  pods: Pod[];
  now: number;
}

export interface DaemonSetPlan {
  /** Nodes to create a daemon pod on. */
  createOn: string[];
  delete: Pod[];
  /** Failed pods about to be replaced (Kubernetes records FailedDaemonPod for each). */
  failed: Pod[];
  status: DaemonSetStatus;
}

const byCreationAndPhase = (a: Pod, b: Pod) => {
  // podByCreationTimestampAndPhase: scheduled and running pods first among equals, then oldest.
  const created = (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '');
  if (created !== 0) return created;
  return (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
};

/** getNodesToDaemonPods: the pods by node (pods not bound yet are counted where their affinity points). */
function podsByNode(pods: Pod[]): Map<string, Pod[]> {
  const map = new Map<string, Pod[]>();
  for (const pod of pods) {
    const node = pod.spec.nodeName ?? affinityNode(pod);
    if (!node) continue;
    map.set(node, [...(map.get(node) ?? []), pod]);
  }
  return map;
}

function affinityNode(pod: Pod): string | undefined {
  const affinity = pod.spec.affinity as
    | {
        nodeAffinity?: {
          requiredDuringSchedulingIgnoredDuringExecution?: {
            nodeSelectorTerms?: Array<{ matchFields?: Array<{ key: string; values?: string[] }> }>;
          };
        };
      }
    | undefined;
  const terms =
    affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms)
    for (const field of term.matchFields ?? [])
      if (field.key === 'metadata.name' && field.values?.length === 1) return field.values[0];
  return undefined;
}

const terminating = (pod: Pod) => Boolean(pod.metadata.deletionTimestamp);
const allowsSurge = (ds: DaemonSet) =>
  ds.spec.updateStrategy?.type === 'RollingUpdate' && updatedDesiredNodeCounts(ds, 1).maxSurge > 0;

/** manage's podsShouldBeOnNode for one node. */
function manageNode(input: DaemonSetInput, node: Node, pods: Pod[], plan: DaemonSetPlan): void {
  const { ds } = input;
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
  const exists = pods.length > 0;
  if (shouldRun && !exists) {
    plan.createOn.push(node.metadata.name ?? '');
    return;
  }
  if (shouldContinueRunning) {
    const running: Pod[] = [];
    for (const pod of pods) {
      if (terminating(pod)) continue;
      if (pod.status?.phase === 'Failed') {
        plan.failed.push(pod);
        plan.delete.push(pod);
      } else if (pod.status?.phase === 'Succeeded') plan.delete.push(pod);
      else running.push(pod);
    }
    if (running.length <= 1) return;
    running.sort(byCreationAndPhase);
    if (!allowsSurge(ds)) {
      plan.delete.push(...running.slice(1));
      return;
    }
    // With surge, an old and a new pod may overlap until the new one is available.
    let oldestNew: Pod | undefined;
    let oldestOld: Pod | undefined;
    for (const pod of running) {
      if (pod.metadata.labels?.[CONTROLLER_REVISION_HASH] === input.hash) {
        if (!oldestNew) {
          oldestNew = pod;
          continue;
        }
      } else if (!oldestOld) {
        oldestOld = pod;
        continue;
      }
      plan.delete.push(pod);
    }
    if (oldestNew && oldestOld) {
      if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ds.spec.minReadySeconds ?? 0, input.now))
        plan.delete.push(oldestOld);
    }
    return;
  }
  if (exists) plan.delete.push(...pods.filter((p) => !terminating(p)));
}

/** findUpdatedPodsOnNode: at most one new and one old live pod, else not ok. */
function updatedPodsOnNode(input: DaemonSetInput, pods: Pod[]) {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  const generation = templateGeneration(input.ds);
  for (const pod of pods) {
    if (terminating(pod)) continue;
    if (isPodUpdated(pod, input.hash, generation)) {
      if (newPod) return { ok: false as const };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false as const };
      oldPod = pod;
    }
  }
  return { ok: true as const, newPod, oldPod };
}

/** update.go rollingUpdate. */
function rollingUpdate(
  input: DaemonSetInput,
  byNode: Map<string, Pod[]>,
  desired: number,
  plan: DaemonSetPlan,
): void {
  const { ds, now } = input;
  const minReady = ds.spec.minReadySeconds ?? 0;
  const available = (pod: Pod) => isPodAvailable(pod, minReady, now);
  const { maxSurge, maxUnavailable } = updatedDesiredNodeCounts(ds, desired);
  const nodes = [...byNode.keys()].sort();
  if (maxSurge === 0) {
    let numUnavailable = 0;
    const allowed: Pod[] = [];
    const candidates: Pod[] = [];
    for (const name of nodes) {
      const found = updatedPodsOnNode(input, byNode.get(name) ?? []);
      if (!found.ok) {
        numUnavailable++;
        continue;
      }
      const { newPod, oldPod } = found;
      if ((!oldPod && !newPod) || (oldPod && newPod)) numUnavailable++;
      else if (newPod) {
        if (!available(newPod)) numUnavailable++;
      } else if (oldPod) {
        if (!available(oldPod)) allowed.push(oldPod);
        else if (numUnavailable < maxUnavailable) candidates.push(oldPod);
      }
    }
    const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
    plan.delete.push(...allowed, ...candidates.slice(0, remaining));
    return;
  }
  const nodeByName = new Map(input.nodes.map((n) => [n.metadata.name ?? '', n]));
  let numSurge = 0;
  const candidateNodes: string[] = [];
  const allowedNodes: string[] = [];
  for (const name of nodes) {
    const found = updatedPodsOnNode(input, byNode.get(name) ?? []);
    if (!found.ok) {
      numSurge++;
      continue;
    }
    const { newPod, oldPod } = found;
    if (!oldPod) continue;
    if (!newPod) {
      if (!available(oldPod)) {
        const node = nodeByName.get(name);
        if (!node || !nodeShouldRunDaemonPod(node, ds).shouldRun) plan.delete.push(oldPod);
        else allowedNodes.push(name);
      } else if (numSurge < maxSurge) candidateNodes.push(name);
      continue;
    }
    if (!available(newPod)) {
      numSurge++;
      continue;
    }
    plan.delete.push(oldPod);
  }
  const remaining = Math.min(Math.max(0, maxSurge - numSurge), candidateNodes.length);
  plan.createOn.push(...allowedNodes, ...candidateNodes.slice(0, remaining));
}

/** updateDaemonSetStatus: counted over nodes, from the oldest pod on each. */
export function daemonSetStatus(input: DaemonSetInput, byNode: Map<string, Pod[]>): DaemonSetStatus {
  const { ds, now } = input;
  const generation = templateGeneration(ds);
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  for (const node of input.nodes) {
    const pods = (byNode.get(node.metadata.name ?? '') ?? []).filter(
      (p) => !(terminating(p) && (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed')),
    );
    const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
    if (!shouldRun) {
      if (pods.length > 0) misscheduled++;
      continue;
    }
    desired++;
    if (pods.length === 0) continue;
    current++;
    const pod = [...pods].sort(byCreationAndPhase)[0]!;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, ds.spec.minReadySeconds ?? 0, now)) available++;
    }
    if (isPodUpdated(pod, input.hash, generation)) updated++;
  }
  return {
    observedGeneration: ds.metadata.generation,
    desiredNumberScheduled: desired,
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    numberReady: ready,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    ...(desired - available > 0 ? { numberUnavailable: desired - available } : {}),
  };
}

export function planDaemonSet(input: DaemonSetInput): DaemonSetPlan {
  const byNode = podsByNode(input.pods);
  const status = daemonSetStatus(input, byNode);
  const plan: DaemonSetPlan = { createOn: [], delete: [], failed: [], status };
  if (input.ds.metadata.deletionTimestamp) return plan;
  const known = new Set(input.nodes.map((n) => n.metadata.name ?? ''));
  for (const node of input.nodes) manageNode(input, node, byNode.get(node.metadata.name ?? '') ?? [], plan);
  // Pods on nodes that no longer exist go (Kubernetes' podGC does this for a deleted node).
  for (const [name, pods] of byNode)
    if (!known.has(name)) plan.delete.push(...pods.filter((p) => !terminating(p)));
  // The rolling update runs only once the counts are right (Kubernetes waits for its expectations).
  if (
    plan.createOn.length === 0 &&
    plan.delete.length === 0 &&
    input.ds.spec.updateStrategy?.type !== 'OnDelete'
  )
    rollingUpdate(input, byNode, status.desiredNumberScheduled, plan);
  return plan;
}
