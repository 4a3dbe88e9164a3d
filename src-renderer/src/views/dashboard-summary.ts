import type { Condition } from '@shared/api-types';
import { summarizePod } from '@shared/pod-display';
import type { KubeEvent, Pod } from '@shared/pod-types';
import type { Deployment } from '@shared/workload-types';
import { podsFailure, podsSelectedBy, type Failure } from '../status/failing-reason';

/** Pods counted by the state `kubectl get pods` shows (Running, Pending, CrashLoopBackOff, Completed…). */
export function podsByState(pods: Pod[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const pod of pods) {
    const state = summarizePod(pod).status;
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export interface WorkloadState {
  deployment: Deployment;
  state: 'failing' | 'progressing';
  why: string;
  /** when failing because of what its pods report: the reason, told first */
  failure?: Failure;
}

const condition = (d: Deployment, type: string): Condition | undefined =>
  d.status?.conditions?.find((c) => c.type === type);

/**
 * Deployments that are rolling out or in trouble; settled ones are left out. With `pods`, a Deployment whose
 * pods report a failing reason (ErrImagePull, CrashLoopBackOff…) is failing now, not after its deadline.
 */
export function workloadsNeedingAttention(deployments: Deployment[], pods: Pod[] = []): WorkloadState[] {
  return deployments.flatMap((d): WorkloadState[] => {
    const failure = podsFailure(podsSelectedBy(d, pods));
    if (failure)
      return [
        {
          deployment: d,
          state: 'failing',
          why: `${failure.reason}: ${failure.summary}${failure.detail ? ` (${failure.detail})` : ''}`,
          failure,
        },
      ];
    const progressing = condition(d, 'Progressing');
    const rolledBack = condition(d, 'RolledBack');
    const ready = d.status?.readyReplicas ?? 0;
    const wanted = d.spec.replicas ?? 1;
    if (progressing?.reason === 'ProgressDeadlineExceeded')
      return [{ deployment: d, state: 'failing', why: progressing.message ?? 'progress deadline exceeded' }];
    if (rolledBack?.status === 'True' && ready < wanted)
      return [{ deployment: d, state: 'failing', why: rolledBack.message ?? 'rolled back' }];
    if (progressing?.reason !== 'NewReplicaSetAvailable' || ready < wanted)
      return [{ deployment: d, state: 'progressing', why: `${ready} of ${wanted} ready` }];
    return [];
  });
}

/** The newest warnings first. */
export function recentWarnings(events: KubeEvent[], limit = 8): KubeEvent[] {
  const at = (e: KubeEvent) => Date.parse(e.lastTimestamp ?? e.metadata.creationTimestamp ?? '') || 0;
  return events
    .filter((e) => e.type === 'Warning')
    .sort((a, b) => at(b) - at(a))
    .slice(0, limit);
}
