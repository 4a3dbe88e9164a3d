import type { KubeObject, StatusCause } from '../../shared/api-types';
import {
  ADMISSION_NOT_ENFORCED,
  mutatingWebhookConfigurationType,
  validatingWebhookConfigurationType,
} from '../../shared/admission-resource-types';
import type { ResourceType } from '../../shared/resource-types';
import type { KindStrategy } from '../kind-strategy';
import {
  checkEnum,
  defaultRules,
  duplicate,
  invalid,
  required,
  validateClientConfig,
  validateFullyQualifiedName,
  validateRuleWithOperations,
} from './admission-fields';
import { validateOptionalSelector } from './policy-fields';

// admissionregistration.k8s.io/v1 Validating- and MutatingWebhookConfiguration: v1 defaults and
// ValidateValidating/MutatingWebhookConfiguration(Update). Stored only: Skiff never calls a webhook.

type Webhook = Record<string, unknown> & { clientConfig?: { service?: { port?: number } } };
type Configuration = KubeObject & { webhooks?: Webhook[] };

const REVIEW_VERSIONS = ['v1', 'v1beta1'];
const NO_SIDE_EFFECTS = ['None', 'NoneOnDryRun'];
const ALL_SIDE_EFFECTS = ['None', 'NoneOnDryRun', 'Some', 'Unknown'];

const webhooksOf = (obj: KubeObject): Webhook[] => {
  const hooks = (obj as Configuration).webhooks;
  return Array.isArray(hooks) ? hooks.map((h) => (h && typeof h === 'object' ? h : {})) : [];
};

/** SetDefaults_ValidatingWebhook / SetDefaults_MutatingWebhook / SetDefaults_ServiceReference. */
function defaultWebhooks(obj: KubeObject, mutating: boolean): void {
  for (const hook of webhooksOf(obj)) {
    hook.failurePolicy ??= 'Fail';
    hook.matchPolicy ??= 'Equivalent';
    hook.namespaceSelector ??= {};
    hook.objectSelector ??= {};
    hook.timeoutSeconds ??= 10;
    if (mutating) hook.reinvocationPolicy ??= 'Never';
    defaultRules(hook.rules);
    const service = hook.clientConfig?.service;
    if (service && typeof service === 'object') service.port ??= 443;
  }
}

/** validateAdmissionReviewVersions. */
function validateReviewVersions(versions: unknown, requireKnown: boolean, at: string): StatusCause[] {
  const list = Array.isArray(versions) ? versions : [];
  if (list.length === 0) return [required(at, `must specify one of ${REVIEW_VERSIONS.join(', ')}`)];
  const causes: StatusCause[] = [];
  const seen = new Set<unknown>();
  list.forEach((v, i) => {
    if (seen.has(v)) return void causes.push(invalid(`${at}[${i}]`, v, 'duplicate version'));
    seen.add(v);
    if (typeof v !== 'string' || v.length > 63 || !/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(v))
      causes.push(
        invalid(
          `${at}[${i}]`,
          v,
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
        ),
      );
  });
  if (requireKnown && !list.some((v) => REVIEW_VERSIONS.includes(v as string)))
    causes.push(invalid(at, list, `must include at least one of ${REVIEW_VERSIONS.join(', ')}`));
  return causes;
}

/** What an update may keep that a create may not (Kubernetes ratchets these on the old object's webhooks). */
interface Ratchets {
  requireNoSideEffects: boolean;
  requireKnownReviewVersion: boolean;
  requireUniqueNames: boolean;
}

function ratchetsFor(old: KubeObject | undefined): Ratchets {
  if (!old) return { requireNoSideEffects: true, requireKnownReviewVersion: true, requireUniqueNames: true };
  const hooks = webhooksOf(old);
  const names = hooks.map((h) => h.name);
  return {
    requireNoSideEffects: hooks.every((h) => NO_SIDE_EFFECTS.includes(h.sideEffects as string)),
    requireKnownReviewVersion: hooks.every((h) => {
      const versions = Array.isArray(h.admissionReviewVersions) ? h.admissionReviewVersions : [];
      return versions.length === 0 || versions.some((v) => REVIEW_VERSIONS.includes(v as string));
    }),
    requireUniqueNames: new Set(names).size === names.length,
  };
}

