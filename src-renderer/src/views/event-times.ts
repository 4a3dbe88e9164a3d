import type { KubeEvent } from '@shared/pod-types';

/** A timestamp in ms since the epoch, or undefined when absent or unreadable. */
export const time = (text: string | undefined): number | undefined => {
  const ms = text ? Date.parse(text) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
};

/** The latest moment an event happened (it may stand for several occurrences, `count`). */
export const lastSeen = (e: KubeEvent): number =>
  time(e.lastTimestamp) ?? time(e.firstTimestamp) ?? time(e.metadata.creationTimestamp) ?? 0;

/** The first moment an event happened. */
export const firstSeen = (e: KubeEvent): number =>
  time(e.firstTimestamp) ?? time(e.metadata.creationTimestamp) ?? lastSeen(e);
