import type { Disposable } from '../shared/disposable';
import { realTimers, type Timers } from './clock';

export interface WorkQueueOptions {
  /** First retry delay after a failure; doubles per consecutive failure of the same key. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  timers?: Timers;
  onError?: (key: string, err: unknown) => void;
  /** Keys processed at once (never the same key twice at once). Default 1. */
  concurrency?: number;
}

/**
 * client-go's rate-limited work queue: keys are de-duplicated while waiting, a key is never
 * processed twice at once (a key added while it is processed runs again afterwards), and failures come back
 * with per-key exponential backoff. `process` may return a delay in ms to be called again later.
 */
export class WorkQueue implements Disposable {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly dirtyWhileProcessing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, { handle: unknown; due: number }>();
  private workers = 0;
  private disposed = false;
  private idleWaiters: Array<() => void> = [];
  private readonly timers: Timers;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly process: (key: string) => Promise<number | void>,
    private readonly options: WorkQueueOptions = {},
  ) {
    this.timers = options.timers ?? realTimers;
    this.baseDelayMs = options.baseDelayMs ?? 50;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
  }

  add(key: string): void {
    if (this.disposed) return;
    if (this.processing.has(key)) {
      this.dirtyWhileProcessing.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    if (this.workers < (this.options.concurrency ?? 1)) void this.run();
  }

  /** Adds the key after `ms`; of two delays pending for one key, the earlier wins. */
  addAfter(key: string, ms: number): void {
    if (this.disposed) return;
    const due = (this.timers.now ?? Date.now)() + ms;
    const pending = this.delayed.get(key);
    if (pending) {
      if (pending.due <= due) return;
      this.timers.clearTimeout(pending.handle);
    }
    const handle = this.timers.setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, ms);
    this.delayed.set(key, { handle, due });
  }

  /** Resolves when nothing is queued or being processed (delayed keys do not count). */
  idle(): Promise<void> {
    if (this.workers === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    for (const { handle } of this.delayed.values()) this.timers.clearTimeout(handle);
    this.delayed.clear();
    this.queue.length = 0;
    this.queued.clear();
  }

  private async run(): Promise<void> {
    this.workers++;
    while (this.queue.length > 0 && !this.disposed) {
      const key = this.queue.shift()!;
      this.queued.delete(key);
      this.processing.add(key);
      try {
        const again = await this.process(key);
        this.failures.delete(key);
        if (typeof again === 'number') this.addAfter(key, again);
      } catch (err) {
        // work that was running when the queue was disposed (Skiff stopping) fails on the closed store: nobody
        // retries it, and the next start reconciles from what is stored, so it is not reported
        if (this.disposed) continue;
        const count = (this.failures.get(key) ?? 0) + 1;
        this.failures.set(key, count);
        this.options.onError?.(key, err);
        this.addAfter(key, Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (count - 1)));
      } finally {
        this.processing.delete(key);
        if (this.dirtyWhileProcessing.delete(key)) this.add(key);
      }
    }
    this.workers--;
    if (this.workers > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
