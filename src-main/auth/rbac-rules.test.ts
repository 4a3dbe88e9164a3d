import { describe, expect, it } from 'vitest';
import type { PolicyRule, RoleBinding } from '../shared/rbac-types';
import { authorize, forbiddenStatus, ruleAllows, type RbacPolicy } from './rbac-rules';
import type { RequestAttributes } from './request-attributes';

const resource = (
  verb: string,
  apiGroup: string,
  res: string,
  extra: Partial<Extract<RequestAttributes, { resourceRequest: true }>> = {},
): RequestAttributes => ({
  resourceRequest: true,
  verb,
  apiGroup,
  apiVersion: 'v1',
  resource: res,
  subresource: '',
  namespace: 'ns',
  name: '',
  ...extra,
});
const path = (verb: string, p: string): RequestAttributes => ({ resourceRequest: false, verb, path: p });

// The cases of plugin/pkg/auth/authorizer/rbac/rbac_test.go TestRuleMatches, as rule × request → allowed.
describe('ruleAllows', () => {
  const cases: Array<[string, PolicyRule, RequestAttributes, boolean]> = [
    [
      'star verb, exact match other',
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      resource('get', 'group1', 'resource1'),
      true,
    ],
    [
      'exact verbs',
      { verbs: ['get', 'list'], apiGroups: ['*'], resources: ['*'] },
      resource('list', 'g', 'r'),
      true,
    ],
    [
      'verb miss',
      { verbs: ['get', 'list'], apiGroups: ['*'], resources: ['*'] },
      resource('watch', 'g', 'r'),
      false,
    ],
    [
      'group miss',
      { verbs: ['*'], apiGroups: ['group1'], resources: ['*'] },
      resource('get', 'group2', 'r'),
      false,
    ],
    ['core group', { verbs: ['*'], apiGroups: [''], resources: ['pods'] }, resource('get', '', 'pods'), true],
    [
      'resource miss',
      { verbs: ['*'], apiGroups: ['*'], resources: ['pods'] },
      resource('get', '', 'secrets'),
      false,
    ],
    [
      'subresource needs its own entry',
      { verbs: ['*'], apiGroups: [''], resources: ['pods'] },
      resource('get', '', 'pods', { subresource: 'log' }),
      false,
    ],
    [
      'subresource entry',
      { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] },
      resource('get', '', 'pods', { subresource: 'log' }),
      true,
    ],
    [
      '*/subresource',
      { verbs: ['*'], apiGroups: ['*'], resources: ['*/scale'] },
      resource('update', 'apps', 'deployments', { subresource: 'scale' }),
      true,
    ],
    [
      '*/subresource is not the resource',
      { verbs: ['*'], apiGroups: ['*'], resources: ['*/scale'] },
      resource('update', 'apps', 'deployments'),
      false,
    ],
    [
      'resource/* is not a pattern',
      { verbs: ['*'], apiGroups: ['*'], resources: ['pods/*'] },
      resource('get', '', 'pods', { subresource: 'log' }),
      false,
    ],
    [
      'resourceNames match',
      { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a', 'b'] },
      resource('get', '', 'configmaps', { name: 'b' }),
      true,
    ],
    [
      'resourceNames miss',
      { verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] },
      resource('get', '', 'configmaps', { name: 'c' }),
      false,
    ],
    [
      'resourceNames and a list without a name',
      { verbs: ['list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['a'] },
      resource('list', '', 'configmaps'),
      false,
    ],
    [
      'nonResourceURL exact',
      { verbs: ['get'], nonResourceURLs: ['/version'] },
      path('get', '/version'),
      true,
    ],
    [
      'nonResourceURL prefix star',
      { verbs: ['get'], nonResourceURLs: ['/apis/*'] },
      path('get', '/apis/apps/v1'),
      true,
    ],
    ['nonResourceURL star only', { verbs: ['*'], nonResourceURLs: ['*'] }, path('post', '/anything'), true],
    ['nonResourceURL miss', { verbs: ['get'], nonResourceURLs: ['/api'] }, path('get', '/apis'), false],
    [
      'nonResourceURL rule does not grant resources',
      { verbs: ['*'], nonResourceURLs: ['*'] },
      resource('get', '', 'pods'),
      false,
    ],
    [
      'resource rule does not grant paths',
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
      path('get', '/healthz'),
      false,
    ],
  ];
  it.each(cases)('%s', (_name, rule, request, allowed) => {
    expect(ruleAllows(request, rule)).toBe(allowed);
  });
});

function policy(
  clusterRoles: Record<string, PolicyRule[]>,
  roles: Record<string, PolicyRule[]>,
  clusterRoleBindings: RoleBinding[],
  roleBindings: RoleBinding[],
): RbacPolicy {
  return {
    clusterRoleBindings: () => clusterRoleBindings,
    roleBindings: (ns) => roleBindings.filter((b) => b.metadata.namespace === ns),
    clusterRoleRules: (name) => clusterRoles[name],
    roleRules: (ns, name) => roles[`${ns}/${name}`],
  };
}
const binding = (
  namespace: string | undefined,
  kind: 'Role' | 'ClusterRole',
  name: string,
  subjects: RoleBinding['subjects'],
): RoleBinding => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: namespace ? 'RoleBinding' : 'ClusterRoleBinding',
  metadata: { name: `${name}-binding`, namespace },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name },
  subjects,
});

