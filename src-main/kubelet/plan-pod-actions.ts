import type { Pod, PodStatus } from '../shared/pod-types';
import { deepEqual } from '../shared/deep-equal';
import { computePodStatus } from './compute-pod-status';
import { specHash } from './container-spec';
import type { ObservedAttempt, ObservedContainer, ObservedPod, PodObservation } from './observed-pod';
import type {
  ContainerRef,
  ContainerToKill,
  ContainerToStart,
  PodActions,
  PodTermination,
} from './pod-actions';
import { planRestart, type RestartPolicy } from './plan-container-restart';
import { isSidecar, planInitContainers } from './plan-init-containers';
import { appContainersFinished, sidecarStopOrder, terminationGroups } from './plan-termination-order';

// What a pod needs now, decided from one observation: Kubernetes' computePodActions (pkg/kubelet/kuberuntime/
// kuberuntime_manager.go, 1.32 with SidecarContainers), which execute-pod-actions.ts carries out. Pure.

const terminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

export function planPodActions(pod: Pod, observed: PodObservation, now: number): PodActions {
  const actions: PodActions = {
    killPod: false,
    mountVolumes: false,
    containersToKill: [],
    initContainersToStart: [],
    containersToStart: [],
    backoff: [],
    settled: [],
    initialized: false,
    resync: false,
  };
  if (pod.metadata.deletionTimestamp) {
    actions.terminate = planTermination(pod, observed, now);
    return actions;
  }
  const grace = pod.spec.terminationGracePeriodSeconds ?? 30;
  if (terminal(pod)) {
    // A pod that finished while its sidecars ran (its status written before they were stopped) stops them now.
    actions.containersToKill = stopSidecars(pod, observed, grace);
    actions.status = podStatusToWrite(pod, observed, now);
    return actions;
  }
  actions.mountVolumes = true;
  let seen: ObservedPod = observed;
  if (!observed.sandbox?.running) {
    actions.killPod = !!observed.sandbox;
    actions.createSandbox = observed.sandbox
      ? { reason: 'SandboxChanged', message: 'Pod sandbox changed, it will be killed and re-created.' }
      : { reason: 'NoSandbox', message: 'No sandbox for pod can be found. Need to start a new one' };
    // The containers are planned against the sandbox to be: no address yet, and none of the killed ones left.
    seen = { ...observed, sandboxReady: false, podIP: undefined };
    if (actions.killPod)
      seen = { ...seen, init: seen.init.map(withoutAttempts), app: seen.app.map(withoutAttempts) };
  }
  const probed: Array<ContainerRef & { id: string }> = [];
  actions.initialized = planInit(pod, seen, now, grace, actions, probed);
  if (actions.initialized) planApp(pod, seen, now, grace, actions, probed);
  actions.probe = { ...(seen.podIP ? { podIP: seen.podIP } : {}), containers: probed };
  actions.status = podStatusToWrite(pod, withPlannedWaiting(seen, actions), now);
  return actions;
}

