import type { Container, Pod } from '../shared/pod-types';
import type { ObservedPod } from './observed-pod';
import { shouldRestart } from './plan-container-restart';
import { isSidecar } from './plan-init-containers';

// When and in which order a pod's containers stop (Kubernetes 1.32 with SidecarContainers). Pure.

/** Sidecars' indices in the order they stop: the reverse of the order they started. */
export function sidecarStopOrder(initContainers: Container[]): number[] {
  return initContainers.flatMap((c, i) => (isSidecar(c) ? [i] : [])).reverse();
}

/**
 * Every app container has exited for good (restartPolicy Never, or OnFailure and it succeeded): the pod is done
 * and its sidecars are stopped, as the kubelet does for a Job's pod.
 */
export function appContainersFinished(pod: Pod, observed: ObservedPod): boolean {
  const policy = pod.spec.restartPolicy ?? 'Always';
  if (policy === 'Always' || observed.app.length === 0) return false;
  return observed.app.every(
    (c) =>
      c.current && !c.current.running && c.current.finishedAt && !shouldRestart(policy, c.current.exitCode),
  );
}

/**
 * The groups a deleted pod's containers stop in: all app containers together, then each sidecar alone in reverse
 * order; `roleOf`/`nameOf` read a container's labels. Regular init containers (not running) go with the apps.
 */
export function terminationGroups<T>(
  pod: Pod,
  containers: T[],
  nameOf: (c: T) => string,
  isInit: (c: T) => boolean,
): T[][] {
  const specs = pod.spec.initContainers ?? [];
  const sidecarNames = sidecarStopOrder(specs).map((i) => specs[i]!.name);
  const sidecar = (c: T) => isInit(c) && sidecarNames.includes(nameOf(c));
  const groups: T[][] = [containers.filter((c) => !sidecar(c))];
  for (const name of sidecarNames) {
    const group = containers.filter((c) => sidecar(c) && nameOf(c) === name);
    if (group.length > 0) groups.push(group);
  }
  return groups;
}
