import type { Deployment } from '@shared/workload-types';
import type { Failure } from './failing-reason';

export interface StatusBadge {
  text: string;
  tone: 'ok' | 'warn' | 'bad';
}

/** A Deployment's one-line state for its header and its list row: failing (with why), rolling out, or ready. */
export function deploymentStatus(d: Deployment, failure: Failure | undefined): StatusBadge {
  const ready = d.status?.readyReplicas ?? 0;
  const wanted = d.spec.replicas ?? 1;
  if (failure) return { text: `Failing: ${failure.reason}`, tone: 'bad' };
  if (d.spec.paused) return { text: `Paused · ${ready}/${wanted} ready`, tone: 'warn' };
  const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
  const updated = d.status?.updatedReplicas ?? 0;
  const settled = progressing?.reason === 'NewReplicaSetAvailable' && ready >= wanted && updated >= wanted;
  if (settled) return { text: `Ready · ${ready}/${wanted}`, tone: 'ok' };
  return { text: `Rolling out · ${ready}/${wanted} ready`, tone: 'warn' };
}
