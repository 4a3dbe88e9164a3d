import { describe, expect, it, vi } from 'vitest';
import { SharedWatches } from './shared-watch';

describe('SharedWatches', () => {
  it('starts one watch per key for any number of users and stops it when the last one leaves', () => {
    const watches = new SharedWatches();
    const stop = vi.fn();
    const start = vi.fn(() => stop);
    const leaveA = watches.join('/api/v1/pods', start);
    const leaveB = watches.join('/api/v1/pods', start);
    expect(start).toHaveBeenCalledTimes(1);
    leaveA();
    expect(stop).not.toHaveBeenCalled();
    leaveB();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(watches.keys()).toEqual([]);
  });

  it('leaving twice counts once', () => {
    const watches = new SharedWatches();
    const stop = vi.fn();
    const leaveA = watches.join('k', () => stop);
    watches.join('k', () => stop);
    leaveA();
    leaveA();
    expect(stop).not.toHaveBeenCalled();
    expect(watches.keys()).toEqual(['k']);
  });

  it('a key watched again after its stop starts afresh', () => {
    const watches = new SharedWatches();
    const start = vi.fn(() => () => undefined);
    watches.join('k', start)();
    watches.join('k', start);
    expect(start).toHaveBeenCalledTimes(2);
  });
});
