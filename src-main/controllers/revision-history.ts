import type { KubeObject } from '../shared/api-types';
import type { ControllerRevision } from '../shared/apps-types';
import { deepEqual } from '../shared/deep-equal';
import { matchesLabels, selectorRequirements } from '../shared/label-selector';
import { controllerRef } from '../shared/owner-refs';
import type { LabelSelector } from '../shared/workload-types';
import { controllerRevisionType } from '../shared/resource-types';
import { ApiError, ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { nextRevision, planUpdateRevision, revisionsToPrune, sortRevisions } from './controller-history';

// The I/O half of Kubernetes' controller history for StatefulSets and DaemonSets: find or make the revision of
// the parent's current template, and prune what revisionHistoryLimit no longer keeps.

export interface RevisionSync {
  revisions: ControllerRevision[];
  update: ControllerRevision;
  collisionCount: number;
}

export const ownedRevisions = (store: ObjectStore, parent: KubeObject) =>
  (
    store.list(controllerRevisionType, { namespace: parent.metadata.namespace }).items as ControllerRevision[]
  ).filter((r) => r.metadata.ownerReferences?.some((o) => o.controller && o.uid === parent.metadata.uid));

/**
 * Makes sure a revision holds the parent's template (`build` makes the candidate for a collision count and a
 * revision number). A name taken by a different revision bumps the collision count, as Kubernetes'
 * CreateControllerRevision does.
 */
export async function syncUpdateRevision(
  store: ObjectStore,
  parent: KubeObject,
  selector: LabelSelector,
  collisionCount0: number,
  build: (collisionCount: number, revision: number) => ControllerRevision,
): Promise<RevisionSync> {
  let collisionCount = collisionCount0;
  await adoptRevisions(store, parent, selector);
  const revisions = sortRevisions(ownedRevisions(store, parent));
  const step = planUpdateRevision(revisions, build(collisionCount, nextRevision(revisions)));
  if (step.action === 'keep') return { revisions, update: step.revision, collisionCount };
  if (step.action === 'renumber') {
    const updated = (await store.update(controllerRevisionType, {
      ...step.revision,
      revision: step.to,
    })) as ControllerRevision;
    return {
      revisions: revisions.map((r) => (r.metadata.uid === updated.metadata.uid ? updated : r)),
      update: updated,
      collisionCount,
    };
  }
  for (;;) {
    const candidate = build(collisionCount, nextRevision(revisions));
    try {
      const created = (await store.create(controllerRevisionType, candidate)) as ControllerRevision;
      return { revisions: [...revisions, created], update: created, collisionCount };
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 409)) throw err;
      const existing = store.tryGet(
        controllerRevisionType,
        parent.metadata.namespace,
        candidate.metadata.name ?? '',
      ) as ControllerRevision | undefined;
      const ours = existing?.metadata.ownerReferences?.some(
        (o) => o.controller && o.uid === parent.metadata.uid,
      );
      if (existing && ours && deepEqual(existing.data, candidate.data))
        return { revisions: [...revisions, existing], update: existing, collisionCount };
      collisionCount++;
    }
  }
}

/**
 * ClaimControllerRevisions: orphaned revisions that match the selector become the parent's again (after
 * `kubectl delete --cascade=orphan` and a new object of the same shape, the history and the pods carry on).
 */
async function adoptRevisions(
  store: ObjectStore,
  parent: KubeObject,
  selector: LabelSelector,
): Promise<void> {
  if (parent.metadata.deletionTimestamp) return;
  const requirements = selectorRequirements(selector);
  const orphans = (
    store.list(controllerRevisionType, { namespace: parent.metadata.namespace }).items as ControllerRevision[]
  ).filter(
    (r) =>
      !r.metadata.deletionTimestamp &&
      !r.metadata.ownerReferences?.some((o) => o.controller) &&
      matchesLabels(requirements, r.metadata.labels),
  );
  for (const revision of orphans) {
    await store
      .update(controllerRevisionType, {
        ...revision,
        metadata: {
          ...revision.metadata,
          ownerReferences: [...(revision.metadata.ownerReferences ?? []), controllerRef(parent)],
        },
      })
      .catch(ignoreGoneOrChanged);
  }
}

/** Deletes the oldest revisions that no pod and no status names, beyond the history limit. */
export async function pruneRevisions(
  store: ObjectStore,
  revisions: ControllerRevision[],
  live: Set<string>,
  limit: number,
): Promise<void> {
  for (const revision of revisionsToPrune(revisions, live, limit)) {
    await store
      .delete(controllerRevisionType, revision.metadata.namespace, revision.metadata.name ?? '', {
        preconditions: { uid: revision.metadata.uid },
      })
      .catch(ignoreGoneOrChanged);
  }
}
