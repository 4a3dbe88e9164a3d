import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock';

describe('FakeClock', () => {
  it('runs timers in due order at their own time, and only when time passes them', () => {
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 200);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 100);
    const cleared = clock.setTimeout(() => fired.push('never'), 50);
    clock.clearTimeout(cleared);
    clock.advance(99);
    expect(fired).toEqual([]);
    clock.advance(150);
    const start = Date.parse('2026-01-01T00:00:00Z');
    expect(fired).toEqual([`a@${start + 100}`, `b@${start + 200}`]);
    expect(clock.date().toISOString()).toBe('2026-01-01T00:00:00.249Z');
    expect(clock.timersPending).toBe(0);
  });

  it('runs a timer set by a timer when it falls within the same advance', () => {
    const clock = new FakeClock();
    const fired: number[] = [];
    clock.setTimeout(() => clock.setTimeout(() => fired.push(clock.now()), 10), 10);
    clock.advance(30);
    expect(fired).toEqual([new Date('2026-01-01T00:00:00Z').getTime() + 20]);
  });
});