describe('authorize', () => {
  const sa = {
    name: 'system:serviceaccount:ns:app',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:ns', 'system:authenticated'],
  };
  const readPods = [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] }];

  it('grants through a RoleBinding in the request namespace only, with a subject namespace defaulted to the binding', () => {
    const p = policy(
      {},
      { 'ns/reader': readPods },
      [],
      [binding('ns', 'Role', 'reader', [{ kind: 'ServiceAccount', name: 'app' }])],
    );
    expect(authorize(p, sa, resource('list', '', 'pods')).allowed).toBe(true);
    expect(authorize(p, sa, resource('list', '', 'pods', { namespace: 'other' })).allowed).toBe(false);
    expect(authorize(p, sa, resource('list', '', 'pods', { namespace: '' })).allowed).toBe(false);
    expect(authorize(p, sa, resource('delete', '', 'pods')).allowed).toBe(false);
  });

  it('grants cluster-wide through a ClusterRoleBinding, and a ClusterRole bound in a namespace only there', () => {
    const p = policy(
      { view: readPods, admin: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] },
      {},
      [binding(undefined, 'ClusterRole', 'view', [{ kind: 'Group', name: 'system:serviceaccounts:ns' }])],
      [binding('ns', 'ClusterRole', 'admin', [{ kind: 'ServiceAccount', name: 'app', namespace: 'ns' }])],
    );
    expect(authorize(p, sa, resource('list', '', 'pods', { namespace: '' })).allowed).toBe(true);
    expect(authorize(p, sa, resource('delete', 'apps', 'deployments')).allowed).toBe(true);
    expect(authorize(p, sa, resource('delete', 'apps', 'deployments', { namespace: 'other' })).allowed).toBe(
      false,
    );
  });

  it('does not match a ServiceAccount subject of another namespace, nor a User of another name', () => {
    const p = policy(
      { all: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }] },
      {},
      [
        binding(undefined, 'ClusterRole', 'all', [
          { kind: 'ServiceAccount', name: 'app', namespace: 'elsewhere' },
          { kind: 'ServiceAccount', name: 'app' }, // no namespace in a ClusterRoleBinding: matches nobody
          { kind: 'User', name: 'system:serviceaccount:ns:other', apiGroup: 'rbac.authorization.k8s.io' },
        ]),
      ],
      [],
    );
    expect(authorize(p, sa, resource('get', '', 'pods'))).toEqual({ allowed: false, reason: '' });
  });

  it('says which bound roles are missing, as Kubernetes appends to the 403', () => {
    const p = policy(
      {},
      {},
      [],
      [
        binding('ns', 'Role', 'gone', [{ kind: 'ServiceAccount', name: 'app' }]),
        binding('ns', 'ClusterRole', 'also-gone', [{ kind: 'ServiceAccount', name: 'app' }]),
      ],
    );
    expect(authorize(p, sa, resource('get', '', 'pods')).reason).toBe(
      'RBAC: [role.rbac.authorization.k8s.io "gone" not found, clusterrole.rbac.authorization.k8s.io "also-gone" not found]',
    );
  });
});

describe('forbiddenStatus', () => {
  const user = 'system:serviceaccount:ns:app';
  it.each([
    [
      resource('list', '', 'pods'),
      'pods is forbidden: User "system:serviceaccount:ns:app" cannot list resource "pods" in API group "" in the namespace "ns"',
      { kind: 'pods' },
    ],
    [
      resource('get', '', 'pods', { name: 'web', subresource: 'log' }),
      'pods "web" is forbidden: User "system:serviceaccount:ns:app" cannot get resource "pods/log" in API group "" in the namespace "ns"',
      { name: 'web', kind: 'pods' },
    ],
    [
      resource('create', 'rbac.authorization.k8s.io', 'clusterrolebindings', { namespace: '' }),
      'clusterrolebindings.rbac.authorization.k8s.io is forbidden: User "system:serviceaccount:ns:app" cannot create resource "clusterrolebindings" in API group "rbac.authorization.k8s.io" at the cluster scope',
      { group: 'rbac.authorization.k8s.io', kind: 'clusterrolebindings' },
    ],
    [
      path('get', '/debug/skiff/resources'),
      'forbidden: User "system:serviceaccount:ns:app" cannot get path "/debug/skiff/resources"',
      {},
    ],
  ])('%#', (request, message, details) => {
    expect(forbiddenStatus(user, request, '')).toEqual({ message, details });
  });
});
