import type { KubeObject, Namespace } from '../shared/api-types';

export type NamespaceAction =
  { type: 'delete'; object: KubeObject } | { type: 'finalize' } | { type: 'wait' };

/** What the namespace controller does for a namespace: nothing while it lives; while terminating, empty it, then finalize. */
export function planNamespaceCleanup(namespace: Namespace, contents: KubeObject[]): NamespaceAction[] {
  if (!namespace.metadata.deletionTimestamp) return [];
  if (contents.length === 0)
    return (namespace.spec?.finalizers?.length ?? 0) > 0 ? [{ type: 'finalize' }] : [];
  const live = contents.filter((o) => !o.metadata.deletionTimestamp);
  return live.length > 0 ? live.map((object) => ({ type: 'delete' as const, object })) : [{ type: 'wait' }];
}
