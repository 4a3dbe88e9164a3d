import { describe, expect, it } from 'vitest';
import type { KubeEvent } from '@shared/pod-types';
import { NO_FILTER } from './events-filter';
import { formatDuration, spanTitle, timelineEntries } from './events-timeline';
import type { RolloutSpan } from './rollout-spans';

const T0 = Date.parse('2026-11-23T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

const event = (
  name: string,
  reason: string,
  seconds: number,
  type: 'Normal' | 'Warning' = 'Normal',
): KubeEvent => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name, namespace: 'shop' },
  involvedObject: { kind: 'Pod', name: `pod-${name}`, namespace: 'shop' },
  reason,
  message: `${reason} happened`,
  type,
  lastTimestamp: at(seconds),
});

const span = (revision: number, start: number, more: Partial<RolloutSpan> = {}): RolloutSpan => ({
  id: `shop/web/${revision}`,
  namespace: 'shop',
  deployment: 'web',
  revision,
  replicaSet: `web-${revision}`,
  start: T0 + start * 1000,
  outcome: 'done',
  events: [],
  ...more,
});

const shape = (entries: ReturnType<typeof timelineEntries>) =>
  entries.map((e) =>
    e.type === 'span' ? `rev ${e.span.revision}: ${e.events.map((x) => x.reason).join(',')}` : e.event.reason,
  );

describe('timelineEntries', () => {
  const done = span(1, 0, {
    end: T0 + 12_000,
    events: [event('a', 'Started', 10), event('b', 'Scheduled', 2)],
  });
  const failed = span(2, 100, {
    outcome: 'failed',
    end: T0 + 160_000,
    reason: 'progress deadline exceeded',
    events: [event('c', 'BackOff', 150, 'Warning'), event('d', 'Pulling', 101)],
  });
  const timeline = {
    spans: [done, failed],
    loose: [event('e', 'Unhealthy', 200, 'Warning'), event('f', 'Killed', 50)],
  };

  it('puts rollouts and loose events newest first, a rollout at its outcome', () => {
    expect(shape(timelineEntries(timeline, NO_FILTER, T0))).toEqual([
      'Unhealthy',
      'rev 2: BackOff,Pulling',
      'Killed',
      'rev 1: Started,Scheduled',
    ]);
  });

  it('keeps a rollout in progress on top, and rollouts that ended together newest first', () => {
    const moving = span(3, 170, { outcome: 'in-progress' });
    const back = span(4, 160, { end: T0 + 160_000 }); // done in the second revision 2 ended
    const entries = timelineEntries(
      { ...timeline, spans: [done, failed, moving, back] },
      NO_FILTER,
      T0 + 300_000,
    );
    expect(shape(entries)).toEqual([
      'rev 3: ',
      'Unhealthy',
      'rev 4: ',
      'rev 2: BackOff,Pulling',
      'Killed',
      'rev 1: Started,Scheduled',
    ]);
  });

  it('narrows events and keeps a rollout while it or any of its events match', () => {
    expect(shape(timelineEntries(timeline, { ...NO_FILTER, warningsOnly: true }, T0))).toEqual([
      'Unhealthy',
      'rev 2: BackOff',
    ]);
    expect(shape(timelineEntries(timeline, { ...NO_FILTER, reason: 'Started' }, T0))).toEqual([
      'rev 1: Started',
    ]);
    // a rollout matches an object filter on its Deployment, showing the events that match too (none here)
    const onDeployment = { ...NO_FILTER, object: { kind: 'Deployment', namespace: 'shop', name: 'web' } };
    expect(shape(timelineEntries(timeline, onDeployment, T0))).toEqual(['rev 2: ', 'rev 1: ']);
    expect(shape(timelineEntries(timeline, { ...NO_FILTER, text: 'revision 2' }, T0))).toEqual(['rev 2: ']);
    expect(shape(timelineEntries(timeline, { ...NO_FILTER, kind: 'Service' }, T0))).toEqual([]);
  });
});

describe('spanTitle', () => {
  it('says what rolled out and how it went', () => {
    expect(spanTitle(span(3, 0, { end: T0 + 12_000 }), T0)).toBe('deployment/web revision 3 — done in 12 s');
    expect(spanTitle(span(3, 0, { end: undefined }), T0)).toBe('deployment/web revision 3 — done');
    expect(
      spanTitle(
        span(4, 0, { outcome: 'failed', end: T0 + 65_000, reason: 'progress deadline exceeded' }),
        T0,
      ),
    ).toBe('deployment/web revision 4 — failed after 1 min 5 s: progress deadline exceeded');
    expect(spanTitle(span(5, 0, { outcome: 'in-progress' }), T0 + 30_000)).toBe(
      'deployment/web revision 5 — in progress for 30 s',
    );
    expect(spanTitle(span(6, 0, { outcome: 'rolled-back', end: T0 + 3000, rollbackTo: 2 }), T0)).toBe(
      'deployment/web revision 6 (back to revision 2) — rolled back after 3 s',
    );
    expect(spanTitle(span(7, 0, { outcome: 'replaced', end: T0 + 1000 }), T0)).toBe(
      'deployment/web revision 7 — replaced by a newer revision after 1 s',
    );
  });

  it('formats durations for people', () => {
    expect([0, 59_400, 60_000, 3_599_000, 3_600_000, 7_380_000].map(formatDuration)).toEqual([
      '0 s',
      '59 s',
      '1 min',
      '59 min 59 s',
      '1 h',
      '2 h 3 min',
    ]);
  });
});
