import type { KubeEvent } from '@shared/pod-types';

/** A timestamp in ms since the epoch, or undefined when absent or unreadable. */
export const time = (text: string | undefined): number | undefined => {
  const ms = text ? Date.parse(text) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
};

// Timelines sort and compare events by time many times over; objects from the cache never change in place.
const lastSeenCache = new WeakMap<KubeEvent, number>();

/** The latest moment an event happened (it may stand for several occurrences, `count`). */
export const lastSeen = (e: KubeEvent): number => {
  let ms = lastSeenCache.get(e);
  if (ms === undefined) {
    ms = time(e.lastTimestamp) ?? time(e.firstTimestamp) ?? time(e.metadata.creationTimestamp) ?? 0;
    lastSeenCache.set(e, ms);
  }
  return ms;
};

/** The first moment an event happened. */
export const firstSeen = (e: KubeEvent): number =>
  time(e.firstTimestamp) ?? time(e.metadata.creationTimestamp) ?? lastSeen(e);
