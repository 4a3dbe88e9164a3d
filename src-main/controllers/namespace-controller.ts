import type { Namespace } from '../shared/api-types';
import type { Disposable } from '../shared/disposable';
import { namespaceType } from '../shared/resource-types';
import { ApiError } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { NAMESPACE_DELETION_GRACE_MS, planNamespaceCleanup } from './plan-namespace-cleanup';
import { WorkQueue, type WorkQueueOptions } from '../machinery/work-queue';

/** Empties a terminating namespace, then finalizes it so the store removes it. Keys are namespace names. */
export class NamespaceController implements Disposable {
  private readonly queue: WorkQueue;
  private readonly subscription: Disposable;

  constructor(
    private readonly store: ObjectStore,
    queueOptions: WorkQueueOptions = {},
    private readonly now: () => number = Date.now,
    private readonly deletionGraceMs = NAMESPACE_DELETION_GRACE_MS,
  ) {
    this.queue = new WorkQueue((name) => this.reconcile(name), {
      onError: (name, err) => console.error(`namespace-controller: ${name}:`, err),
      ...queueOptions,
    });
    this.subscription = store.subscribe((event, type) => {
      if (type === namespaceType) {
        if (event.object.metadata.deletionTimestamp) this.queue.add(event.object.metadata.name ?? '');
      } else if (type.namespaced && event.type === 'DELETED') {
        this.queue.add(event.object.metadata.namespace ?? '');
      }
    });
    for (const ns of store.list(namespaceType).items)
      if (ns.metadata.deletionTimestamp) this.queue.add(ns.metadata.name ?? '');
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  dispose(): void {
    this.subscription.dispose();
    this.queue.dispose();
  }

  private async reconcile(name: string): Promise<number | void> {
    const namespace = this.store.tryGet(namespaceType, undefined, name) as Namespace | undefined;
    if (!namespace) return;
    const contents = this.store
      .allObjects()
      .filter(({ type, object }) => type.namespaced && object.metadata.namespace === name);
    for (const action of planNamespaceCleanup(
      namespace,
      contents.map((c) => c.object),
      this.now(),
      this.deletionGraceMs,
    )) {
      if (action.type === 'wait') return action.ms;
      if (action.type === 'finalize') {
        await this.store.update(
          namespaceType,
          { ...namespace, spec: { finalizers: [] } },
          { subresource: 'finalize' },
        );
        continue;
      }
      const { type } = contents.find((c) => c.object === action.object)!;
      try {
        await this.store.delete(type, name, action.object.metadata.name ?? '', {
          propagationPolicy: 'Background',
        });
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 404)) throw err;
      }
    }
  }
}
