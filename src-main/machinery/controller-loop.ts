import type { Disposable } from '../shared/disposable';
import type { ResourceType } from '../shared/resource-types';
import type { StoreEvent } from '../store/event-history';
import type { ObjectStore } from '../store/object-store';
import { WorkQueue, type WorkQueueOptions } from './work-queue';

export interface ControllerLoop extends Disposable {
  add(key: string): void;
  idle(): Promise<void>;
}

export interface ControllerLoopOptions {
  store: ObjectStore;
  name: string;
  reconcile(key: string): Promise<number | void>;
  /** The keys a store change concerns (level-triggered: a key only asks for a reconcile). */
  keysFor(event: StoreEvent, type: ResourceType): Iterable<string>;
  /** Keys to reconcile once at start, covering what happened while nothing watched. */
  initialKeys(): Iterable<string>;
  queue?: WorkQueueOptions;
}

/** The client-go controller skeleton: store events enqueue keys, a work queue runs `reconcile` per key. */
export function startControllerLoop(options: ControllerLoopOptions): ControllerLoop {
  const queue = new WorkQueue((key) => options.reconcile(key), {
    concurrency: 4,
    onError: (key, err) => console.error(`${options.name}: ${key}: ${(err as Error).message}`),
    ...options.queue,
  });
  const subscription = options.store.subscribe((event, type) => {
    for (const key of options.keysFor(event, type)) queue.add(key);
  });
  for (const key of options.initialKeys()) queue.add(key);
  return {
    add: (key) => queue.add(key),
    idle: () => queue.idle(),
    dispose: () => {
      subscription.dispose();
      queue.dispose();
    },
  };
}

export const objectKey = (obj: { metadata: { namespace?: string; name?: string } }) =>
  `${obj.metadata.namespace}/${obj.metadata.name}`;
