import { afterEach, describe, expect, it } from 'vitest';
import { clusterRoleBindingType, clusterRoleType, roleBindingType, roleType } from '../../shared/rbac-types';
import { ApiError } from '../api-error';
import { openTestStore } from '../test-store';

// pkg/apis/rbac/validation's messages, through the store (defaults, name rule, validation).
describe('RBAC kinds', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());
  const open = async () => {
    const opened = await openTestStore();
    cleanup = opened.cleanup;
    return opened.store;
  };
  const refusal = async (write: Promise<unknown>) => {
    const err = await write.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(err instanceof ApiError)) throw new Error('the write was accepted');
    return err.message;
  };

  it('refuses rules as validatePolicyRule does', async () => {
    const store = await open();
    const role = (rules: unknown[]) => ({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r', namespace: 'default' },
      rules,
    });
    expect(await refusal(store.create(roleType, role([{ apiGroups: [''], resources: ['pods'] }])))).toBe(
      'Role "r" is invalid: rules[0].verbs: Required value: verbs must contain at least one value',
    );
    expect(await refusal(store.create(roleType, role([{ verbs: ['get'] }])))).toBe(
      'Role "r" is invalid: rules[0].apiGroups: Required value: resource rules must supply at least one api group, rules[0].resources: Required value: resource rules must supply at least one resource',
    );
    expect(
      await refusal(store.create(roleType, role([{ verbs: ['get'], nonResourceURLs: ['/healthz'] }]))),
    ).toBe(
      'Role "r" is invalid: rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
    );
    expect(
      await refusal(
        store.create(
          roleType,
          role([{ verbs: ['get'], apiGroups: [''], resources: ['pods', 'secrets'], resourceNames: ['x'] }]),
        ),
      ),
    ).toBe(
      'Role "r" is invalid: rules[0].resourceNames: Required value: resource names cannot apply to multiple resources',
    );
    const made = await store.create(clusterRoleType, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'system:reader' },
      rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }],
    });
    expect(made.metadata.name).toBe('system:reader');
    expect(
      await refusal(
        store.create(clusterRoleType, {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name: 'a/b' },
          aggregationRule: {},
        }),
      ),
    ).toBe(
      `ClusterRole "a/b" is invalid: metadata.name: Invalid value: "a/b": may not contain '/', aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil`,
    );
  });

  it('defaults and checks bindings as ValidateRoleBinding, and keeps roleRef', async () => {
    const store = await open();
    const made = await store.create(roleBindingType, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'b', namespace: 'default' },
      roleRef: { kind: 'Role', name: 'reader' },
      subjects: [
        { kind: 'ServiceAccount', name: 'app' },
        { kind: 'User', name: 'jane' },
      ],
    });
    expect(made.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' });
    expect(made.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'app' },
      { kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' },
    ]);
    expect(
      await refusal(
        store.update(roleBindingType, { ...made, roleRef: { ...(made.roleRef as object), name: 'writer' } }),
      ),
    ).toBe(
      'RoleBinding "b" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"writer"}: cannot change roleRef',
    );
    expect(
      await refusal(
        store.create(clusterRoleBindingType, {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: { name: 'c' },
          roleRef: { kind: 'Role', name: '' },
          subjects: [
            { kind: 'ServiceAccount', name: 'app' },
            { kind: 'Robot', name: 'r2' },
          ],
        }),
      ),
    ).toBe(
      'ClusterRoleBinding "c" is invalid: roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole", roleRef.name: Required value, subjects[0].namespace: Required value, subjects[1].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    );
  });
});
