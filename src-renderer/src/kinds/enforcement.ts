// Kinds Skiff stores and serves but does not act on, and what that means for the user. Said the same way in the
// UI as the API says it (#15). Pure.

const NOT_ENFORCED: Record<string, string> = {
  'networking.k8s.io/NetworkPolicy':
    'Skiff stores NetworkPolicies but does not enforce them: every pod can still reach every other pod in its namespace.',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration':
    'Skiff stores ValidatingWebhookConfigurations but does not call admission webhooks: requests are admitted without them.',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration':
    'Skiff stores MutatingWebhookConfigurations but does not call admission webhooks: objects are stored without their mutations.',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy':
    'Skiff stores ValidatingAdmissionPolicies but does not evaluate them: requests are admitted without their validations.',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding':
    'Skiff stores ValidatingAdmissionPolicyBindings but does not evaluate admission policies: requests are admitted without them.',
  'apiregistration.k8s.io/APIService':
    'Skiff stores APIServices but does not proxy aggregated APIs: only metrics.k8s.io, which Skiff serves itself, is available.',
};

/** Why objects of this kind have no effect here, or undefined when Skiff acts on them. */
export function notEnforcedReason(group: string, kind: string): string | undefined {
  return NOT_ENFORCED[`${group}/${kind}`];
}
