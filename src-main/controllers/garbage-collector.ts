import type { KubeObject } from '../shared/api-types';
import type { Disposable } from '../shared/disposable';
import type { ResourceType } from '../shared/resource-types';
import { ApiError } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { planGarbageCollection } from './plan-garbage-collection';
import { WorkQueue, type WorkQueueOptions } from '../machinery/work-queue';

interface Located {
  type: ResourceType;
  namespace?: string;
  name: string;
}

/** Deletes dependents whose owners are gone, and carries out Orphan and Foreground deletion. Keys are uids. */
export class GarbageCollector implements Disposable {
  private readonly byUid = new Map<string, Located>();
  private readonly dependentsOf = new Map<string, Set<string>>();
  private readonly queue: WorkQueue;
  private readonly subscription: Disposable;

  constructor(
    private readonly store: ObjectStore,
    queueOptions: WorkQueueOptions = {},
  ) {
    this.queue = new WorkQueue((uid) => this.reconcile(uid), {
      onError: (uid, err) => console.error(`garbage-collector: ${uid}:`, err),
      ...queueOptions,
    });
    for (const { type, object } of store.allObjects()) this.index(type, object);
    this.subscription = store.subscribe((event, type) => {
      const uid = event.object.metadata.uid ?? '';
      if (event.type === 'DELETED') {
        this.unindex(event.object);
        for (const dependent of this.dependentsOf.get(uid) ?? []) this.queue.add(dependent);
        for (const ref of event.object.metadata.ownerReferences ?? []) this.queue.add(ref.uid);
      } else {
        this.unindex(event.previous);
        this.index(type, event.object);
        if (event.object.metadata.ownerReferences?.length || event.object.metadata.deletionTimestamp)
          this.queue.add(uid);
      }
    });
    for (const uid of this.byUid.keys()) this.queue.add(uid);
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  dispose(): void {
    this.subscription.dispose();
    this.queue.dispose();
  }

  private async reconcile(uid: string): Promise<number | void> {
    const object = this.lookup(uid);
    if (!object) return;
    const liveOwnerUids = new Set(
      (object.metadata.ownerReferences ?? []).map((r) => r.uid).filter((u) => this.byUid.has(u)),
    );
    const dependents = [...(this.dependentsOf.get(uid) ?? [])]
      .map((d) => this.lookup(d))
      .filter((d): d is KubeObject => !!d);
    for (const action of planGarbageCollection({ object, liveOwnerUids, dependents })) {
      switch (action.type) {
        case 'delete-self':
          await this.deleteIgnoringNotFound(object, 'Background');
          break;
        case 'delete-dependent':
          await this.deleteIgnoringNotFound(action.dependent, action.propagation);
          break;
        case 'remove-owner-refs': {
          const fresh = this.lookup(action.dependent.metadata.uid ?? '');
          if (!fresh) break;
          fresh.metadata.ownerReferences = (fresh.metadata.ownerReferences ?? []).filter(
            (r) => !action.ownerUids.includes(r.uid),
          );
          if (fresh.metadata.ownerReferences.length === 0) delete fresh.metadata.ownerReferences;
          await this.store.update(this.byUid.get(fresh.metadata.uid ?? '')!.type, fresh);
          break;
        }
        case 'remove-finalizer': {
          const fresh = this.lookup(uid);
          if (!fresh) break;
          fresh.metadata.finalizers = (fresh.metadata.finalizers ?? []).filter((f) => f !== action.finalizer);
          await this.store.update(this.byUid.get(uid)!.type, fresh);
          break;
        }
        case 'wait':
          return 1000; // dependents are finishing their own deletion; their DELETED events also requeue us
      }
    }
  }

  private async deleteIgnoringNotFound(
    object: KubeObject,
    propagationPolicy: 'Background' | 'Foreground',
  ): Promise<void> {
    const located = this.byUid.get(object.metadata.uid ?? '');
    if (!located) return;
    try {
      await this.store.delete(located.type, located.namespace, located.name, {
        propagationPolicy,
        preconditions: { uid: object.metadata.uid },
      });
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 404)) throw err;
    }
  }

  private lookup(uid: string): KubeObject | undefined {
    const located = this.byUid.get(uid);
    return located && this.store.tryGet(located.type, located.namespace, located.name);
  }

  private index(type: ResourceType, object: KubeObject): void {
    const uid = object.metadata.uid;
    if (!uid) return;
    this.byUid.set(uid, { type, namespace: object.metadata.namespace, name: object.metadata.name ?? '' });
    for (const ref of object.metadata.ownerReferences ?? []) {
      let set = this.dependentsOf.get(ref.uid);
      if (!set) this.dependentsOf.set(ref.uid, (set = new Set()));
      set.add(uid);
    }
  }

  private unindex(object: KubeObject | undefined): void {
    const uid = object?.metadata.uid;
    if (!object || !uid) return;
    this.byUid.delete(uid);
    for (const ref of object.metadata.ownerReferences ?? []) {
      const set = this.dependentsOf.get(ref.uid);
      set?.delete(uid);
      if (set?.size === 0) this.dependentsOf.delete(ref.uid);
    }
  }
}
