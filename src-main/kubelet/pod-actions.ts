import type { Container, ContainerStateWaiting, PodStatus, Pod } from '../shared/pod-types';
import type { ListedContainer } from './observed-pod';
import type { BackoffState } from './plan-container-restart';

// What a pod's sync is to do: the plan planPodActions (plan-pod-actions.ts) makes and PodActionExecutor
// (execute-pod-actions.ts) carries out, in the words of Kubernetes' podActions.

export interface ContainerRef {
  role: 'init' | 'app';
  /** Its index in spec.initContainers or spec.containers. */
  index: number;
  name: string;
}

export type KillReason = 'LivenessProbe' | 'StartupProbe' | 'SpecChanged' | 'PodFinished';

export interface ContainerToKill extends ContainerRef {
  id: string;
  reason: KillReason;
  /** The Killing event's message. */
  message: string;
  graceSeconds: number;
}

export interface ContainerToStart extends ContainerRef {
  /** The new container's attempt number (its restartCount): 0 for the first. */
  attempt: number;
  /** The restart backoff this restart after a crash arms; absent for a first start or a spec change. */
  backoff?: BackoffState;
}

export interface RestartBackoff extends ContainerRef {
  /** When the container may restart. */
  untilMs: number;
  waiting: ContainerStateWaiting;
  /** The BackOff event's message, when the wait is new (its message changed). */
  event?: string;
}

export interface PodTermination {
  deadlineMs: number;
  /** The grace period left when the termination starts, in whole seconds. */
  graceSeconds: number;
  /** The running containers, stopped group after group (plan-termination-order.ts). */
  groups: ListedContainer[][];
}

export interface PodActions {
  /** Kubernetes' KillPod: every container of the pod goes first, the sandbox being made again. */
  killPod: boolean;
  createSandbox?: { reason: 'NoSandbox' | 'SandboxChanged'; message: string };
  /** Keep the pod's volumes set up (configMap and secret contents, subPath directories): a pod still running. */
  mountVolumes: boolean;
  /** Running containers to stop and why; init containers' one after another in this order. */
  containersToKill: ContainerToKill[];
  /** Kubernetes' InitContainersToStart: the init container to run next, or sidecars to start again; in order. */
  initContainersToStart: ContainerToStart[];
  /** App containers to start, each after its own kill when it is in containersToKill. */
  containersToStart: ContainerToStart[];
  /** Exited containers held back by their restart backoff. */
  backoff: RestartBackoff[];
  /** Exited containers that stay exited (their restart policy says so): nothing holds them back any more. */
  settled: ContainerRef[];
  /** Every regular init container has succeeded and every sidecar has started (or the pod ran before). */
  initialized: boolean;
  /**
   * The running containers to probe at `podIP`; probes of the pod's other containers stop. Without `podIP` (a
   * sandbox being made) they are kept and probes start on a later sync. Absent: probes are left as they are.
   */
  probe?: { podIP?: string; containers: Array<ContainerRef & { id: string }> };
  /** Sync again as soon as this one ends: a container was killed for a probe, and its exit decides what next. */
  resync: boolean;
  /** Sync again after this long at the latest (the end of the earliest backoff). */
  retryInMs?: number;
  /** The pod is deleted: stop its containers within the grace period, then remove it. */
  terminate?: PodTermination;
  /** The status to write for what was observed; absent when the pod's status already says it. */
  status?: PodStatus;
}

/** Does carrying the plan out change the pod's containers (so its status must be observed again)? */
export function changesContainers(actions: PodActions): boolean {
  return (
    !!actions.createSandbox ||
    actions.containersToKill.length > 0 ||
    actions.initContainersToStart.length > 0 ||
    actions.containersToStart.length > 0
  );
}

/** The spec of a planned container. */
export function specOf(pod: Pod, ref: ContainerRef): Container {
  return ref.role === 'init' ? pod.spec.initContainers![ref.index]! : pod.spec.containers[ref.index]!;
}

/** The Killing/BackOff events' fieldPath: `spec.containers{web}`. */
export function fieldPathOf(ref: { role: 'init' | 'app'; name: string }): string {
  return `spec.${ref.role === 'init' ? 'initContainers' : 'containers'}{${ref.name}}`;
}
