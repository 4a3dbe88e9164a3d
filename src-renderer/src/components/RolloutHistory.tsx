import { useMutation } from '@tanstack/react-query';
import {
  CHANGE_CAUSE_ANNOTATION,
  REVISION_ANNOTATION,
  type Deployment,
  type ReplicaSet,
} from '@shared/workload-types';
import { useSkiff } from '../state/skiff-context';
import { ErrorNotice } from './ErrorNotice';
import { RevisionDiff } from './RevisionDiff';
import { formatAge } from './format-age';

const revisionOf = (o: { metadata: { annotations?: Record<string, string> } }) =>
  Number(o.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);

/**
 * The Deployment's revisions (one per ReplicaSet it owns), newest first, the current one marked, each with a
 * one-click rollback: the API's rollback call, which sets the template to that revision's (as `kubectl rollout
 * undo --to-revision` does).
 */
export function RolloutHistory({
  deployment,
  replicaSets,
  path,
  now,
}: {
  deployment: Deployment;
  replicaSets: ReplicaSet[];
  path: string;
  now: number;
}) {
  const { client } = useSkiff();
  const rollback = useMutation({
    mutationFn: (revision: number) => client.post(`${path}/rollback`, { rollbackTo: { revision } }),
  });
  const owned = replicaSets
    .filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === deployment.metadata.uid))
    .sort((a, b) => revisionOf(b) - revisionOf(a));
  const current = revisionOf(deployment);
  return (
    <section aria-label="Rollout history">
      <h3>Rollout history</h3>
      <table className="resource-table" aria-label="Revisions">
        <thead>
          <tr>
            <th scope="col">Revision</th>
            <th scope="col">Images</th>
            <th scope="col">Change cause</th>
            <th scope="col">Pods</th>
            <th scope="col">Created</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {owned.map((rs) => {
            const revision = revisionOf(rs);
            const isCurrent = revision === current;
            return (
              <tr
                key={rs.metadata.uid}
                data-revision={revision}
                aria-current={isCurrent ? 'true' : undefined}
              >
                <td>
                  {revision}
                  {isCurrent ? ' (current)' : ''}
                </td>
                <td>{(rs.spec.template.spec?.containers ?? []).map((c) => c.image).join(', ')}</td>
                <td>{rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? ''}</td>
                <td>
                  {rs.status?.readyReplicas ?? 0}/{rs.spec.replicas ?? 0}
                </td>
                <td>{formatAge(rs.metadata.creationTimestamp, now)}</td>
                <td>
                  {!isCurrent && (
                    <button
                      type="button"
                      disabled={rollback.isPending}
                      aria-label={`Roll back to revision ${revision}`}
                      onClick={() => rollback.mutate(revision)}
                    >
                      Roll back
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ErrorNotice error={rollback.error} />
      <RevisionDiff replicaSets={owned} />
    </section>
  );
}
