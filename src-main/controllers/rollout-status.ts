import type { Condition } from '../shared/api-types';
import type { RolloutStatus } from '../shared/rollout-types';

// Argo Rollouts' conditions (utils/conditions/conditions.go): type, reason and message words as Argo writes them.

export const ROLLOUT_REASONS = {
  newReplicaSetAvailable: 'NewReplicaSetAvailable',
  replicaSetUpdated: 'ReplicaSetUpdated',
  paused: 'RolloutPaused',
  aborted: 'RolloutAborted',
  available: 'AvailableReason',
  completed: 'RolloutCompleted',
  healthy: 'RolloutHealthy',
  invalidSpec: 'InvalidSpec',
} as const;

/** Sets one condition, keeping lastTransitionTime when its status does not change. */
export function setCondition(
  status: RolloutStatus,
  type: string,
  value: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
  now: string,
): void {
  const conditions = status.conditions ?? [];
  const existing = conditions.find((c) => c.type === type);
  if (existing && existing.status === value && existing.reason === reason && existing.message === message)
    return;
  const next: Condition & { lastUpdateTime?: string } = {
    type,
    status: value,
    reason,
    message,
    lastUpdateTime: now,
    lastTransitionTime: existing && existing.status === value ? existing.lastTransitionTime : now,
  };
  status.conditions = [...conditions.filter((c) => c.type !== type), next];
}

export function removeCondition(status: RolloutStatus, type: string): void {
  if (status.conditions?.some((c) => c.type === type))
    status.conditions = status.conditions.filter((c) => c.type !== type);
}
