import type { KindStrategy } from '../kind-strategy';
import { limitRangeStrategy } from './limit-range-strategy';
import { networkPolicyStrategy } from './network-policy-strategy';
import { podDisruptionBudgetStrategy } from './pod-disruption-budget-strategy';
import { priorityClassStrategy } from './priority-class-strategy';
import { resourceQuotaStrategy } from './resource-quota-strategy';

/** The policy kinds: disruption budgets, quotas, limit ranges, priority classes, network policies. */
export const POLICY_STRATEGIES: KindStrategy[] = [
  podDisruptionBudgetStrategy,
  resourceQuotaStrategy,
  limitRangeStrategy,
  priorityClassStrategy,
  networkPolicyStrategy,
];
