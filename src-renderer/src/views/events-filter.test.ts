import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '@shared/pod-types';
import { NO_FILTER, filterEvents, isFiltering, kindsOf, objectLabel, reasonsOf } from './events-filter';

const event = (
  name: string,
  type: 'Normal' | 'Warning',
  kind: string,
  reason: string,
  at: string,
  object = `${kind.toLowerCase()}-1`,
): KubeEvent => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, uid: name, namespace: 'shop' },
  involvedObject: { kind, name: object, namespace: 'shop' },
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
    event('d', 'Normal', 'Pod', 'Started', '2026-11-23T10:03:00Z', 'pod-2'),
  ];
  const names = (filter: Partial<typeof NO_FILTER>) =>
    filterEvents(events, { ...NO_FILTER, ...filter }).map((e) => e.metadata.name);

  it('keeps warnings of a kind, matching text, newest first', () => {
    expect(names({ warningsOnly: true })).toEqual(['b', 'c']);
    expect(names({ kind: 'Pod' })).toEqual(['d', 'b', 'a']);
    expect(names({ text: 'rolled' })).toEqual(['c']);
    expect(kindsOf(events)).toEqual(['Deployment', 'Pod']);
  });

  it('keeps one reason, or one object (same kind, namespace and name)', () => {
    expect(names({ reason: 'Started' })).toEqual(['d', 'a']);
    expect(names({ object: { kind: 'Pod', namespace: 'shop', name: 'pod-1' } })).toEqual(['b', 'a']);
    expect(names({ object: { kind: 'Pod', namespace: 'other', name: 'pod-1' } })).toEqual([]);
    expect(names({ reason: 'Started', object: { kind: 'Pod', namespace: 'shop', name: 'pod-2' } })).toEqual([
      'd',
    ]);
    expect(reasonsOf(events)).toEqual(['BackOff', 'RolledBack', 'Started']);
  });

  it('says whether anything is filtered, and names objects as kubectl does', () => {
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(isFiltering({ ...NO_FILTER, text: '  ' })).toBe(false);
    expect(isFiltering({ ...NO_FILTER, reason: 'Started' })).toBe(true);
    expect(objectLabel({ kind: 'Deployment', name: 'web' })).toBe('deployment/web');
  });
});
