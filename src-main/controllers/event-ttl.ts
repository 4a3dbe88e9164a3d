import type { Disposable } from '../shared/disposable';
import type { KubeEvent } from '../shared/pod-types';
import { eventType } from '../shared/resource-types';
import type { ObjectStore } from '../store/object-store';

/** Events expire an hour after they were last seen, as with the apiserver's default --event-ttl. */
export function expireEvents(
  store: ObjectStore,
  now: () => number = Date.now,
  ttlMs = 3600_000,
  everyMs = 60_000,
): Disposable {
  const sweep = async () => {
    for (const event of store.list(eventType).items as KubeEvent[]) {
      const last = Date.parse(event.lastTimestamp ?? event.metadata.creationTimestamp ?? '');
      if (Number.isFinite(last) && now() - last > ttlMs) {
        await store
          .delete(eventType, event.metadata.namespace, event.metadata.name ?? '')
          .catch(() => undefined);
      }
    }
  };
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  return { dispose: () => clearInterval(timer) };
}
