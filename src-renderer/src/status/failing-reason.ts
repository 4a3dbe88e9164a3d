import type { Condition } from '@shared/api-types';
import type { ContainerStatus, Pod } from '@shared/pod-types';
import type { Deployment } from '@shared/workload-types';

// Why a pod or a workload fails, said in words, from what the kubelet and the controllers report. Pure.

export interface Failure {
  /** The reason Kubernetes reports: ErrImagePull, CrashLoopBackOff, Unschedulable… */
  reason: string;
  /** The reason in words. */
  summary: string;
  /** What the reporter said (the container's or the condition's message), when it said something. */
  detail?: string;
  /** The pod (and container) it was seen on. */
  pod?: string;
  container?: string;
}

const WORDS: Record<string, string> = {
  ErrImagePull: 'The image cannot be pulled',
  ImagePullBackOff: 'The image cannot be pulled; retrying with back-off',
  ErrImageNeverPull: 'The image is not on the node and the pull policy is Never',
  InvalidImageName: 'The image name is not valid',
  CrashLoopBackOff: 'A container keeps crashing; restarting with back-off',
  CreateContainerConfigError: "A container's configuration refers to something missing",
  CreateContainerError: 'A container could not be created',
  RunContainerError: 'A container could not be started',
  ContainerCannotRun: 'A container could not be started',
  OOMKilled: 'A container ran out of memory',
  Unschedulable: 'No node can run the pod',
  ProgressDeadlineExceeded: 'The rollout made no progress before its deadline',
  FailedCreate: 'The controller cannot create pods',
  Evicted: 'The pod was evicted',
  Failed: 'The pod failed',
};

// the most telling first: a pull error explains a crash loop that cannot even start
const RANK = [
  'InvalidImageName',
  'ErrImageNeverPull',
  'ErrImagePull',
  'ImagePullBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'ContainerCannotRun',
  'OOMKilled',
  'CrashLoopBackOff',
  'Unschedulable',
  'Evicted',
  'Failed',
];
const rank = (f: Failure) => {
  const at = RANK.indexOf(f.reason);
  return at < 0 ? RANK.length : at;
};

const words = (reason: string) => WORDS[reason] ?? reason.replace(/([a-z])([A-Z])/g, '$1 $2');

function containerFailure(status: ContainerStatus): Failure | undefined {
  const waiting = status.state.waiting;
  if (waiting?.reason && waiting.reason in WORDS && waiting.reason !== 'Failed') {
    const last = status.lastState.terminated;
    const detail =
      waiting.message ??
      (last ? `last exit: ${last.reason ?? 'Error'}, exit code ${last.exitCode}` : undefined);
    return {
      reason: waiting.reason,
      summary: words(waiting.reason),
      ...(detail ? { detail } : {}),
      container: status.name,
    };
  }
  const terminated = status.state.terminated;
  if (terminated?.reason === 'OOMKilled')
    return { reason: 'OOMKilled', summary: words('OOMKilled'), container: status.name };
  return undefined;
}

const unschedulable = (conditions: Condition[] | undefined) =>
  conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable');

/** Why this pod fails, or undefined when nothing says it does (a pod being deleted is not failing). */
export function podFailure(pod: Pod): Failure | undefined {
  if (pod.metadata.deletionTimestamp) return undefined;
  const name = pod.metadata.name;
  const from = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]
    .map(containerFailure)
    .filter((f): f is Failure => f !== undefined)
    .sort((a, b) => rank(a) - rank(b));
  if (from[0]) return { ...from[0], ...(name ? { pod: name } : {}) };
  const blocked = unschedulable(pod.status?.conditions);
  if (blocked)
    return {
      reason: 'Unschedulable',
      summary: words('Unschedulable'),
      ...(blocked.message ? { detail: blocked.message } : {}),
      ...(name ? { pod: name } : {}),
    };
  if (pod.status?.phase === 'Failed') {
    const reason = pod.status.reason ?? 'Failed';
    return {
      reason,
      summary: words(reason),
      ...(pod.status.message ? { detail: pod.status.message } : {}),
      ...(name ? { pod: name } : {}),
    };
  }
  return undefined;
}

/** The most telling failure among pods. */
export function podsFailure(pods: Pod[]): Failure | undefined {
  return pods
    .map(podFailure)
    .filter((f): f is Failure => f !== undefined)
    .sort((a, b) => rank(a) - rank(b) || (a.pod ?? '').localeCompare(b.pod ?? ''))[0];
}

/**
 * Why a Deployment fails: its pods' reasons first (they say what to fix), then its own conditions
 * (ReplicaFailure, a progress deadline exceeded). Undefined when nothing fails.
 */
export function deploymentFailure(deployment: Deployment, pods: Pod[]): Failure | undefined {
  const fromPods = podsFailure(pods);
  if (fromPods) return fromPods;
  const conditions = deployment.status?.conditions ?? [];
  const replicaFailure = conditions.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
  if (replicaFailure) {
    const reason = replicaFailure.reason ?? 'ReplicaFailure';
    return {
      reason,
      summary: words(reason),
      ...(replicaFailure.message ? { detail: replicaFailure.message } : {}),
    };
  }
  const progressing = conditions.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    return {
      reason: 'ProgressDeadlineExceeded',
      summary: words('ProgressDeadlineExceeded'),
      ...(progressing.message ? { detail: progressing.message } : {}),
    };
  return undefined;
}

/** Pods a Deployment's selector picks in its namespace (no ReplicaSets needed: the dashboard and lists). */
export function podsSelectedBy(deployment: Deployment, pods: Pod[]): Pod[] {
  const match = deployment.spec.selector?.matchLabels ?? {};
  const keys = Object.keys(match);
  if (keys.length === 0) return [];
  return pods.filter(
    (p) =>
      p.metadata.namespace === deployment.metadata.namespace &&
      keys.every((k) => p.metadata.labels?.[k] === match[k]),
  );
}
