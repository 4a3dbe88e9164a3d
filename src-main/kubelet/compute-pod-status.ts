import type { Condition } from '../shared/api-types';
import type { ContainerState, ContainerStatus, Pod, PodPhase, PodStatus } from '../shared/pod-types';
import { qosClassOf } from '../shared/pod-resources';
import type { ObservedAttempt, ObservedContainer, ObservedPod } from './observed-pod';
import { isSidecar } from './plan-init-containers';

// The Pod status a kubelet reports, computed from what it observed. Pure: the same inputs give the same status.

function terminatedState(attempt: ObservedAttempt): ContainerState {
  const reason = attempt.oomKilled
    ? 'OOMKilled'
    : attempt.exitCode === 0
      ? 'Completed'
      : attempt.error
        ? 'StartError'
        : 'Error';
  return {
    terminated: {
      exitCode: attempt.exitCode,
      reason,
      ...(attempt.terminationMessage
        ? { message: attempt.terminationMessage }
        : attempt.error
          ? { message: attempt.error }
          : {}),
      ...(attempt.startedAt ? { startedAt: attempt.startedAt } : {}),
      ...(attempt.finishedAt ? { finishedAt: attempt.finishedAt } : {}),
      containerID: `docker://${attempt.id}`,
    },
  };
}

function containerStatus(observed: ObservedContainer, defaultWaiting: string): ContainerStatus {
  const { current, previous } = observed;
  let state: ContainerState;
  let lastState: ContainerState = {};
  if (current?.running) {
    state = { running: { ...(current.startedAt ? { startedAt: current.startedAt } : {}) } };
    if (previous && !previous.running) lastState = terminatedState(previous);
  } else if (current && observed.waiting) {
    state = { waiting: observed.waiting };
    lastState = terminatedState(current);
  } else if (current && current.finishedAt) {
    state = terminatedState(current);
    if (previous && !previous.running) lastState = terminatedState(previous);
  } else {
    state = { waiting: observed.waiting ?? { reason: defaultWaiting } };
    if (previous && !previous.running) lastState = terminatedState(previous);
  }
  const running = !!current?.running;
  return {
    name: observed.name,
    state,
    lastState,
    ready: running && observed.ready && observed.started,
    started: running && observed.started,
    restartCount: current?.attempt ?? 0,
    image: observed.image,
    imageID: current?.imageId ? `docker://${current.imageId}` : '',
    ...(current ? { containerID: `docker://${current.id}` } : {}),
  };
}

function succeeded(status: ContainerStatus): boolean {
  return status.state.terminated?.exitCode === 0;
}

/** Kubernetes' getPhase, over init and app container statuses (sidecars: init containers with restartPolicy Always). */
export function podPhase(pod: Pod, init: ContainerStatus[], app: ContainerStatus[]): PodPhase {
  const policy = pod.spec.restartPolicy ?? 'Always';
  const specs = pod.spec.initContainers ?? [];
  const sidecar = (s: ContainerStatus) => {
    const spec = specs.find((c) => c.name === s.name);
    return !!spec && isSidecar(spec);
  };
  const regular = init.filter((s) => !sidecar(s));
  const initFailed = regular.some((s) => s.state.terminated && s.state.terminated.exitCode !== 0);
  if (initFailed && policy === 'Never') return 'Failed';
  const initialized = app.some((s) => s.state.running || s.state.terminated || s.lastState.terminated);
  const pendingRegular = regular.some((s) => !succeeded(s));
  const pendingSidecars = init.some((s) => sidecar(s) && !(s.state.running && s.started));
  if (pendingRegular || (pendingSidecars && !initialized)) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let ok = 0;
  for (const s of app) {
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) ok++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) stopped++;
      else waiting++;
    }
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === ok) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

function condition(
  type: string,
  ok: boolean,
  now: string,
  previous: Condition[] | undefined,
  reason?: string,
  message?: string,
): Condition {
  const status = ok ? 'True' : 'False';
  const before = previous?.find((c) => c.type === type);
  return {
    type,
    status,
    ...(reason && !ok ? { reason } : {}),
    ...(message && !ok ? { message } : {}),
    lastTransitionTime: before && before.status === status ? (before.lastTransitionTime ?? now) : now,
  };
}

/** Each init container that keeps the pod from being initialized: a regular one until it succeeded, a sidecar until it started. */
function incompleteInit(pod: Pod, observed: ObservedPod): string[] {
  const specs = pod.spec.initContainers ?? [];
  return observed.init
    .filter((c, i) => {
      const current = c.current;
      if (specs[i] && isSidecar(specs[i])) return !(current?.running && c.started);
      return !(current && !current.running && current.exitCode === 0);
    })
    .map((c) => c.name);
}

export function computePodStatus(pod: Pod, observed: ObservedPod, now: string): PodStatus {
  const previous = pod.status;
  // GeneratePodInitializedCondition: an app container that has run means the pod was initialized.
  const incomplete = incompleteInit(pod, observed);
  const initDone = incomplete.length === 0 || observed.app.some((c) => c.current);
  const init = observed.init.map((c) => containerStatus(c, 'PodInitializing'));
  const app = observed.app.map((c) => containerStatus(c, initDone ? 'ContainerCreating' : 'PodInitializing'));
  // Before the sandbox exists, the first init container (or every app container) is being created.
  if (!observed.sandboxReady) {
    for (const s of init.length ? init.slice(0, 1) : app)
      if (s.state.waiting?.reason === 'PodInitializing') s.state.waiting.reason = 'ContainerCreating';
  }
  const phase = podPhase(pod, init, app);
  // Sidecars' readiness counts too (GenerateContainersReadyCondition), listed before the app containers.
  const sidecarNames = new Set((pod.spec.initContainers ?? []).filter(isSidecar).map((c) => c.name));
  const notReady = [...init.filter((s) => sidecarNames.has(s.name)), ...app]
    .filter((s) => !s.ready)
    .map((s) => s.name);
  const containersReady = notReady.length === 0 && phase === 'Running';
  const notReadyMessage = `containers with unready status: [${notReady.join(' ')}]`;
  const conditions: Condition[] = [
    condition('PodReadyToStartContainers', observed.sandboxReady, now, previous?.conditions),
    condition(
      'Initialized',
      initDone,
      now,
      previous?.conditions,
      'ContainersNotInitialized',
      `containers with incomplete status: [${incomplete.join(' ')}]`,
    ),
    condition(
      'Ready',
      containersReady,
      now,
      previous?.conditions,
      phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady',
      notReadyMessage,
    ),
    condition(
      'ContainersReady',
      containersReady,
      now,
      previous?.conditions,
      phase === 'Succeeded' ? 'PodCompleted' : 'ContainersNotReady',
      notReadyMessage,
    ),
    condition('PodScheduled', true, now, previous?.conditions),
  ];
  const startTime = previous?.startTime ?? now;
  return {
    phase,
    conditions,
    ...(observed.hostIP ? { hostIP: observed.hostIP, hostIPs: [{ ip: observed.hostIP }] } : {}),
    ...(observed.podIP ? { podIP: observed.podIP, podIPs: [{ ip: observed.podIP }] } : {}),
    startTime,
    ...(init.length ? { initContainerStatuses: init } : {}),
    containerStatuses: app,
    qosClass: qosClassOf(pod.spec),
  };
}