function validateWebhook(hook: Webhook, at: string, mutating: boolean, ratchets: Ratchets): StatusCause[] {
  const causes = validateFullyQualifiedName(hook.name, `${at}.name`);
  (Array.isArray(hook.rules) ? hook.rules : []).forEach((rule, i) =>
    causes.push(...validateRuleWithOperations((rule ?? {}) as Record<string, unknown>, `${at}.rules[${i}]`)),
  );
  causes.push(...checkEnum(hook.failurePolicy, `${at}.failurePolicy`, ['Fail', 'Ignore']));
  causes.push(...checkEnum(hook.matchPolicy, `${at}.matchPolicy`, ['Equivalent', 'Exact']));
  const sideEffects = ratchets.requireNoSideEffects ? NO_SIDE_EFFECTS : ALL_SIDE_EFFECTS;
  if (hook.sideEffects === undefined || hook.sideEffects === null)
    causes.push(required(`${at}.sideEffects`, `must specify one of ${sideEffects.join(', ')}`));
  else causes.push(...checkEnum(hook.sideEffects, `${at}.sideEffects`, sideEffects));
  const timeout = hook.timeoutSeconds;
  if (typeof timeout === 'number' && (timeout > 30 || timeout < 1))
    causes.push(
      invalid(`${at}.timeoutSeconds`, timeout, 'the timeout value must be between 1 and 30 seconds'),
    );
  causes.push(...validateOptionalSelector(hook.namespaceSelector as never, `${at}.namespaceSelector`));
  causes.push(...validateOptionalSelector(hook.objectSelector as never, `${at}.objectSelector`));
  if (mutating)
    causes.push(...checkEnum(hook.reinvocationPolicy, `${at}.reinvocationPolicy`, ['IfNeeded', 'Never']));
  causes.push(...validateClientConfig(hook.clientConfig, at));
  return causes;
}

export function validateWebhookConfiguration(
  obj: KubeObject,
  old: KubeObject | undefined,
  mutating: boolean,
): StatusCause[] {
  const ratchets = ratchetsFor(old);
  const causes: StatusCause[] = [];
  const names = new Set<unknown>();
  webhooksOf(obj).forEach((hook, i) => {
    const at = `webhooks[${i}]`;
    causes.push(...validateWebhook(hook, at, mutating, ratchets));
    causes.push(
      ...validateReviewVersions(
        hook.admissionReviewVersions,
        ratchets.requireKnownReviewVersion,
        `${at}.admissionReviewVersions`,
      ),
    );
    if (ratchets.requireUniqueNames && typeof hook.name === 'string' && hook.name) {
      if (names.has(hook.name)) causes.push(duplicate(`${at}.name`, hook.name));
      names.add(hook.name);
    }
  });
  return causes;
}

function webhookConfigurationStrategy(type: ResourceType, mutating: boolean): KindStrategy {
  return {
    type,
    nameRule: 'dns1123-subdomain',
    prepareForCreate: (obj) => defaultWebhooks(obj, mutating),
    prepareForUpdate: (obj) => defaultWebhooks(obj, mutating),
    validate: (obj, old) => validateWebhookConfiguration(obj, old, mutating),
    warnings: () => [ADMISSION_NOT_ENFORCED[type.kind]!],
  };
}

export const validatingWebhookConfigurationStrategy = webhookConfigurationStrategy(
  validatingWebhookConfigurationType,
  false,
);
export const mutatingWebhookConfigurationStrategy = webhookConfigurationStrategy(
  mutatingWebhookConfigurationType,
  true,
);
