import type { PolicyRule } from '../shared/rbac-types';
import { bindingApplies, type RbacPolicy, type RbacSubjectUser } from './rbac-rules';

// Kubernetes' RBAC escalation rule (pkg/registry/rbac/validation: ConfirmNoEscalation, Covers, BreakdownRule):
// a user may write a role, or bind one, only when it already holds every permission in it — unless it has the
// `escalate` (roles) or `bind` (bindings) verb. So a pod that may create RoleBindings cannot bind itself to
// cluster-admin.

/** Every rule the user holds in `namespace` ('' for cluster-wide), from the bindings that apply to it. */
export function rulesFor(policy: RbacPolicy, user: RbacSubjectUser, namespace: string): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const binding of policy.clusterRoleBindings())
    if (bindingApplies(user, binding, ''))
      rules.push(...(policy.clusterRoleRules(binding.roleRef?.name ?? '') ?? []));
  if (namespace)
    for (const binding of policy.roleBindings(namespace)) {
      if (!bindingApplies(user, binding, namespace)) continue;
      const { kind, name } = binding.roleRef ?? { kind: '', name: '' };
      rules.push(
        ...((kind === 'ClusterRole' ? policy.clusterRoleRules(name) : policy.roleRules(namespace, name)) ??
          []),
      );
    }
  return rules;
}

/** BreakdownRule: one rule per group × resource × verb (× name), and per non-resource URL × verb. */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? [])
    for (const resource of rule.resources ?? [])
      for (const verb of rule.verbs ?? []) {
        if ((rule.resourceNames ?? []).length > 0)
          for (const name of rule.resourceNames!)
            out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        else out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
  for (const url of rule.nonResourceURLs ?? [])
    for (const verb of rule.verbs ?? []) out.push({ nonResourceURLs: [url], verbs: [verb] });
  return out;
}

const has = (set: string[] | undefined, value: string) => (set ?? []).includes(value);
const hasAll = (set: string[] | undefined, values: string[] | undefined) =>
  (values ?? []).every((v) => has(set, v));

function resourceCoversAll(owner: string[] | undefined, requested: string[] | undefined): boolean {
  if (has(owner, '*')) return true;
  return (requested ?? []).every((r) => {
    if (has(owner, r)) return true;
    const slash = r.indexOf('/');
    return slash >= 0 && has(owner, `*${r.slice(slash)}`);
  });
}

function nonResourceURLsCoverAll(owner: string[] | undefined, requested: string[] | undefined): boolean {
  return (requested ?? []).every((url) =>
    (owner ?? []).some((o) => o === url || (o.endsWith('*') && url.startsWith(o.slice(0, -1)))),
  );
}

/** ruleCovers */
export function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups);
  const names =
    (sub.resourceNames ?? []).length === 0
      ? (owner.resourceNames ?? []).length === 0
      : (owner.resourceNames ?? []).length === 0 || hasAll(owner.resourceNames, sub.resourceNames);
  return (
    verbs &&
    groups &&
    resourceCoversAll(owner.resources, sub.resources) &&
    names &&
    nonResourceURLsCoverAll(owner.nonResourceURLs, sub.nonResourceURLs)
  );
}

/** Covers: the atomic rules of `requested` that no owner rule covers (empty when all are held). */
export function missingRights(owner: PolicyRule[], requested: PolicyRule[]): PolicyRule[] {
  return requested.flatMap(breakdownRule).filter((sub) => !owner.some((o) => ruleCovers(o, sub)));
}

/** rbacv1helpers.CompactString */
export function compactRule(rule: PolicyRule): string {
  const q = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
  const parts: string[] = [];
  if (rule.apiGroups?.length) parts.push(`APIGroups:${q(rule.apiGroups)}`);
  if (rule.resources?.length) parts.push(`Resources:${q(rule.resources)}`);
  if (rule.resourceNames?.length) parts.push(`ResourceNames:${q(rule.resourceNames)}`);
  if (rule.nonResourceURLs?.length) parts.push(`NonResourceURLs:${q(rule.nonResourceURLs)}`);
  if (rule.verbs?.length) parts.push(`Verbs:${q(rule.verbs)}`);
  return `{${parts.join(', ')}}`;
}

export function escalationMessage(user: RbacSubjectUser, missing: PolicyRule[]): string {
  const groups = `[${user.groups.map((g) => JSON.stringify(g)).join(' ')}]`;
  return `user ${JSON.stringify(user.name)} (groups=${groups}) is attempting to grant RBAC permissions not currently held:\n${missing.map(compactRule).join('\n')}`;
}
