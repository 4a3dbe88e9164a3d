import { controllerRefOf } from './owner-refs';
import {
  CHANGE_CAUSE_ANNOTATION,
  POD_TEMPLATE_HASH,
  REVISION_ANNOTATION,
  type Deployment,
  type ReplicaSet,
} from './workload-types';

/** A Deployment's or ReplicaSet's `deployment.kubernetes.io/revision`; 0 when absent or not a number. */
export const revisionOf = (o: ReplicaSet | Deployment) =>
  Number(o.metadata.annotations?.[REVISION_ANNOTATION] ?? 0) || 0;

export type RollbackPlan = { revision: number; deployment: Deployment } | { notFound: string };

/**
 * What `kubectl rollout undo [--to-revision=N]` does, pure: the revision's pod template (without its
 * pod-template-hash) and change-cause become the Deployment's; revision 0 means the one before the current.
 * `replicaSets` may hold any ReplicaSets of the namespace; only those the Deployment controls count.
 */
export function planRollback(
  deployment: Deployment,
  replicaSets: ReplicaSet[],
  wanted: number,
): RollbackPlan {
  const name = deployment.metadata.name;
  const history = replicaSets.filter((rs) => controllerRefOf(rs)?.uid === deployment.metadata.uid);
  const current = Number(deployment.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
  const target =
    wanted === 0
      ? history.filter((rs) => revisionOf(rs) < current).sort((a, b) => revisionOf(b) - revisionOf(a))[0]
      : history.find((rs) => revisionOf(rs) === wanted);
  if (!target) {
    const known =
      history
        .map(revisionOf)
        .sort((a, b) => a - b)
        .join(', ') || 'none';
    return {
      notFound:
        wanted === 0
          ? `deployment "${name}" has no previous revision to roll back to (revisions: ${known})`
          : `unable to find specified revision ${wanted} in history of deployment "${name}" (revisions: ${known})`,
    };
  }
  const template = structuredClone(target.spec.template);
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH];
  const annotations = { ...deployment.metadata.annotations };
  const cause = target.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
  if (cause) annotations[CHANGE_CAUSE_ANNOTATION] = cause;
  else delete annotations[CHANGE_CAUSE_ANNOTATION];
  return {
    revision: revisionOf(target),
    deployment: {
      ...deployment,
      metadata: { ...deployment.metadata, annotations },
      spec: { ...deployment.spec, template },
    },
  };
}
