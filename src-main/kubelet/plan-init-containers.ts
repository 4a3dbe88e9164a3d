import type { Container } from '../shared/pod-types';

// Which init containers to start now: Kubernetes' computeInitContainerActions (pkg/kubelet/kuberuntime/
// kuberuntime_manager.go, 1.32 with SidecarContainers), over what the kubelet observed. Pure.
//
// Init containers run one at a time in order. A regular one must exit 0 before the next starts. A restartable
// one (`restartPolicy: Always`, a native sidecar) keeps running: the next starts once it has started (its
// startup probe passed, or at once without one), and it is restarted whenever it exits, whatever the pod's
// restartPolicy. Once an app container has been created the pod is initialized: regular init containers are
// done with for good, and only sidecars are kept running.

export interface InitObservation {
  /** The latest attempt, when one exists. */
  current?: { running: boolean; exitCode: number };
  /** Its startup probe has passed (true when it has none). */
  started: boolean;
  /** Its startup probe failed its threshold: it is killed and started again. */
  startupFailed?: boolean;
}

export interface InitPlan {
  /** Init containers to start (or, when their latest attempt exited, to restart after backoff), in spec order. */
  start: number[];
  /** Every regular init container has succeeded and every sidecar has started: app containers may run. */
  initialized: boolean;
  /** A regular init container failed and the pod's restartPolicy is Never: the pod has failed. */
  failed: boolean;
}

export const isSidecar = (c: Container): boolean => c.restartPolicy === 'Always';

export function planInitContainers(
  specs: Container[],
  observed: InitObservation[],
  podRestartPolicy: 'Always' | 'OnFailure' | 'Never',
  /** An app container has been created: the pod was initialized before. */
  previouslyInitialized: boolean,
): InitPlan {
  const start: number[] = [];
  let initialized = false;
  let seen = false;
  for (let i = specs.length - 1; i >= 0; i--) {
    const spec = specs[i]!;
    const { current, started, startupFailed } = observed[i] ?? { started: false };
    if (!current) {
      // Its attempt is gone (removed by hand): a sidecar of an initialized pod comes back.
      if (previouslyInitialized && isSidecar(spec)) start.push(i);
      continue;
    }
    seen = true;
    if (previouslyInitialized && !isSidecar(spec)) continue;
    if (current.running) {
      if (isSidecar(spec)) {
        if (startupFailed) start.push(i);
        else if (started) {
          if (i === specs.length - 1) initialized = true;
          else if (!previouslyInitialized) start.push(i + 1);
        }
      }
    } else if (isSidecar(spec)) {
      start.push(i);
    } else if (current.exitCode !== 0) {
      if (podRestartPolicy === 'Never') return { start: [], initialized: false, failed: true };
      start.push(i);
    } else if (i === specs.length - 1) {
      initialized = true;
    } else {
      start.push(i + 1);
    }
    if (!previouslyInitialized) break;
  }
  if (!previouslyInitialized && !seen && specs.length > 0) start.push(0);
  if (specs.length === 0 || previouslyInitialized) initialized = true;
  return { start: [...new Set(start)].sort((a, b) => a - b), initialized, failed: false };
}
