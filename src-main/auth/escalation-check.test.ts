import { describe, expect, it } from 'vitest';
import type { PolicyRule } from '../shared/rbac-types';
import { escalationMessage, missingRights } from './escalation-check';

// pkg/registry/rbac/validation/policy_comparator_test.go's cases, as owner rules × requested rules → covered.
describe('missingRights', () => {
  const cases: Array<[string, PolicyRule[], PolicyRule[], boolean]> = [
    [
      'exact',
      [{ apiGroups: ['v1'], verbs: ['get'], resources: ['builds'] }],
      [{ apiGroups: ['v1'], verbs: ['get'], resources: ['builds'] }],
      true,
    ],
    [
      'star verb',
      [{ apiGroups: ['v1'], verbs: ['*'], resources: ['builds'] }],
      [{ apiGroups: ['v1'], verbs: ['get', 'delete'], resources: ['builds'] }],
      true,
    ],
    [
      'star group and resource',
      [{ apiGroups: ['*'], verbs: ['get'], resources: ['*'] }],
      [{ apiGroups: ['apps'], verbs: ['get'], resources: ['deployments', 'deployments/scale'] }],
      true,
    ],
    [
      'star subresource',
      [{ apiGroups: ['apps'], verbs: ['get'], resources: ['*/scale'] }],
      [{ apiGroups: ['apps'], verbs: ['get'], resources: ['deployments/scale'] }],
      true,
    ],
    [
      'missing verb',
      [{ apiGroups: ['v1'], verbs: ['get'], resources: ['builds'] }],
      [{ apiGroups: ['v1'], verbs: ['get', 'delete'], resources: ['builds'] }],
      false,
    ],
    [
      'requested star not covered by names',
      [{ apiGroups: [''], verbs: ['get'], resources: ['pods'] }],
      [{ apiGroups: [''], verbs: ['*'], resources: ['pods'] }],
      false,
    ],
    [
      'names narrower than all',
      [{ apiGroups: [''], verbs: ['get'], resources: ['pods'], resourceNames: ['a'] }],
      [{ apiGroups: [''], verbs: ['get'], resources: ['pods'] }],
      false,
    ],
    [
      'names covered',
      [{ apiGroups: [''], verbs: ['get'], resources: ['pods'] }],
      [{ apiGroups: [''], verbs: ['get'], resources: ['pods'], resourceNames: ['a'] }],
      true,
    ],
    [
      'non-resource prefix',
      [{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }],
      [{ verbs: ['get'], nonResourceURLs: ['/apis/apps'] }],
      true,
    ],
    [
      'non-resource miss',
      [{ verbs: ['get'], nonResourceURLs: ['/api'] }],
      [{ verbs: ['get'], nonResourceURLs: ['/apis'] }],
      false,
    ],
    [
      'cluster-admin',
      [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
      [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
      true,
    ],
  ];
  it.each(cases)('%s', (_name, owner, requested, covered) => {
    expect(missingRights(owner, requested).length === 0).toBe(covered);
  });

  it("words the refusal as the registry's escalation check", () => {
    const missing = missingRights([], [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }]);
    expect(
      escalationMessage(
        { name: 'system:serviceaccount:ns:app', groups: ['system:serviceaccounts', 'system:authenticated'] },
        missing,
      ),
    ).toBe(
      'user "system:serviceaccount:ns:app" (groups=["system:serviceaccounts" "system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}\n{APIGroups:[""], Resources:["secrets"], Verbs:["list"]}',
    );
  });
});
