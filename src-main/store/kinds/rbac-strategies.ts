import type { KubeObject, StatusCause } from '../../shared/api-types';
import {
  clusterRoleBindingType,
  clusterRoleType,
  RBAC_GROUP,
  roleBindingType,
  roleType,
  type ClusterRole,
  type PolicyRule,
  type Role,
  type RoleBinding,
  type RoleRef,
  type Subject,
} from '../../shared/rbac-types';
import type { KindStrategy } from '../kind-strategy';
import { checkSchema } from '../schema/schema';
import { pathSegmentNameProblems, validateName } from '../validate-meta';
import { labelSelectorSchema } from './validate-pod-template';

// Role, ClusterRole, RoleBinding, ClusterRoleBinding as pkg/apis/rbac/validation and the rbac/v1 defaults.

const goStrings = (values: string[]) => `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;
const required = (field: string, detail = ''): StatusCause => ({
  type: 'FieldValueRequired',
  field,
  message: detail ? `Required value: ${detail}` : 'Required value',
});
const invalid = (field: string, value: string, detail: string): StatusCause => ({
  type: 'FieldValueInvalid',
  field,
  message: `Invalid value: ${value}: ${detail}`,
});
const notSupported = (field: string, value: string, supported: string[]): StatusCause => ({
  type: 'FieldValueNotSupported',
  field,
  message: `Unsupported value: "${value}": supported values: ${supported.map((v) => `"${v}"`).join(', ')}`,
});

const nonEmpty = (list: unknown[] | undefined) => (list?.length ?? 0) > 0;

/** validatePolicyRule */
export function validatePolicyRule(rule: PolicyRule, namespaced: boolean, at: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!nonEmpty(rule.verbs)) causes.push(required(`${at}.verbs`, 'verbs must contain at least one value'));
  if (nonEmpty(rule.nonResourceURLs)) {
    const urls = goStrings(rule.nonResourceURLs!);
    if (namespaced)
      causes.push(
        invalid(`${at}.nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'),
      );
    if (nonEmpty(rule.apiGroups) || nonEmpty(rule.resources) || nonEmpty(rule.resourceNames))
      causes.push(
        invalid(
          `${at}.nonResourceURLs`,
          urls,
          'rules cannot apply to both regular resources and non-resource URLs',
        ),
      );
    return causes;
  }
  if (!nonEmpty(rule.apiGroups))
    causes.push(required(`${at}.apiGroups`, 'resource rules must supply at least one api group'));
  if (!nonEmpty(rule.resources))
    causes.push(required(`${at}.resources`, 'resource rules must supply at least one resource'));
  if (nonEmpty(rule.resourceNames) && (rule.resources?.length ?? 0) > 1)
    causes.push(required(`${at}.resourceNames`, 'resource names cannot apply to multiple resources'));
  return causes;
}

function validateRules(rules: PolicyRule[] | undefined, namespaced: boolean): StatusCause[] {
  return (rules ?? []).flatMap((rule, i) => validatePolicyRule(rule ?? {}, namespaced, `rules[${i}]`));
}

/** validateRoleBindingSubject */
function validateSubject(subject: Subject, namespaced: boolean, at: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!subject.name) causes.push(required(`${at}.name`));
  switch (subject.kind) {
    case 'ServiceAccount':
      if (subject.name) causes.push(...validateName(subject.name, 'dns1123-subdomain', `${at}.name`));
      if (subject.apiGroup) causes.push(notSupported(`${at}.apiGroup`, subject.apiGroup, ['']));
      if (!namespaced && !subject.namespace) causes.push(required(`${at}.namespace`));
      break;
    case 'User':
    case 'Group':
      if (!subject.name)
        causes.push(
          invalid(`${at}.name`, '""', `${subject.kind === 'User' ? 'user' : 'group'} name cannot be empty`),
        );
      if (subject.apiGroup !== RBAC_GROUP)
        causes.push(notSupported(`${at}.apiGroup`, subject.apiGroup ?? '', [RBAC_GROUP]));
      break;
    default:
      causes.push(notSupported(`${at}.kind`, subject.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return causes;
}

const goRoleRef = (ref: RoleRef) =>
  `rbac.RoleRef{APIGroup:${JSON.stringify(ref.apiGroup ?? '')}, Kind:${JSON.stringify(ref.kind ?? '')}, Name:${JSON.stringify(ref.name ?? '')}}`;

function validateBinding(
  binding: RoleBinding,
  old: RoleBinding | undefined,
  namespaced: boolean,
): StatusCause[] {
  const ref = binding.roleRef ?? ({} as RoleRef);
  const causes: StatusCause[] = [];
  if (ref.apiGroup !== RBAC_GROUP)
    causes.push(notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) causes.push(notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) causes.push(required('roleRef.name'));
  else
    for (const problem of pathSegmentNameProblems(ref.name))
      causes.push(invalid('roleRef.name', JSON.stringify(ref.name), problem));
  (binding.subjects ?? []).forEach((s, i) =>
    causes.push(...validateSubject(s ?? {}, namespaced, `subjects[${i}]`)),
  );
  const before = old?.roleRef;
  if (before && (before.apiGroup !== ref.apiGroup || before.kind !== ref.kind || before.name !== ref.name))
    causes.push(invalid('roleRef', goRoleRef(ref), 'cannot change roleRef'));
  return causes;
}

/** SetDefaults_Subject and SetDefaults_*Binding (roleRef.apiGroup). */
function defaultBinding(obj: KubeObject): void {
  const binding = obj as RoleBinding;
  if (binding.roleRef && typeof binding.roleRef === 'object') binding.roleRef.apiGroup ||= RBAC_GROUP;
  for (const subject of binding.subjects ?? []) {
    if (!subject || typeof subject !== 'object' || subject.apiGroup) continue;
    // a ServiceAccount's group is "", which Go's omitempty leaves out of the object
    if (subject.kind === 'User' || subject.kind === 'Group') subject.apiGroup = RBAC_GROUP;
  }
}

export const roleStrategy: KindStrategy = {
  type: roleType,
  nameRule: 'path-segment',
  validate: (obj) => validateRules((obj as Role).rules, true),
};

export const clusterRoleStrategy: KindStrategy = {
  type: clusterRoleType,
  nameRule: 'path-segment',
  validate(obj) {
    const role = obj as ClusterRole;
    const causes = validateRules(role.rules, false);
    const aggregation = role.aggregationRule;
    if (aggregation) {
      const selectors = aggregation.clusterRoleSelectors ?? [];
      if (selectors.length === 0)
        causes.push(
          required(
            'aggregationRule.clusterRoleSelectors',
            'at least one clusterRoleSelector required if aggregationRule is non-nil',
          ),
        );
      selectors.forEach((s, i) =>
        causes.push(...checkSchema(s, labelSelectorSchema, `aggregationRule.clusterRoleSelectors[${i}]`)),
      );
    }
    return causes;
  },
};

export const roleBindingStrategy: KindStrategy = {
  type: roleBindingType,
  nameRule: 'path-segment',
  prepareForCreate: defaultBinding,
  prepareForUpdate: defaultBinding,
  validate: (obj, old) => validateBinding(obj as RoleBinding, old as RoleBinding | undefined, true),
};

export const clusterRoleBindingStrategy: KindStrategy = {
  type: clusterRoleBindingType,
  nameRule: 'path-segment',
  prepareForCreate: defaultBinding,
  prepareForUpdate: defaultBinding,
  validate: (obj, old) => validateBinding(obj as RoleBinding, old as RoleBinding | undefined, false),
};
