import type { ResourceType } from './resource-types';

// admissionregistration.k8s.io/v1 and apiregistration.k8s.io/v1: stored and validated so that install files
// carrying them apply whole, never acted on (Skiff calls no webhooks, evaluates no policies, proxies no APIs).

const admission = (kind: string, plural: string): ResourceType => ({
  group: 'admissionregistration.k8s.io',
  version: 'v1',
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced: false,
  hasStatus: false,
});

export const validatingWebhookConfigurationType = admission(
  'ValidatingWebhookConfiguration',
  'validatingwebhookconfigurations',
);
export const mutatingWebhookConfigurationType = admission(
  'MutatingWebhookConfiguration',
  'mutatingwebhookconfigurations',
);
export const validatingAdmissionPolicyType: ResourceType = {
  ...admission('ValidatingAdmissionPolicy', 'validatingadmissionpolicies'),
  hasStatus: true,
};
export const validatingAdmissionPolicyBindingType = admission(
  'ValidatingAdmissionPolicyBinding',
  'validatingadmissionpolicybindings',
);

export const apiServiceType: ResourceType = {
  group: 'apiregistration.k8s.io',
  version: 'v1',
  kind: 'APIService',
  plural: 'apiservices',
  singular: 'apiservice',
  namespaced: false,
  hasStatus: true,
};

/** The Warning every write of these kinds answers with (said the same way in the UI). */
export const ADMISSION_NOT_ENFORCED: Record<string, string> = {
  ValidatingWebhookConfiguration:
    'Skiff stores ValidatingWebhookConfigurations but does not call admission webhooks: requests are admitted without them',
  MutatingWebhookConfiguration:
    'Skiff stores MutatingWebhookConfigurations but does not call admission webhooks: objects are stored without their mutations',
  ValidatingAdmissionPolicy:
    'Skiff stores ValidatingAdmissionPolicies but does not evaluate them: requests are admitted without their validations',
  ValidatingAdmissionPolicyBinding:
    'Skiff stores ValidatingAdmissionPolicyBindings but does not evaluate admission policies: requests are admitted without them',
  APIService:
    'Skiff stores APIServices but does not proxy aggregated APIs: the group version is not served through it',
};
