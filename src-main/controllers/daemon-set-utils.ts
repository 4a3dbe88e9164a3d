import {
  CONTROLLER_REVISION_HASH,
  DAEMONSET_TEMPLATE_GENERATION,
  POD_TEMPLATE_GENERATION,
  type DaemonSet,
} from '../shared/apps-types';
import type { Node, Pod } from '../shared/pod-types';
import type { PodTemplateSpec } from '../shared/workload-types';
import type { NodeSelectorTerm, Taint, Toleration } from '../shared/scheduling-types';
import { nodeAffinityMismatch, toleratesTaint } from '../scheduling/scheduling-predicates';

// Kubernetes' pkg/controller/daemon/util and NodeShouldRunDaemonPod, pure. Taint and node-affinity matching
// are the scheduler's (scheduling/scheduling-predicates.ts), as in Kubernetes, where both call component-helpers.

/** AddOrUpdateDaemonPodTolerations: what every DaemonSet pod tolerates, so it runs where others may not. */
export function daemonPodTolerations(template: PodTemplateSpec): Toleration[] {
  const wanted: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ...((template.spec as { hostNetwork?: boolean }).hostNetwork
      ? [{ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' } as const]
      : []),
  ];
  const own = (template.spec.tolerations ?? []) as Toleration[];
  const same = (a: Toleration, b: Toleration) => a.key === b.key && a.effect === b.effect;
  return [...own.filter((t) => !wanted.some((w) => same(t, w))), ...wanted];
}

/** The taints a node has: its own, and those Kubernetes' node lifecycle controller adds for its conditions. */
export function nodeTaints(node: Node): Taint[] {
  const taints = [...(((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []) as Taint[])];
  const add = (key: string, effect: Taint['effect']) => {
    if (!taints.some((t) => t.key === key && t.effect === effect)) taints.push({ key, effect });
  };
  if (node.spec?.unschedulable) add('node.kubernetes.io/unschedulable', 'NoSchedule');
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
  if (ready !== 'True') {
    const key = ready === 'False' ? 'node.kubernetes.io/not-ready' : 'node.kubernetes.io/unreachable';
    add(key, 'NoSchedule');
    add(key, 'NoExecute');
  }
  return taints;
}

const untolerated = (taints: Taint[], tolerations: Toleration[], effects: string[]) =>
  taints.find((t) => effects.includes(t.effect) && !tolerations.some((x) => toleratesTaint(x, t)));

/**
 * NodeShouldRunDaemonPod: whether a new daemon pod belongs on the node, and whether one already there may stay
 * (it may while it tolerates the node's NoExecute taints, e.g. a node that just turned NotReady).
 */
export function nodeShouldRunDaemonPod(
  node: Node,
  ds: DaemonSet,
): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const template = ds.spec.template;
  if (template.spec.nodeName && template.spec.nodeName !== node.metadata.name)
    return { shouldRun: false, shouldContinueRunning: false };
  // The scheduler's own NodeAffinity filter: nodeSelector and required node affinity.
  if (nodeAffinityMismatch(template as Pod, node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = nodeTaints(node);
  const tolerations = daemonPodTolerations(template);
  if (untolerated(taints, tolerations, ['NoSchedule', 'NoExecute']))
    return { shouldRun: false, shouldContinueRunning: !untolerated(taints, tolerations, ['NoExecute']) };
  return { shouldRun: true, shouldContinueRunning: true };
}

export const templateGeneration = (ds: DaemonSet): string | undefined =>
  ds.metadata.annotations?.[DAEMONSET_TEMPLATE_GENERATION];

/** IsPodUpdated: the pod carries the current hash, or the current template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: string | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  return (
    (hash !== '' && labels[CONTROLLER_REVISION_HASH] === hash) ||
    (generation !== undefined && labels[POD_TEMPLATE_GENERATION] === generation)
  );
}

/** The surge and unavailability a rolling update allows (percentages of desired nodes, rounded up). */
export function updatedDesiredNodeCounts(
  ds: DaemonSet,
  desired: number,
): { maxSurge: number; maxUnavailable: number } {
  const rolling = ds.spec.updateStrategy?.rollingUpdate;
  const resolve = (value: number | string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    if (typeof value === 'number') return value;
    return Math.ceil((Number(value.replace('%', '')) * desired) / 100);
  };
  const maxSurge = resolve(rolling?.maxSurge, 0);
  let maxUnavailable = resolve(rolling?.maxUnavailable, 1);
  if (desired === 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  if (maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** CreatePodTemplate plus ReplaceDaemonSetPodNodeNameNodeAffinity: the pod a DaemonSet makes for a node. */
export function newDaemonPod(ds: DaemonSet, nodeName: string, hash: string): Pod {
  const template = ds.spec.template;
  const spec = structuredClone(template.spec);
  spec.tolerations = daemonPodTolerations(template);
  const affinity = (spec.affinity ?? {}) as Record<string, unknown>;
  const nodeAffinity = (affinity.nodeAffinity ?? {}) as Record<string, unknown>;
  const required = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution as
    { nodeSelectorTerms?: NodeSelectorTerm[] } | undefined;
  const field = [{ key: 'metadata.name', operator: 'In', values: [nodeName] }];
  const terms = required?.nodeSelectorTerms?.length
    ? required.nodeSelectorTerms.map((t) => ({ ...t, matchFields: field }))
    : [{ matchFields: field }];
  spec.affinity = {
    ...affinity,
    nodeAffinity: {
      ...nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
    },
  };
  const generation = templateGeneration(ds);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${ds.metadata.name}-`,
      namespace: ds.metadata.namespace,
      labels: {
        ...template.metadata?.labels,
        [CONTROLLER_REVISION_HASH]: hash,
        ...(generation !== undefined ? { [POD_TEMPLATE_GENERATION]: generation } : {}),
      },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
    },
    spec,
  };
}
