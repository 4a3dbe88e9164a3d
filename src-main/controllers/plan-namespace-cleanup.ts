import type { KubeObject, Namespace } from '../shared/api-types';

export type NamespaceAction =
  { type: 'delete'; object: KubeObject } | { type: 'finalize' } | { type: 'wait'; ms: number };

/**
 * Kubernetes' namespace controller waits this long after a namespace is marked for deletion before it empties
 * it (namespaceDeletionGracePeriod): `kubectl delete -f app.yaml` whose first document is the Namespace then
 * deletes each of the file's objects itself, rather than finding them already gone and exiting 1.
 */
export const NAMESPACE_DELETION_GRACE_MS = 5000;

const RECHECK_MS = 1000;

/** What the namespace controller does for a namespace: nothing while it lives; while terminating, empty it, then finalize. */
export function planNamespaceCleanup(
  namespace: Namespace,
  contents: KubeObject[],
  now: number,
  graceMs = NAMESPACE_DELETION_GRACE_MS,
): NamespaceAction[] {
  const deleting = namespace.metadata.deletionTimestamp;
  if (!deleting) return [];
  const dueAt = Date.parse(deleting) + graceMs;
  if (now < dueAt) return [{ type: 'wait', ms: dueAt - now }];
  if (contents.length === 0)
    return (namespace.spec?.finalizers?.length ?? 0) > 0 ? [{ type: 'finalize' }] : [];
  const live = contents.filter((o) => !o.metadata.deletionTimestamp);
  return live.length > 0
    ? live.map((object) => ({ type: 'delete' as const, object }))
    : [{ type: 'wait', ms: RECHECK_MS }];
}
