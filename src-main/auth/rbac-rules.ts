import type { PolicyRule, RoleBinding, Subject } from '../shared/rbac-types';
import type { RequestAttributes } from './request-attributes';

// plugin/pkg/auth/authorizer/rbac/rbac.go and pkg/registry/rbac/validation/rule.go: which bindings apply to a
// user, and whether one of their rules allows a request. Pure.

export interface RbacSubjectUser {
  name: string;
  groups: string[];
}

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return (rule.verbs ?? []).some((v) => v === '*' || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === '*' || g === group);
}

export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  return (rule.resources ?? []).some(
    (r) =>
      r === '*' ||
      r === combined ||
      (subresource !== '' &&
        r.length === subresource.length + 2 &&
        r.startsWith('*/') &&
        r.endsWith(subresource)),
  );
}

export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || names.includes(name);
}

export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some(
    (u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))),
  );
}

/** RuleAllows */
export function ruleAllows(request: RequestAttributes, rule: PolicyRule): boolean {
  if (request.resourceRequest) {
    const combined = request.subresource ? `${request.resource}/${request.subresource}` : request.resource;
    return (
      verbMatches(rule, request.verb) &&
      apiGroupMatches(rule, request.apiGroup) &&
      resourceMatches(rule, combined, request.subresource) &&
      resourceNameMatches(rule, request.name)
    );
  }
  return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
}

/** appliesToUser: a ServiceAccount subject without a namespace means the binding's own. */
export function subjectMatches(user: RbacSubjectUser, subject: Subject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const namespace = subject.namespace || bindingNamespace;
      return namespace !== '' && user.name === `system:serviceaccount:${namespace}:${subject.name}`;
    }
    default:
      return false;
  }
}

export function bindingApplies(user: RbacSubjectUser, binding: RoleBinding, namespace: string): boolean {
  return (binding.subjects ?? []).some((s) => subjectMatches(user, s, namespace));
}

export interface RbacPolicy {
  clusterRoleBindings(): RoleBinding[];
  roleBindings(namespace: string): RoleBinding[];
  clusterRoleRules(name: string): PolicyRule[] | undefined;
  roleRules(namespace: string, name: string): PolicyRule[] | undefined;
}

export interface RbacDecision {
  allowed: boolean;
  /** `RBAC: …` when a binding names a role that does not exist (Kubernetes appends it to the 403). */
  reason: string;
}

/** VisitRulesFor + Authorize: cluster-wide bindings first, then the request namespace's bindings. */
export function authorize(
  policy: RbacPolicy,
  user: RbacSubjectUser,
  request: RequestAttributes,
): RbacDecision {
  const errors: string[] = [];
  const allowedBy = (rules: PolicyRule[] | undefined, missing: string): boolean => {
    if (!rules) {
      errors.push(missing);
      return false;
    }
    return rules.some((rule) => ruleAllows(request, rule));
  };
  for (const binding of policy.clusterRoleBindings()) {
    if (!bindingApplies(user, binding, '')) continue;
    const name = binding.roleRef?.name ?? '';
    if (allowedBy(policy.clusterRoleRules(name), `clusterrole.rbac.authorization.k8s.io "${name}" not found`))
      return { allowed: true, reason: '' };
  }
  const namespace = request.resourceRequest ? request.namespace : '';
  if (namespace) {
    for (const binding of policy.roleBindings(namespace)) {
      if (!bindingApplies(user, binding, namespace)) continue;
      const { kind, name } = binding.roleRef ?? { kind: '', name: '' };
      const rules =
        kind === 'ClusterRole' ? policy.clusterRoleRules(name) : policy.roleRules(namespace, name);
      const missing =
        kind === 'ClusterRole'
          ? `clusterrole.rbac.authorization.k8s.io "${name}" not found`
          : `role.rbac.authorization.k8s.io "${name}" not found`;
      if (allowedBy(rules, missing)) return { allowed: true, reason: '' };
    }
  }
  return { allowed: false, reason: errors.length ? `RBAC: ${aggregate(errors)}` : '' };
}

/** utilerrors.NewAggregate's message: one error as is, several as a bracketed list. */
function aggregate(errors: string[]): string {
  return errors.length === 1 ? errors[0]! : `[${errors.join(', ')}]`;
}

/** The 403 message of responsewriters.Forbidden over forbiddenMessage, and its details. */
export function forbiddenStatus(
  username: string,
  request: RequestAttributes,
  reason: string,
): { message: string; details: { name?: string; group?: string; kind?: string } } {
  let detail: string;
  let prefix: string;
  let details: { name?: string; group?: string; kind?: string } = {};
  if (!request.resourceRequest) {
    detail = `User "${username}" cannot ${request.verb} path "${request.path}"`;
    prefix = 'forbidden';
  } else {
    const resource = request.subresource ? `${request.resource}/${request.subresource}` : request.resource;
    detail = request.namespace
      ? `User "${username}" cannot ${request.verb} resource "${resource}" in API group "${request.apiGroup}" in the namespace "${request.namespace}"`
      : `User "${username}" cannot ${request.verb} resource "${resource}" in API group "${request.apiGroup}" at the cluster scope`;
    const qualified = request.apiGroup ? `${request.resource}.${request.apiGroup}` : request.resource;
    if (!request.resource) prefix = 'forbidden';
    else prefix = request.name ? `${qualified} "${request.name}" is forbidden` : `${qualified} is forbidden`;
    details = {
      ...(request.name ? { name: request.name } : {}),
      ...(request.apiGroup ? { group: request.apiGroup } : {}),
      kind: request.resource,
    };
  }
  const message = `${prefix}: ${detail}${reason ? `: ${reason}` : ''}`;
  return { message, details };
}
