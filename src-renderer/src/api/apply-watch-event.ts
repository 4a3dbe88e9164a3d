import type { KubeList, KubeObject, WatchEvent } from '@shared/api-types';

function rvNumber(rv: string | undefined): number {
  const n = Number(rv);
  return Number.isFinite(n) ? n : -1;
}

function sameObject(a: KubeObject, b: KubeObject): boolean {
  return a.metadata.namespace === b.metadata.namespace && a.metadata.name === b.metadata.name;
}

/**
 * Applies one watch event to a cached list, returning a new list (or the same one when nothing changed). An
 * event older than what the cache already holds for that object is ignored, so replays are harmless.
 */
export function applyWatchEvent<T extends KubeObject>(list: KubeList<T>, event: WatchEvent<T>): KubeList<T> {
  const eventRv = rvNumber(event.object.metadata.resourceVersion);
  const listRv = rvNumber(list.metadata.resourceVersion);
  const metadata =
    eventRv > listRv
      ? { ...list.metadata, resourceVersion: event.object.metadata.resourceVersion }
      : list.metadata;
  if (event.type === 'BOOKMARK') return metadata === list.metadata ? list : { ...list, metadata };
  if (event.type === 'ERROR') return list;
  const index = list.items.findIndex((item) => sameObject(item, event.object));
  const existing = index >= 0 ? list.items[index]! : undefined;
  if (existing && rvNumber(existing.metadata.resourceVersion) >= eventRv) return list;
  if (event.type === 'DELETED') {
    if (!existing) return metadata === list.metadata ? list : { ...list, metadata };
    return { ...list, metadata, items: list.items.filter((_, i) => i !== index) };
  }
  if (existing) {
    const items = list.items.slice();
    items[index] = event.object;
    return { ...list, metadata, items };
  }
  return { ...list, metadata, items: [...list.items, event.object] };
}
