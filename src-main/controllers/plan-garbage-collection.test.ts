import { describe, expect, it } from 'vitest';
import type { KubeObject, ObjectMeta } from '../shared/api-types';
import { planGarbageCollection } from './plan-garbage-collection';

function obj(meta: ObjectMeta): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta };
}
const owner = (uid: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: uid, uid });

describe('planGarbageCollection', () => {
  it('leaves an object without owners alone', () => {
    expect(
      planGarbageCollection({ object: obj({ uid: 'a' }), liveOwnerUids: new Set(), dependents: [] }),
    ).toEqual([]);
  });

  it('deletes a dependent once every owner is gone (background propagation)', () => {
    const object = obj({ uid: 'd', ownerReferences: [owner('o1')] });
    expect(planGarbageCollection({ object, liveOwnerUids: new Set(), dependents: [] })).toEqual([
      { type: 'delete-self' },
    ]);
  });

  it('keeps a dependent with a live owner but drops the dangling reference', () => {
    const object = obj({ uid: 'd', ownerReferences: [owner('o1'), owner('o2')] });
    expect(planGarbageCollection({ object, liveOwnerUids: new Set(['o2']), dependents: [] })).toEqual([
      { type: 'remove-owner-refs', dependent: object, ownerUids: ['o1'] },
    ]);
  });

  it('orphans dependents, then lets the owner go', () => {
    const dep = obj({ uid: 'd', ownerReferences: [owner('o')] });
    const object = obj({ uid: 'o', deletionTimestamp: 't', finalizers: ['orphan'] });
    expect(planGarbageCollection({ object, liveOwnerUids: new Set(), dependents: [dep] })).toEqual([
      { type: 'remove-owner-refs', dependent: dep, ownerUids: ['o'] },
      { type: 'remove-finalizer', finalizer: 'orphan' },
    ]);
  });

  it('foreground deletion removes dependents first and waits for them', () => {
    const dep = obj({ uid: 'd', ownerReferences: [owner('o')] });
    const object = obj({ uid: 'o', deletionTimestamp: 't', finalizers: ['foregroundDeletion'] });
    expect(planGarbageCollection({ object, liveOwnerUids: new Set(), dependents: [dep] })).toEqual([
      { type: 'delete-dependent', dependent: dep, propagation: 'Foreground' },
    ]);
    const going = obj({ ...dep.metadata, deletionTimestamp: 't' });
    expect(planGarbageCollection({ object, liveOwnerUids: new Set(), dependents: [going] })).toEqual([
      { type: 'wait' },
    ]);
    expect(planGarbageCollection({ object, liveOwnerUids: new Set(), dependents: [] })).toEqual([
      { type: 'remove-finalizer', finalizer: 'foregroundDeletion' },
    ]);
  });
});
