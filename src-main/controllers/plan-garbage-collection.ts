import type { KubeObject } from '../shared/api-types';

// Kubernetes' garbage collector, as a pure decision over one object, its owners and its dependents.

export type GcAction =
  | { type: 'delete-dependent'; dependent: KubeObject; propagation: 'Background' | 'Foreground' }
  | { type: 'remove-owner-refs'; dependent: KubeObject; ownerUids: string[] }
  | { type: 'delete-self' }
  | { type: 'remove-finalizer'; finalizer: string }
  | { type: 'wait' };

export interface GcInput {
  object: KubeObject;
  /** uids among the object's ownerReferences that name a live object. */
  liveOwnerUids: Set<string>;
  /** Objects whose ownerReferences name this object. */
  dependents: KubeObject[];
}

export function planGarbageCollection({ object, liveOwnerUids, dependents }: GcInput): GcAction[] {
  const meta = object.metadata;
  const uid = meta.uid ?? '';
  const finalizers = meta.finalizers ?? [];
  if (meta.deletionTimestamp && finalizers.includes('orphan')) {
    return [
      ...dependents.map((dependent) => ({ type: 'remove-owner-refs' as const, dependent, ownerUids: [uid] })),
      { type: 'remove-finalizer', finalizer: 'orphan' },
    ];
  }
  if (meta.deletionTimestamp && finalizers.includes('foregroundDeletion')) {
    if (dependents.length === 0) return [{ type: 'remove-finalizer', finalizer: 'foregroundDeletion' }];
    const pending = dependents.filter((d) => !d.metadata.deletionTimestamp);
    return pending.length > 0
      ? pending.map((dependent) => ({
          type: 'delete-dependent' as const,
          dependent,
          propagation: 'Foreground' as const,
        }))
      : [{ type: 'wait' }];
  }
  const refs = meta.ownerReferences ?? [];
  if (refs.length === 0 || meta.deletionTimestamp) return [];
  const dangling = refs.filter((ref) => !liveOwnerUids.has(ref.uid)).map((ref) => ref.uid);
  if (dangling.length === 0) return [];
  if (dangling.length === refs.length) return [{ type: 'delete-self' }];
  return [{ type: 'remove-owner-refs', dependent: object, ownerUids: dangling }];
}
