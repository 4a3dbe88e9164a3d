import type { KubeObject, WatchEventType } from '../shared/api-types';

export interface StoreEvent {
  rv: number;
  type: Exclude<WatchEventType, 'BOOKMARK' | 'ERROR'>;
  key: string;
  object: KubeObject;
  /** The object before this change, so label-filtered watches can tell entering from leaving. */
  previous?: KubeObject;
}

/** A bounded window of recent events, so a watch can resume from a recent resourceVersion. */
export class EventHistory {
  private readonly events: StoreEvent[] = [];
  private head = 0;
  /** The resourceVersion of the oldest event still held; everything newer is held. */
  private oldestHeld: number;

  constructor(
    startRv: number,
    private readonly capacity = 10_000,
  ) {
    this.oldestHeld = startRv + 1;
  }

  push(event: StoreEvent): void {
    if (this.events.length - this.head >= this.capacity) {
      this.oldestHeld = this.events[this.head]!.rv + 1;
      this.head++;
      if (this.head > this.capacity) {
        this.events.splice(0, this.head);
        this.head = 0;
      }
    }
    this.events.push(event);
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
