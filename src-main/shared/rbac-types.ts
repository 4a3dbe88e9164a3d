// ServiceAccount (core/v1) and the rbac.authorization.k8s.io/v1 kinds. Pure TypeScript, shared with the renderer.
import type { KubeObject } from './api-types';
import type { ResourceType } from './resource-types';
import type { LabelSelector } from './workload-types';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export interface ServiceAccount extends KubeObject {
  automountServiceAccountToken?: boolean;
  secrets?: Array<{ name?: string; namespace?: string; kind?: string }>;
  imagePullSecrets?: Array<{ name?: string }>;
}

export interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Role extends KubeObject {
  rules?: PolicyRule[];
}

export interface ClusterRole extends Role {
  aggregationRule?: { clusterRoleSelectors?: LabelSelector[] };
}

export interface Subject {
  kind: string;
  apiGroup?: string;
  name: string;
  namespace?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

export interface RoleBinding extends KubeObject {
  subjects?: Subject[];
  roleRef: RoleRef;
}

const rbacType = (kind: string, plural: string, namespaced: boolean): ResourceType => ({
  group: RBAC_GROUP,
  version: 'v1',
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced,
  hasStatus: false,
});

export const serviceAccountType: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  plural: 'serviceaccounts',
  singular: 'serviceaccount',
  namespaced: true,
  shortNames: ['sa'],
  hasStatus: false,
};
export const roleType = rbacType('Role', 'roles', true);
export const clusterRoleType = rbacType('ClusterRole', 'clusterroles', false);
export const roleBindingType = rbacType('RoleBinding', 'rolebindings', true);
export const clusterRoleBindingType = rbacType('ClusterRoleBinding', 'clusterrolebindings', false);
