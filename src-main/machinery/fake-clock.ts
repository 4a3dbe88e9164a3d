import type { Timers } from './clock';

interface Pending {
  due: number;
  fn: () => void;
}

/**
 * A clock for tests: time stands still until `advance` moves it, which runs the timers that fall due on the
 * way, in order. Gives loops both their `now: () => Date` (`date`) and their `Timers`.
 */
export class FakeClock implements Timers {
  private current: number;
  private readonly pending = new Set<Pending>();

  constructor(start: Date | string = '2026-01-01T00:00:00Z') {
    this.current = new Date(start).getTime();
  }

  now = (): number => this.current;
  date = (): Date => new Date(this.current);

  setTimeout = (fn: () => void, ms: number): unknown => {
    const entry = { due: this.current + Math.max(0, ms), fn };
    this.pending.add(entry);
    return entry;
  };

  clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as Pending);
  };

  /** Timers set and not yet run or cleared. */
  get timersPending(): number {
    return this.pending.size;
  }

  /** Moves time forward by `ms`, running each timer due by then at its own time. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const next = [...this.pending].filter((p) => p.due <= end).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.pending.delete(next);
      this.current = next.due;
      next.fn();
    }
    this.current = end;
  }
}
