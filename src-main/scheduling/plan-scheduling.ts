import type { Node, Pod } from '../shared/pod-types';
import { podRequests } from '../shared/pod-resources';
import { cpuMillis, memoryBytes } from '../shared/quantity';
import {
  interPodAffinityMismatch,
  nodeAffinityMismatch,
  topologySpreadMismatch,
  untoleratedTaint,
  type NamespaceLabels,
} from './scheduling-predicates';

export type SchedulingDecision = { pod: Pod; bind: true } | { pod: Pod; bind: false; message: string };

/** The NodeUnschedulable plugin lets through pods that tolerate the unschedulable taint (DaemonSet pods do). */
const toleratesUnschedulable = (pod: Pod) =>
  ((pod.spec.tolerations ?? []) as Array<{ key?: string; operator?: string; effect?: string }>).some(
    (t) =>
      (t.key === 'node.kubernetes.io/unschedulable' || (!t.key && t.operator === 'Exists')) &&
      (!t.effect || t.effect === 'NoSchedule'),
  );

const terminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

/**
 * The default scheduler's filters for one node, in its plugin order: the node's readiness and schedulability,
 * taints and tolerations, nodeSelector and required node affinity, resources requested against what is
 * allocatable, inter-pod (anti-)affinity, topology spread (scheduling-predicates.ts). Pending pods are placed
 * by priority, then oldest first (the scheduling queue's PrioritySort).
 */
export function planScheduling(
  pending: Pod[],
  placed: Pod[],
  node: Node | undefined,
  namespaceLabels: NamespaceLabels = () => ({}),
): SchedulingDecision[] {
  const ordered = [...pending].sort(
    (a, b) =>
      (b.spec.priority ?? 0) - (a.spec.priority ?? 0) ||
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
  const ready = node?.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  const allocatable = node?.status?.allocatable ?? {};
  const cpuFree0 = cpuMillis(allocatable.cpu);
  const memoryFree0 = memoryBytes(allocatable.memory);
  const live = placed.filter((p) => !terminal(p));
  const unfit = (reason: string) => `0/1 nodes are available: 1 ${reason}.`;
  let cpuUsed = live.reduce((n, p) => n + podRequests(p.spec).cpuMillis, 0);
  let memoryUsed = live.reduce((n, p) => n + podRequests(p.spec).memoryBytes, 0);
  let podCount = live.length;
  const maxPods = Number(allocatable.pods ?? 110);
  return ordered.map((pod): SchedulingDecision => {
    if (!node || !ready)
      return {
        pod,
        bind: false,
        message:
          '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. The Docker engine is not answering.',
      };
    if (node.spec?.unschedulable && !toleratesUnschedulable(pod))
      return { pod, bind: false, message: '0/1 nodes are available: 1 node(s) were unschedulable.' };
    const filtered = untoleratedTaint(pod, node) ?? nodeAffinityMismatch(pod, node);
    if (filtered) return { pod, bind: false, message: unfit(filtered) };
    const wants = podRequests(pod.spec);
    const short: string[] = [];
    if (cpuUsed + wants.cpuMillis > cpuFree0) short.push('Insufficient cpu');
    if (memoryUsed + wants.memoryBytes > memoryFree0) short.push('Insufficient memory');
    if (podCount + 1 > maxPods) short.push('Too many pods');
    if (short.length > 0)
      return {
        pod,
        bind: false,
        message: `0/1 nodes are available: ${short.map((s) => `1 ${s}`).join(', ')}.`,
      };
    const spread =
      interPodAffinityMismatch(pod, node, live, namespaceLabels) ?? topologySpreadMismatch(pod, node);
    if (spread) return { pod, bind: false, message: unfit(spread) };
    live.push(pod);
    cpuUsed += wants.cpuMillis;
    memoryUsed += wants.memoryBytes;
    podCount++;
    return { pod, bind: true };
  });
}
