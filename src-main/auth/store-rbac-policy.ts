import type { ObjectStore } from '../store/object-store';
import {
  clusterRoleBindingType,
  clusterRoleType,
  roleBindingType,
  roleType,
  type PolicyRule,
  type Role,
  type RoleBinding,
} from '../shared/rbac-types';
import type { RbacPolicy } from './rbac-rules';

/** The RBAC objects as the store holds them now (every check reads current state, as the informers do). */
export function storeRbacPolicy(store: ObjectStore): RbacPolicy {
  const rules = (role: Role | undefined): PolicyRule[] | undefined => role && (role.rules ?? []);
  return {
    clusterRoleBindings: () => store.list(clusterRoleBindingType).items as RoleBinding[],
    roleBindings: (namespace) => store.list(roleBindingType, { namespace }).items as RoleBinding[],
    clusterRoleRules: (name) => rules(store.tryGet(clusterRoleType, undefined, name) as Role | undefined),
    roleRules: (namespace, name) => rules(store.tryGet(roleType, namespace, name) as Role | undefined),
  };
}
