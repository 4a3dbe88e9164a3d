import { useMutation } from '@tanstack/react-query';
import type { KubeObject } from '@shared/api-types';
import type { ControllerRevision } from '@shared/apps-types';
import { CHANGE_CAUSE_ANNOTATION } from '@shared/workload-types';
import { useSkiff } from '../state/skiff-context';
import { revisionImages, revisionsOf } from '../views/controller-revisions';
import { ErrorNotice } from './ErrorNotice';
import { formatAge } from './format-age';

/**
 * A StatefulSet's or DaemonSet's revisions (its ControllerRevisions), newest first, the current one marked, each
 * with a one-click rollback that sends the revision's data as a strategic merge patch — what `kubectl rollout
 * undo --to-revision` sends.
 */
export function ControllerRevisionHistory({
  owner,
  revisions,
  current,
  path,
  now,
}: {
  owner: KubeObject;
  revisions: ControllerRevision[];
  /** The name of the revision the owner's template is at. */
  current: string | undefined;
  path: string;
  now: number;
}) {
  const { client } = useSkiff();
  const rollback = useMutation({
    mutationFn: (revision: ControllerRevision) => client.strategicMergePatch(path, revision.data),
  });
  const own = revisionsOf(owner, revisions);
  const currentName = current ?? own[0]?.metadata.name;
  return (
    <section aria-label="Rollout history">
      <h3>Rollout history</h3>
      <table className="resource-table" aria-label="Revisions">
        <thead>
          <tr>
            <th scope="col">Revision</th>
            <th scope="col">Images</th>
            <th scope="col">Change cause</th>
            <th scope="col">Created</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {own.map((r) => {
            const isCurrent = r.metadata.name === currentName;
            return (
              <tr
                key={r.metadata.uid}
                data-revision={r.revision}
                aria-current={isCurrent ? 'true' : undefined}
              >
                <td>
                  {r.revision}
                  {isCurrent ? ' (current)' : ''}
                </td>
                <td>{revisionImages(r)}</td>
                <td>{r.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] ?? ''}</td>
                <td>{formatAge(r.metadata.creationTimestamp, now)}</td>
                <td>
                  {!isCurrent && (
                    <button
                      type="button"
                      disabled={rollback.isPending}
                      aria-label={`Roll back to revision ${r.revision}`}
                      onClick={() => rollback.mutate(r)}
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
    </section>
  );
}
