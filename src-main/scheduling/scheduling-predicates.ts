import type { Node, Pod } from '../shared/pod-types';
import type { LabelSelector } from '../shared/workload-types';
import type {
  Affinity,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodAffinityTerm,
  Taint,
  Toleration,
  TopologySpreadConstraint,
} from '../shared/scheduling-types';
import { matchesLabels, selectorRequirements } from '../shared/label-selector';

const matchesSelector = (selector: LabelSelector, labels: Record<string, string>) =>
  matchesLabels(selectorRequirements(selector), labels);

// The default scheduler's filters that read the pod's scheduling fields, for Skiff's one node. Pure; ported
// from pkg/scheduler/framework/plugins (tainttoleration, nodeaffinity, interpodaffinity, podtopologyspread)
// and component-helpers/scheduling/corev1 (taint/toleration and node selector matching). Each returns the
// reason Kubernetes prints after "0/1 nodes are available: 1 ", or undefined when the node passes.

/** v1.Toleration.ToleratesTaint */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** The TaintToleration filter: the first NoSchedule/NoExecute taint no toleration tolerates. */
export function untoleratedTaint(pod: Pod, node: Node): string | undefined {
  const taints = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter(
    (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute',
  );
  const tolerations = (pod.spec.tolerations ?? []) as Toleration[];
  const taint = taints.find((t) => !tolerations.some((tol) => toleratesTaint(tol, t)));
  return taint && `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
}

function matchesRequirement(value: string | undefined, req: NodeSelectorRequirement): boolean {
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || !/^-?\d+$/.test(value) || !/^-?\d+$/.test(values[0] ?? '')) return false;
      const [have, want] = [BigInt(value), BigInt(values[0]!)];
      return req.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

/** corev1.MatchNodeSelectorTerms: terms are ORed; a term's requirements ANDed; an empty term matches nothing. */
export function matchesNodeSelectorTerms(node: Node, terms: NodeSelectorTerm[]): boolean {
  const labels = node.metadata.labels ?? {};
  return terms.some((term) => {
    const expressions = term.matchExpressions ?? [];
    const fields = term.matchFields ?? [];
    if (expressions.length === 0 && fields.length === 0) return false;
    return (
      expressions.every((r) => matchesRequirement(labels[r.key], r)) &&
      fields.every((r) => matchesRequirement(r.key === 'metadata.name' ? node.metadata.name : undefined, r))
    );
  });
}

/** The NodeAffinity filter: nodeSelector and the required node affinity must both match. */
export function nodeAffinityMismatch(pod: Pod, node: Node): string | undefined {
  const reason = "node(s) didn't match Pod's node affinity/selector";
  const selector = pod.spec.nodeSelector ?? {};
  if (Object.entries(selector).some(([k, v]) => node.metadata.labels?.[k] !== v)) return reason;
  const required = (pod.spec.affinity as Affinity | undefined)?.nodeAffinity
    ?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required && !matchesNodeSelectorTerms(node, required.nodeSelectorTerms ?? [])) return reason;
  return undefined;
}

/** Whether `other` is one of the pods a term speaks of: in its namespaces (the pod's own by default), selected. */
function termSelects(
  term: PodAffinityTerm,
  owner: Pod,
  other: Pod,
  namespaceLabels: NamespaceLabels,
): boolean {
  const namespace = other.metadata.namespace ?? 'default';
  const named = term.namespaces ?? [];
  const bySelector =
    term.namespaceSelector !== undefined &&
    matchesSelector(term.namespaceSelector, namespaceLabels(namespace));
  const inScope =
    named.includes(namespace) ||
    bySelector ||
    (named.length === 0 &&
      term.namespaceSelector === undefined &&
      namespace === (owner.metadata.namespace ?? 'default'));
  // a nil labelSelector selects nothing (an empty one selects everything)
  return (
    inScope &&
    term.labelSelector !== undefined &&
    matchesSelector(term.labelSelector, other.metadata.labels ?? {})
  );
}

export type NamespaceLabels = (namespace: string) => Record<string, string>;

/**
 * The InterPodAffinity filter on one node: with a single node, every pod placed is in the node's topology
 * domain when the node has the term's topologyKey. Existing pods' required anti-affinity is checked first.
 */
export function interPodAffinityMismatch(
  pod: Pod,
  node: Node,
  placed: Pod[],
  namespaceLabels: NamespaceLabels,
): string | undefined {
  const labels = node.metadata.labels ?? {};
  for (const other of placed) {
    const terms =
      (other.spec.affinity as Affinity | undefined)?.podAntiAffinity
        ?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
    if (terms.some((t) => labels[t.topologyKey] !== undefined && termSelects(t, other, pod, namespaceLabels)))
      return "node(s) didn't satisfy existing pods anti-affinity rules";
  }
  const affinity = pod.spec.affinity as Affinity | undefined;
  const required = affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  if (required.length > 0) {
    const allMatchedHere = required.every(
      (t) =>
        labels[t.topologyKey] !== undefined && placed.some((p) => termSelects(t, pod, p, namespaceLabels)),
    );
    // No pod matches anywhere, but the pod matches its own terms: the first of a group may go anywhere.
    const noneAnywhere = required.every((t) => !placed.some((p) => termSelects(t, pod, p, namespaceLabels)));
    const selfMatch = required.every((t) => termSelects(t, pod, pod, namespaceLabels));
    if (!allMatchedHere && !(noneAnywhere && selfMatch)) return "node(s) didn't match pod affinity rules";
  }
  const anti = affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  if (
    anti.some(
      (t) =>
        labels[t.topologyKey] !== undefined && placed.some((p) => termSelects(t, pod, p, namespaceLabels)),
    )
  )
    return "node(s) didn't match pod anti-affinity rules";
  return undefined;
}

/**
 * The PodTopologySpread filter with one node: one domain has skew 0, so only a node without a hard
 * constraint's topologyKey fails.
 */
export function topologySpreadMismatch(pod: Pod, node: Node): string | undefined {
  const constraints = (
    (pod.spec as { topologySpreadConstraints?: TopologySpreadConstraint[] }).topologySpreadConstraints ?? []
  ).filter((c) => c.whenUnsatisfiable === 'DoNotSchedule');
  if (constraints.some((c) => node.metadata.labels?.[c.topologyKey] === undefined))
    return "node(s) didn't match pod topology spread constraints (missing required label)";
  return undefined;
}
