import { describe, expect, it } from 'vitest';
import { notEnforcedReason } from './enforcement';

describe('notEnforcedReason', () => {
  it('names NetworkPolicy as stored, not enforced', () => {
    expect(notEnforcedReason('networking.k8s.io', 'NetworkPolicy')).toMatch(/does not enforce/);
  });

  it('kinds Skiff acts on, and a same-named kind of another group, have none', () => {
    expect(notEnforcedReason('', 'ResourceQuota')).toBeUndefined();
    expect(notEnforcedReason('rbac.authorization.k8s.io', 'Role')).toBeUndefined();
    expect(notEnforcedReason('crd.projectcalico.org', 'NetworkPolicy')).toBeUndefined();
  });
});

describe('notEnforcedReason for admission and aggregation kinds', () => {
  it.each([
    ['ValidatingWebhookConfiguration', /does not call admission webhooks/],
    ['MutatingWebhookConfiguration', /does not call admission webhooks/],
    ['ValidatingAdmissionPolicy', /does not evaluate/],
    ['ValidatingAdmissionPolicyBinding', /does not evaluate/],
  ])('names %s as stored, not acted on', (kind, reason) => {
    expect(notEnforcedReason('admissionregistration.k8s.io', kind)).toMatch(reason);
  });

  it('names APIService as stored, not proxied', () => {
    expect(notEnforcedReason('apiregistration.k8s.io', 'APIService')).toMatch(
      /does not proxy aggregated APIs/,
    );
    expect(notEnforcedReason('example.com', 'APIService')).toBeUndefined();
  });
});
