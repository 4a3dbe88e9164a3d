import { deepEqual } from '../shared/deep-equal';
import { matchesLabels, selectorRequirements } from '../shared/label-selector';
import type { ClusterRole, PolicyRule } from '../shared/rbac-types';

/**
 * The rules an aggregated ClusterRole should hold (pkg/controller/clusterroleaggregation): the rules of every
 * other ClusterRole a selector matches, in name order, each rule once. Undefined when it has no aggregationRule.
 */
export function aggregatedRules(role: ClusterRole, all: ClusterRole[]): PolicyRule[] | undefined {
  const selectors = role.aggregationRule?.clusterRoleSelectors;
  if (!selectors) return undefined;
  const sources = all
    .filter((other) => other.metadata.name !== role.metadata.name)
    .filter((other) =>
      selectors.some((selector) => matchesLabels(selectorRequirements(selector), other.metadata.labels)),
    )
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
  const rules: PolicyRule[] = [];
  for (const source of sources)
    for (const rule of source.rules ?? []) if (!rules.some((r) => deepEqual(r, rule))) rules.push(rule);
  return rules;
}
