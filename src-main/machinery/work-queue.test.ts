import { describe, expect, it } from 'vitest';
import type { Timers } from './clock';
import { WorkQueue } from './work-queue';

function fakeTimers() {
  const pending: Array<{ fn: () => void; ms: number }> = [];
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const entry = { fn, ms };
      pending.push(entry);
      return entry;
    },
    clearTimeout: (handle) => pending.splice(pending.indexOf(handle as never), 1),
  };
  return { timers, pending, fire: () => pending.splice(0).forEach((p) => p.fn()) };
}

describe('WorkQueue', () => {
  it('does not report the failure of work still running when it was disposed', async () => {
    const errors: string[] = [];
    let fail: (err: Error) => void = () => undefined;
    const q = new WorkQueue(() => new Promise((_, reject) => (fail = reject)), {
      onError: (key) => errors.push(key),
    });
    q.add('running');
    await Promise.resolve();
    q.dispose();
    fail(new Error('store: cannot write the journal: file closed'));
    await q.idle();
    expect(errors).toEqual([]);
  });

  it('keeps the earlier of two delays asked for one key', async () => {
    const { timers, pending, fire } = fakeTimers();
    let clock = 0;
    const seen: string[] = [];
    const q = new WorkQueue(async (k) => void seen.push(k), { timers: { ...timers, now: () => clock } });
    q.addAfter('d', 600_000);
    q.addAfter('d', 5_000);
    expect(pending.map((p) => p.ms)).toEqual([5_000]);
    clock = 1_000;
    q.addAfter('d', 10_000); // later than the pending one: ignored
    expect(pending.map((p) => p.ms)).toEqual([5_000]);
    fire();
    await q.idle();
    expect(seen).toEqual(['d']);
  });

  it('de-duplicates a key added while it waits', async () => {
    const seen: string[] = [];
    const q = new WorkQueue(async (k) => void seen.push(k));
    q.add('busy'); // occupies the only worker, so the next adds wait in the queue
    q.add('a');
    q.add('a');
    q.add('b');
    await q.idle();
    expect(seen).toEqual(['busy', 'a', 'b']);
  });

  it('never runs one key twice at once, and runs it again if it changed meanwhile', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let release: () => void = () => {};
    const q = new WorkQueue(
      async () => {
        active++;
        runs++;
        maxActive = Math.max(maxActive, active);
        if (runs === 1) await new Promise<void>((r) => (release = r));
        active--;
      },
      { concurrency: 4 },
    );
    q.add('a');
    await Promise.resolve();
    q.add('a');
    q.add('a');
    release();
    await q.idle();
    await q.idle();
    expect(maxActive).toBe(1);
    expect(runs).toBe(2);
  });

  it('runs different keys in parallel up to the concurrency', async () => {
    let active = 0;
    let maxActive = 0;
    const q = new WorkQueue(
      async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
      },
      { concurrency: 3 },
    );
    for (const k of ['a', 'b', 'c', 'd', 'e']) q.add(k);
    await q.idle();
    expect(maxActive).toBe(3);
  });

  it('retries failures with per-key exponential backoff', async () => {
    const { timers, pending, fire } = fakeTimers();
    let calls = 0;
    const q = new WorkQueue(
      async () => {
        calls++;
        throw new Error('boom');
      },
      { timers, baseDelayMs: 10, maxDelayMs: 35, onError: () => {} },
    );
    q.add('a');
    await q.idle();
    expect(pending.map((p) => p.ms)).toEqual([10]);
    fire();
    await q.idle();
    expect(pending.map((p) => p.ms)).toEqual([20]);
    fire();
    await q.idle();
    expect(pending.map((p) => p.ms)).toEqual([35]);
    expect(calls).toBe(3);
    q.dispose();
    expect(pending).toEqual([]);
  });

  it('calls a key again after the delay it asks for', async () => {
    const { timers, pending } = fakeTimers();
    const q = new WorkQueue(async () => 5000, { timers });
    q.add('a');
    await q.idle();
    expect(pending.map((p) => p.ms)).toEqual([5000]);
  });
});
