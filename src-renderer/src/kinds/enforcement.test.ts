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
