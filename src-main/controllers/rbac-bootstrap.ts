import { BOOTSTRAP_CLUSTER_ROLE_BINDINGS, BOOTSTRAP_CLUSTER_ROLES } from '../auth/bootstrap-policy';
import { clusterRoleBindingType, clusterRoleType } from '../shared/rbac-types';
import type { ResourceType } from '../shared/resource-types';
import type { KubeObject } from '../shared/api-types';
import { ApiError } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';

/**
 * Makes the bootstrap ClusterRoles and ClusterRoleBindings that are missing, on every start (as the apiserver's
 * rbac/bootstrap-roles post-start hook; the ones there are left as the user keeps them).
 */
export async function ensureBootstrapPolicy(store: ObjectStore): Promise<void> {
  const ensure = async (type: ResourceType, object: KubeObject) => {
    if (store.tryGet(type, undefined, object.metadata.name!)) return;
    await store.create(type, object).catch((err: unknown) => {
      if (!(err instanceof ApiError && err.code === 409)) throw err;
    });
  };
  for (const role of BOOTSTRAP_CLUSTER_ROLES) await ensure(clusterRoleType, role);
  for (const binding of BOOTSTRAP_CLUSTER_ROLE_BINDINGS) await ensure(clusterRoleBindingType, binding);
}
