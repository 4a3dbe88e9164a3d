import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '@shared/pod-types';
import { firstSeen, lastSeen, time } from './event-times';

const event = (stamps: Partial<KubeEvent>, created?: string): KubeEvent => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'e', creationTimestamp: created },
  involvedObject: {},
  ...stamps,
});

describe('event times', () => {
  it('reads the first and last occurrence, falling back to what the event has', () => {
    const repeated = event({ firstTimestamp: '2026-11-23T10:00:00Z', lastTimestamp: '2026-11-23T10:05:00Z' });
    expect(firstSeen(repeated)).toBe(Date.parse('2026-11-23T10:00:00Z'));
    expect(lastSeen(repeated)).toBe(Date.parse('2026-11-23T10:05:00Z'));
    const bare = event({}, '2026-11-23T11:00:00Z');
    expect([firstSeen(bare), lastSeen(bare)]).toEqual([
      Date.parse('2026-11-23T11:00:00Z'),
      Date.parse('2026-11-23T11:00:00Z'),
    ]);
    expect(lastSeen(event({}))).toBe(0);
    expect(time('not a time')).toBeUndefined();
  });
});
