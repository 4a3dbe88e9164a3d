import type { KubeObject, WatchEventType } from '../shared/api-types';

export interface StoreEvent {
  rv: number;
  type: Exclude<WatchEventType, 'BOOKMARK' | 'ERROR'>;
  key: string;
  object: KubeObject;
  /** The object before this change, so label-filtered watches can tell entering from leaving. */
  previous?: KubeObject;
}

/**
 * A bounded window of recent events, so a watch can resume from a recent resourceVersion. Bounded in count and
 * in bytes: 10 000 events of 1 MB objects (a ConfigMap may hold 1 MiB) would otherwise keep 10 GB alive.
 */
export class EventHistory {
  private readonly events: StoreEvent[] = [];
  private readonly sizes: number[] = [];
  private head = 0;
  private bytes = 0;
  /** The resourceVersion of the oldest event still held; everything newer is held. */
  private oldestHeld: number;

  constructor(
    startRv: number,
    private readonly capacity = 10_000,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {
    this.oldestHeld = startRv + 1;
  }

  push(event: StoreEvent): void {
    const size = approximateBytes(event.object);
    while (
      this.events.length - this.head > 0 &&
      (this.events.length - this.head >= this.capacity || this.bytes + size > this.maxBytes)
    ) {
      this.oldestHeld = this.events[this.head]!.rv + 1;
      this.bytes -= this.sizes[this.head]!;
      this.head++;
    }
    // Evicted events are cut off once they are half the array, so nothing evicted stays referenced for long.
    if (this.head > 0 && this.head * 2 >= this.events.length) {
      this.events.splice(0, this.head);
      this.sizes.splice(0, this.head);
      this.head = 0;
    }
    this.events.push(event);
    this.sizes.push(size);
    this.bytes += size;
  }

  /** Events after `rv`, or undefined when some of them are no longer held (the caller answers 410 Gone). */
  since(rv: number): StoreEvent[] | undefined {
    if (rv + 1 < this.oldestHeld) return undefined;
    const result: StoreEvent[] = [];
    for (let i = this.head; i < this.events.length; i++) {
      const event = this.events[i]!;
      if (event.rv > rv) result.push(event);
    }
    return result;
  }
}

/** About what an object costs in memory: its strings' lengths plus a little per value; iterative. */
export function approximateBytes(value: unknown): number {
  let bytes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    bytes += 16;
    if (typeof item === 'string') bytes += item.length;
    else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        bytes += key.length;
        stack.push(child);
      }
    }
  }
  return bytes;
}
