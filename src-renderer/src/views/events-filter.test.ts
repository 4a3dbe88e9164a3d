import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '@shared/pod-types';
import { filterEvents, kindsOf } from './events-filter';

const event = (
  name: string,
  type: 'Normal' | 'Warning',
  kind: string,
  reason: string,
  at: string,
): KubeEvent => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, uid: name },
  involvedObject: { kind, name: `${kind.toLowerCase()}-1` },
  type,
  reason,
  message: `${reason} happened`,
  lastTimestamp: at,
});

describe('filterEvents', () => {
  const events = [
    event('a', 'Normal', 'Pod', 'Started', '2026-11-23T10:00:00Z'),
    event('b', 'Warning', 'Pod', 'BackOff', '2026-11-23T10:02:00Z'),
    event('c', 'Warning', 'Deployment', 'RolledBack', '2026-11-23T10:01:00Z'),
  ];
  it('keeps warnings of a kind, matching text, newest first', () => {
    expect(
      filterEvents(events, { warningsOnly: true, kind: '', text: '' }).map((e) => e.metadata.name),
    ).toEqual(['b', 'c']);
    expect(
      filterEvents(events, { warningsOnly: false, kind: 'Pod', text: '' }).map((e) => e.metadata.name),
    ).toEqual(['b', 'a']);
    expect(
      filterEvents(events, { warningsOnly: false, kind: '', text: 'rolled' }).map((e) => e.metadata.name),
    ).toEqual(['c']);
    expect(kindsOf(events)).toEqual(['Deployment', 'Pod']);
  });
});
