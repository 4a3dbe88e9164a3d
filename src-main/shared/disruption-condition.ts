import type { Pod } from './pod-types';
import type { Condition, PodDisruptionBudgetStatus } from './policy-types';

// What the disruption controller and the Eviction subresource both need to agree on.

export const isPodReady = (pod: Pod) =>
  pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';

/** DisruptionAllowed, as pdbhelper.UpdateDisruptionAllowedCondition sets it. */
export function disruptionCondition(
  status: PodDisruptionBudgetStatus,
  previous: Condition[] | undefined,
  now: Date,
  failure?: string,
): Condition[] {
  const allowed = status.disruptionsAllowed > 0 && !failure;
  const reason = failure ? 'SyncFailed' : allowed ? 'SufficientPods' : 'InsufficientPods';
  const state = allowed ? 'True' : 'False';
  const old = previous?.find((c) => c.type === 'DisruptionAllowed');
  const message = failure ?? '';
  const unchanged = old && old.status === state && old.reason === reason && old.message === message;
  return [
    ...(previous ?? []).filter((c) => c.type !== 'DisruptionAllowed'),
    {
      type: 'DisruptionAllowed',
      status: state,
      reason,
      message,
      lastTransitionTime: unchanged ? old.lastTransitionTime : now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      observedGeneration: status.observedGeneration,
    },
  ];
}
