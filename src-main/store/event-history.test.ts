import { describe, expect, it } from 'vitest';
import { EventHistory, approximateBytes, type StoreEvent } from './event-history';

const event = (rv: number, data = ''): StoreEvent => ({
  rv,
  type: 'MODIFIED',
  key: 'k',
  object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { d: data } } as never,
});

describe('EventHistory', () => {
  it('keeps the last `capacity` events and answers undefined (410) for older resourceVersions', () => {
    const history = new EventHistory(0, 3);
    for (let rv = 1; rv <= 5; rv++) history.push(event(rv));
    expect(history.since(2)?.map((e) => e.rv)).toEqual([3, 4, 5]);
    expect(history.since(1)).toBeUndefined();
  });

  it('also keeps no more bytes than its budget: big objects shorten the window, the newest is always held', () => {
    const history = new EventHistory(0, 10_000, 3_000_000);
    for (let rv = 1; rv <= 5; rv++) history.push(event(rv, 'x'.repeat(1_000_000)));
    expect(history.since(3)?.map((e) => e.rv)).toEqual([4, 5]);
    expect(history.since(2)).toBeUndefined();
    const huge = new EventHistory(0, 10_000, 10);
    huge.push(event(1, 'x'.repeat(100)));
    expect(huge.since(0)?.map((e) => e.rv)).toEqual([1]);
  });

  it('counts an object by its strings, without recursing', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(approximateBytes(deep)).toBeGreaterThan(100_000);
    expect(approximateBytes({ s: 'x'.repeat(1000) })).toBeGreaterThan(1000);
  });
});
