import type { Pod } from './pod-types';

export interface PodSummary {
  ready: string; // "1/2"
  status: string; // kubectl's STATUS column: Running, CrashLoopBackOff, Init:0/2, Terminating, Completed…
  restarts: number;
  lastRestart?: string;
}

/** The summary `kubectl get pods` prints, computed the way kubectl's printer does. */
export function summarizePod(pod: Pod): PodSummary {
  const statuses = pod.status?.containerStatuses ?? [];
  const inits = pod.status?.initContainerStatuses ?? [];
  let reason: string = pod.status?.reason ?? pod.status?.phase ?? 'Pending';
  let restarts = 0;
  let lastRestart: string | undefined;
  const noteRestart = (finishedAt: string | undefined) => {
    if (finishedAt && (!lastRestart || finishedAt > lastRestart)) lastRestart = finishedAt;
  };
  let initializing = false;
  // Sidecars (init containers with restartPolicy Always) count among the pod's containers once started.
  const sidecars = new Set(
    (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name),
  );
  let readyCount = 0;
  let sidecarRestarts = 0;
  inits.forEach((s, i) => {
    restarts += s.restartCount;
    if (sidecars.has(s.name)) sidecarRestarts += s.restartCount;
    noteRestart(s.lastState.terminated?.finishedAt);
    if (sidecars.has(s.name) && s.started) {
      if (s.ready) readyCount++;
      return;
    }
    if (s.state.terminated?.exitCode === 0) return;
    if (initializing) return;
    initializing = true;
    if (s.state.terminated)
      reason = s.state.terminated.reason
        ? `Init:${s.state.terminated.reason}`
        : `Init:ExitCode:${s.state.terminated.exitCode}`;
    else if (s.state.waiting?.reason && s.state.waiting.reason !== 'PodInitializing')
      reason = `Init:${s.state.waiting.reason}`;
    else reason = `Init:${i}/${(pod.spec.initContainers ?? []).length}`;
  });
  const initialized = pod.status?.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    let running = false;
    for (const s of [...statuses].reverse()) {
      restarts += s.restartCount;
      noteRestart(s.lastState.terminated?.finishedAt);
      if (s.state.waiting?.reason) reason = s.state.waiting.reason;
      else if (s.state.terminated?.reason) reason = s.state.terminated.reason;
      else if (s.state.terminated)
        reason = s.state.terminated.signal
          ? `Signal:${s.state.terminated.signal}`
          : `ExitCode:${s.state.terminated.exitCode}`;
      else if (s.state.running) {
        running = true;
        if (s.ready) readyCount++;
      }
    }
    if (reason === 'Completed' && running)
      reason = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
        ? 'Running'
        : 'NotReady';
  } else {
    for (const s of statuses) restarts += s.restartCount;
  }
  if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  return {
    ready: `${readyCount}/${pod.spec.containers.length + sidecars.size}`,
    status: reason,
    restarts,
    ...(lastRestart ? { lastRestart } : {}),
  };
}