/** The status computed from what was observed, or undefined when the pod's status already says it. */
export function podStatusToWrite(pod: Pod, observed: ObservedPod, now: number): PodStatus | undefined {
  const status = computePodStatus(pod, observed, new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const comparable = (s: PodStatus | undefined) =>
    s && JSON.parse(JSON.stringify(s, (k, v) => (k === 'lastTransitionTime' ? undefined : v)));
  return deepEqual(comparable(status), comparable(pod.status)) ? undefined : status;
}

function planTermination(pod: Pod, observed: PodObservation, now: number): PodTermination {
  const deadlineMs = Date.parse(pod.metadata.deletionTimestamp ?? '') || now;
  const running = observed.listed.filter((c) => c.role !== 'sandbox' && c.running);
  // App containers first, then sidecars one by one in reverse order, all within the grace period.
  return {
    deadlineMs,
    graceSeconds: Math.max(0, Math.ceil((deadlineMs - now) / 1000)),
    groups: terminationGroups(
      pod,
      running,
      (c) => c.name,
      (c) => c.role === 'init',
    ),
  };
}

/** Running sidecars stop after the app containers, one at a time in reverse order (Kubernetes' ordering). */
function stopSidecars(pod: Pod, observed: ObservedPod, graceSeconds: number): ContainerToKill[] {
  const specs = pod.spec.initContainers ?? [];
  return sidecarStopOrder(specs).flatMap((index) => {
    const current = observed.init[index]?.current;
    if (!current?.running) return [];
    const name = specs[index]!.name;
    const kill: ContainerToKill = {
      role: 'init',
      index,
      name,
      id: current.id,
      reason: 'PodFinished',
      message: `Stopping container ${name}`,
      graceSeconds,
    };
    return [kill];
  });
}

function killForProbe(
  ref: ContainerRef,
  id: string,
  kind: 'liveness' | 'startup',
  graceSeconds: number,
): ContainerToKill {
  return {
    ...ref,
    id,
    reason: kind === 'liveness' ? 'LivenessProbe' : 'StartupProbe',
    message: `Container ${ref.name} failed ${kind} probe, will be restarted`,
    graceSeconds,
  };
}

/**
 * Init containers as planned by plan-init-containers.ts: regular ones one at a time, sidecars started in order
 * and kept running (restarted with backoff when they exit, probed like app containers). True once initialized.
 */
function planInit(
  pod: Pod,
  seen: ObservedPod,
  now: number,
  grace: number,
  actions: PodActions,
  probed: Array<ContainerRef & { id: string }>,
): boolean {
  const specs = pod.spec.initContainers ?? [];
  if (specs.length === 0) return true;
  if (appContainersFinished(pod, seen)) {
    actions.containersToKill.push(...stopSidecars(pod, seen, grace));
    return true;
  }
  const failedStartup = new Set<number>();
  for (const [index, spec] of specs.entries()) {
    const observed = seen.init[index]!;
    const current = observed.current;
    if (!isSidecar(spec) || !current?.running) continue;
    const ref: ContainerRef = { role: 'init', index, name: spec.name };
    if (observed.probeFailure === 'liveness') {
      actions.containersToKill.push(killForProbe(ref, current.id, 'liveness', grace));
      actions.resync = true;
      continue;
    }
    if (observed.probeFailure === 'startup') failedStartup.add(index);
    probed.push({ ...ref, id: current.id });
  }
  const plan = planInitContainers(
    specs,
    seen.init.map((o, i) => ({
      ...(o.current ? { current: { running: o.current.running, exitCode: o.current.exitCode } } : {}),
      started: o.started,
      startupFailed: failedStartup.has(i),
    })),
    pod.spec.restartPolicy ?? 'Always',
    seen.app.some((c) => c.current),
  );
  for (const index of plan.start) {
    const spec = specs[index]!;
    const observed = seen.init[index]!;
    const current = observed.current;
    const ref: ContainerRef = { role: 'init', index, name: spec.name };
    if (!current) actions.initContainersToStart.push({ ...ref, attempt: 0 });
    else if (current.running) {
      actions.containersToKill.push(killForProbe(ref, current.id, 'startup', grace));
      const probing = probed.findIndex((p) => p.id === current.id);
      if (probing >= 0) probed.splice(probing, 1);
      actions.resync = true;
    } else {
      const policy = isSidecar(spec) ? 'Always' : pod.spec.restartPolicy === 'Never' ? 'Never' : 'OnFailure';
      planRestartOf(pod, ref, observed, current, policy, now, actions, actions.initContainersToStart);
    }
  }
  return plan.initialized;
}

function planApp(
  pod: Pod,
  seen: ObservedPod,
  now: number,
  grace: number,
  actions: PodActions,
  probed: Array<ContainerRef & { id: string }>,
): void {
  for (const [index, spec] of pod.spec.containers.entries()) {
    const observed = seen.app[index]!;
    const current = observed.current;
    const ref: ContainerRef = { role: 'app', index, name: spec.name };
    if (!current) actions.containersToStart.push({ ...ref, attempt: 0 });
    else if (current.running) {
      if (current.specHash !== specHash(spec)) {
        // Restarted whatever the restart policy, and at once: the container did not fail.
        actions.containersToKill.push({
          ...ref,
          id: current.id,
          reason: 'SpecChanged',
          message: `Container ${spec.name} definition changed, will be restarted`,
          graceSeconds: grace,
        });
        actions.containersToStart.push({ ...ref, attempt: current.attempt + 1 });
      } else if (observed.probeFailure) {
        actions.containersToKill.push(killForProbe(ref, current.id, observed.probeFailure, grace));
        actions.resync = true;
      } else probed.push({ ...ref, id: current.id });
    } else {
      const policy = pod.spec.restartPolicy ?? 'Always';
      planRestartOf(pod, ref, observed, current, policy, now, actions, actions.containersToStart);
    }
  }
}

/** An exited container: restart it now, after its backoff, or never (plan-container-restart.ts). */
function planRestartOf(
  pod: Pod,
  ref: ContainerRef,
  observed: ObservedContainer,
  current: ObservedAttempt,
  policy: RestartPolicy,
  now: number,
  actions: PodActions,
  starts: ContainerToStart[],
): void {
  const finishedAt = current.finishedAt ? Date.parse(current.finishedAt) : now;
  const decision = planRestart(policy, current.exitCode, finishedAt, observed.backoff, now);
  if (decision.action === 'none') {
    actions.settled.push(ref);
    return;
  }
  if (decision.action === 'restart-now') {
    starts.push({ ...ref, attempt: current.attempt + 1, backoff: decision.backoff });
    return;
  }
  const { name, namespace, uid } = pod.metadata;
  const seconds = Math.round(decision.delayMs / 1000);
  const message = `back-off ${seconds}s restarting failed container=${ref.name} pod=${name}_${namespace}(${uid})`;
  actions.backoff.push({
    ...ref,
    untilMs: decision.untilMs,
    waiting: { reason: 'CrashLoopBackOff', message },
    ...(observed.waiting?.message !== message
      ? { event: `Back-off restarting failed container ${ref.name} in pod ${name}_${namespace}(${uid})` }
      : {}),
  });
  const retry = decision.untilMs - now;
  actions.retryInMs = actions.retryInMs === undefined ? retry : Math.min(actions.retryInMs, retry);
}

function withoutAttempts(container: ObservedContainer): ObservedContainer {
  const { current: _current, previous: _previous, probeFailure: _failure, ...rest } = container;
  return { ...rest, ready: false, started: false };
}

/** The observation as it will be once the plan's backoffs are recorded and its settled containers released. */
function withPlannedWaiting(seen: ObservedPod, actions: PodActions): ObservedPod {
  const list = (role: 'init' | 'app', containers: ObservedContainer[]) =>
    containers.map((c, index) => {
      const match = (r: ContainerRef) => r.role === role && r.index === index;
      const wait = actions.backoff.find(match);
      if (wait) return { ...c, waiting: wait.waiting };
      if (!actions.settled.some(match)) return c;
      const { waiting: _waiting, ...rest } = c;
      return rest;
    });
  return { ...seen, init: list('init', seen.init), app: list('app', seen.app) };
}
