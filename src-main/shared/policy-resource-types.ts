import type { ResourceType } from './resource-types';

// The policy kinds: disruption budgets, quotas, limit ranges, priority classes and network policies.

export const podDisruptionBudgetType: ResourceType = {
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  plural: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  namespaced: true,
  shortNames: ['pdb'],
  hasStatus: true,
};

export const resourceQuotaType: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  plural: 'resourcequotas',
  singular: 'resourcequota',
  namespaced: true,
  shortNames: ['quota'],
  hasStatus: true,
};

export const limitRangeType: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'LimitRange',
  plural: 'limitranges',
  singular: 'limitrange',
  namespaced: true,
  shortNames: ['limits'],
  hasStatus: false,
};

export const priorityClassType: ResourceType = {
  group: 'scheduling.k8s.io',
  version: 'v1',
  kind: 'PriorityClass',
  plural: 'priorityclasses',
  singular: 'priorityclass',
  namespaced: false,
  shortNames: ['pc'],
  hasStatus: false,
};

export const networkPolicyType: ResourceType = {
  group: 'networking.k8s.io',
  version: 'v1',
  kind: 'NetworkPolicy',
  plural: 'networkpolicies',
  singular: 'networkpolicy',
  namespaced: true,
  shortNames: ['netpol'],
  hasStatus: false,
};

export const POLICY_TYPES: ResourceType[] = [
  podDisruptionBudgetType,
  resourceQuotaType,
  limitRangeType,
  priorityClassType,
  networkPolicyType,
];

/** What `kubectl get` and the UI say about a kind that is stored but not acted on. */
export const NETWORK_POLICY_NOT_ENFORCED =
  'Skiff stores NetworkPolicies but does not enforce them: every pod can still reach every other pod';
