import type { Pod } from '@shared/pod-types';

// Which pods `kubectl drain` would evict from a node, and which it leaves and why. Pure.

export interface DrainPlan {
  evict: Pod[];
  skipped: Array<{ pod: Pod; why: string }>;
}

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

/**
 * As kubectl drain with `--ignore-daemonsets --delete-emptydir-data`: a DaemonSet's pods stay (its controller
 * would put them back at once), mirror pods stay (the kubelet owns them), finished pods need no eviction.
 * A pod no controller manages is evicted too but said to be gone for good.
 */
export function planDrain(nodeName: string, pods: Pod[]): DrainPlan {
  const plan: DrainPlan = { evict: [], skipped: [] };
  for (const pod of pods) {
    if (pod.spec.nodeName !== nodeName) continue;
    const controller = pod.metadata.ownerReferences?.find((o) => o.controller);
    if (controller?.kind === 'DaemonSet')
      plan.skipped.push({ pod, why: 'DaemonSet pod (its controller keeps it)' });
    else if (pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined)
      plan.skipped.push({ pod, why: 'mirror pod (the kubelet owns it)' });
    else if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed')
      plan.skipped.push({ pod, why: `already ${pod.status.phase}` });
    else plan.evict.push(pod);
  }
  return plan;
}

/** Whether a pod evicted from the node comes back elsewhere (a controller owns it). */
export function isRecreated(pod: Pod): boolean {
  return pod.metadata.ownerReferences?.some((o) => o.controller) ?? false;
}

/** The node's pods, readable: a node page lists them, the dashboard counts them. */
export function podsOnNode(nodeName: string, pods: Pod[]): Pod[] {
  return pods.filter((p) => p.spec.nodeName === nodeName);
}
