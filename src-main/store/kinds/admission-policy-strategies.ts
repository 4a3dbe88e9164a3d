import type { KubeObject, StatusCause } from '../../shared/api-types';
import {
  ADMISSION_NOT_ENFORCED,
  validatingAdmissionPolicyBindingType,
  validatingAdmissionPolicyType,
} from '../../shared/admission-resource-types';
import type { KindStrategy } from '../kind-strategy';
import { pathSegmentNameProblems } from '../validate-meta';
import {
  checkEnum,
  defaultRules,
  duplicate,
  invalid,
  notSupported,
  required,
  validateRuleWithOperations,
} from './admission-fields';
import { validateOptionalSelector } from './policy-fields';

// admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding: v1 defaults
// and ValidateValidatingAdmissionPolicy(Binding), without compiling CEL. Stored only: nothing evaluates them.

type Fields = Record<string, unknown>;
const objectAt = (value: unknown): Fields | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : undefined;
const listAt = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** SetDefaults_MatchResources. */
function defaultMatchResources(match: Fields | undefined): void {
  if (!match) return;
  match.matchPolicy ??= 'Equivalent';
  match.namespaceSelector ??= {};
  match.objectSelector ??= {};
  for (const key of ['resourceRules', 'excludeResourceRules']) defaultRules(match[key]);
}

/** validateMatchResources (NamedRuleWithOperations: resourceNames, then the rule). */
function validateMatchResources(match: Fields, at: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (match.matchPolicy === undefined) causes.push(required(`${at}.matchPolicy`));
  else causes.push(...checkEnum(match.matchPolicy, `${at}.matchPolicy`, ['Equivalent', 'Exact']));
  for (const key of ['namespaceSelector', 'objectSelector']) {
    if (match[key] === undefined) causes.push(required(`${at}.${key}`));
    else causes.push(...validateOptionalSelector(match[key] as never, `${at}.${key}`));
  }
  for (const key of ['resourceRules', 'excludeResourceRules'])
    listAt(match[key]).forEach((entry, i) => {
      const rule = objectAt(entry) ?? {};
      const path = `${at}.${key}[${i}]`;
      const seen = new Set<unknown>();
      listAt(rule.resourceNames).forEach((name, j) => {
        for (const problem of pathSegmentNameProblems(String(name)))
          causes.push(invalid(`${path}.resourceNames[${j}]`, name, problem));
        if (seen.has(name)) causes.push(duplicate(`${path}.resourceNames[${j}]`, name));
        seen.add(name);
      });
      causes.push(...validateRuleWithOperations(rule, path));
    });
  return causes;
}

function validatePolicySpec(spec: Fields): StatusCause[] {
  const causes: StatusCause[] = [];
  if (spec.failurePolicy === undefined) causes.push(required('spec.failurePolicy'));
  else causes.push(...checkEnum(spec.failurePolicy, 'spec.failurePolicy', ['Fail', 'Ignore']));
  const paramKind = objectAt(spec.paramKind);
  if (paramKind) {
    if (!paramKind.apiVersion) causes.push(required('spec.paramKind.apiVersion'));
    if (!paramKind.kind) causes.push(required('spec.paramKind.kind'));
  }
  const match = objectAt(spec.matchConstraints);
  if (!match) causes.push(required('spec.matchConstraints'));
  else {
    causes.push(...validateMatchResources(match, 'spec.matchConstraints'));
    if (listAt(match.resourceRules).length === 0)
      causes.push(required('spec.matchConstraints.resourceRules'));
  }
  const validations = listAt(spec.validations);
  if (validations.length === 0 && listAt(spec.auditAnnotations).length === 0) {
    const detail = 'validations or auditAnnotations must contain at least one item';
    causes.push(required('spec.validations', detail), required('spec.auditAnnotations', detail));
  }
  validations.forEach((entry, i) => {
    const v = objectAt(entry) ?? {};
    const at = `spec.validations[${i}]`;
    if (typeof v.expression !== 'string' || v.expression.trim() === '')
      causes.push(required(`${at}.expression`, 'expression is not specified'));
    if (typeof v.message === 'string' && v.message.length > 0 && v.message.trim() === '')
      causes.push(invalid(`${at}.message`, v.message, 'message must be non-empty if specified'));
    else if (typeof v.message === 'string' && /[\r\n]/.test(v.message.trim()))
      causes.push(invalid(`${at}.message`, v.message, 'message must not contain line breaks'));
    causes.push(...checkEnum(v.reason, `${at}.reason`, ['Forbidden', 'Invalid', 'RequestEntityTooLarge']));
  });
  return causes;
}

const ACTIONS = ['Audit', 'Deny', 'Warn'];

/** validateValidationActions. */
function validateActions(actions: unknown[]): StatusCause[] {
  const causes: StatusCause[] = [];
  const seen = new Set<unknown>();
  actions.forEach((action, i) => {
    if (!ACTIONS.includes(action as string))
      causes.push(notSupported(`spec.validationActions[${i}]`, action, ACTIONS));
    if (seen.has(action)) causes.push(duplicate(`spec.validationActions[${i}]`, action));
    seen.add(action);
  });
  if (seen.has('Deny') && seen.has('Warn'))
    causes.push(
      invalid(
        'spec.validationActions',
        actions,
        'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
      ),
    );
  if (seen.size === 0)
    causes.push(required('spec.validationActions', 'at least one validation action is required'));
  return causes;
}

function validateBindingSpec(spec: Fields): StatusCause[] {
  const causes: StatusCause[] = [];
  if (typeof spec.policyName !== 'string' || spec.policyName === '') causes.push(required('spec.policyName'));
  else
    for (const problem of pathSegmentNameProblems(spec.policyName))
      causes.push(invalid('spec.policyName', spec.policyName, problem));
  const match = objectAt(spec.matchResources);
  if (match) causes.push(...validateMatchResources(match, 'spec.matchResources'));
  causes.push(...validateActions(listAt(spec.validationActions)));
  return causes;
}

const specOf = (obj: KubeObject): Fields => {
  const holder = obj as unknown as { spec?: unknown };
  if (!objectAt(holder.spec)) holder.spec = {};
  return holder.spec as Fields;
};

function defaultPolicy(obj: KubeObject): void {
  const spec = specOf(obj);
  spec.failurePolicy ??= 'Fail';
  defaultMatchResources(objectAt(spec.matchConstraints));
}

export const validatingAdmissionPolicyStrategy: KindStrategy = {
  type: validatingAdmissionPolicyType,
  nameRule: 'dns1123-subdomain',
  prepareForCreate: defaultPolicy,
  prepareForUpdate: defaultPolicy,
  validate: (obj) => validatePolicySpec(specOf(obj)),
  warnings: () => [ADMISSION_NOT_ENFORCED.ValidatingAdmissionPolicy!],
};

export const validatingAdmissionPolicyBindingStrategy: KindStrategy = {
  type: validatingAdmissionPolicyBindingType,
  nameRule: 'dns1123-subdomain',
  prepareForCreate: (obj) => defaultMatchResources(objectAt(specOf(obj).matchResources)),
  prepareForUpdate: (obj) => defaultMatchResources(objectAt(specOf(obj).matchResources)),
  validate: (obj) => validateBindingSpec(specOf(obj)),
  warnings: () => [ADMISSION_NOT_ENFORCED.ValidatingAdmissionPolicyBinding!],
};
