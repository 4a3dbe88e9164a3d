import { deepEqual } from '../shared/deep-equal';
import type { KubeObject } from '../shared/api-types';
import type { Disposable } from '../shared/disposable';
import type { ObjectStore } from './object-store';

/** What a write changed: the object's status, its spec (everything outside metadata and status), its metadata. */
function changedParts(before: KubeObject, after: KubeObject): string[] {
  const { metadata: m1, status: s1, ...rest1 } = before as KubeObject & { status?: unknown };
  const { metadata: m2, status: s2, ...rest2 } = after as KubeObject & { status?: unknown };
  const meta = (m: KubeObject['metadata']) => ({
    ...m,
    resourceVersion: undefined,
    generation: undefined,
    managedFields: undefined,
  });
  return [
    ...(deepEqual(rest1, rest2) ? [] : ['spec']),
    ...(deepEqual(meta(m1), meta(m2)) ? [] : ['metadata']),
    ...(deepEqual(s1, s2) ? [] : ['status']),
  ];
}

/**
 * The writes made to a store, in order, the way client-go's fake clientset lists a controller's actions:
 * `create replicasets/web-7c5d`, `update deployments/web status`, `delete pods/web-x2x9v`. For controller tests:
 * seed the store, let the loop run, compare what it did. `resources` (plural names) limits what is recorded.
 */
export function recordActions(
  store: ObjectStore,
  resources?: string[],
): Disposable & { actions: string[]; clear(): void } {
  const actions: string[] = [];
  const subscription = store.subscribe((event, type) => {
    if (resources && !resources.includes(type.plural)) return;
    const what = `${type.plural}/${event.object.metadata.name}`;
    if (event.type === 'ADDED') actions.push(`create ${what}`);
    else if (event.type === 'DELETED') actions.push(`delete ${what}`);
    else
      actions.push(`update ${what} ${changedParts(event.previous ?? event.object, event.object).join('+')}`);
  });
  return {
    actions,
    clear: () => (actions.length = 0),
    dispose: () => subscription.dispose(),
  };
}
