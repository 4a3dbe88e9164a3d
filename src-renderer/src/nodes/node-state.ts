import type { Node } from '@shared/pod-types';

/** A node's state in kubectl's words: Ready / NotReady / Unknown, plus SchedulingDisabled when cordoned. */
export function nodeState(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const base = ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown';
  return node.spec?.unschedulable ? `${base},SchedulingDisabled` : base;
}

/** Roles from `node-role.kubernetes.io/<role>` labels, as `kubectl get nodes` prints them. */
export function nodeRoles(node: Node): string {
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  return roles.length ? roles.sort().join(',') : '<none>';
}
