import type { KubeEvent } from '@shared/pod-types';
import { eventMatches, isFiltering, sameObject, type EventFilter } from './events-filter';
import { lastSeen } from './event-times';
import type { RolloutSpan, Timeline } from './rollout-spans';

export type TimelineEntry =
  | { type: 'span'; span: RolloutSpan; events: KubeEvent[]; at: number }
  | { type: 'event'; event: KubeEvent; at: number };

/**
 * Where a rollout sits on a newest-first timeline: at its outcome, or on top while it is still moving. Not at
 * its latest event, so each Deployment's rollouts keep their order even when an old pod is stopped late.
 */
const anchorOf = (span: RolloutSpan, now: number) =>
  span.outcome === 'in-progress' ? Math.max(now, span.start) : (span.end ?? span.start);

const troubled = (span: RolloutSpan) =>
  span.outcome === 'failed' || span.outcome === 'rolled-back' || span.reason === 'pods crash-looping';

/** Whether a filter keeps a rollout for what it is (not for its events): a Deployment, maybe in trouble. */
function spanMatches(span: RolloutSpan, filter: EventFilter, now: number): boolean {
  const needle = filter.text.trim().toLowerCase();
  const object = { kind: 'Deployment', namespace: span.namespace, name: span.deployment };
  return (
    (!filter.warningsOnly || troubled(span)) &&
    (!filter.kind || filter.kind === 'Deployment') &&
    !filter.reason &&
    (!filter.object || sameObject(object, filter.object)) &&
    (!needle || spanTitle(span, now).toLowerCase().includes(needle))
  );
}

/**
 * Rollouts and loose events, newest first. A filter narrows the events; a rollout stays while it matches the
 * filter itself or any of its events do, and then shows only the events that match.
 */
export function timelineEntries(timeline: Timeline, filter: EventFilter, now: number): TimelineEntry[] {
  const filtering = isFiltering(filter);
  const entries: TimelineEntry[] = [];
  for (const span of timeline.spans) {
    const events = span.events.filter((e) => eventMatches(e, filter));
    if (!filtering || events.length > 0 || spanMatches(span, filter, now))
      entries.push({ type: 'span', span, events, at: anchorOf(span, now) });
  }
  for (const event of timeline.loose)
    if (eventMatches(event, filter)) entries.push({ type: 'event', event, at: lastSeen(event) });
  const startOf = (e: TimelineEntry) => (e.type === 'span' ? e.span.start : e.at);
  return entries.sort((a, b) => b.at - a.at || startOf(b) - startOf(a));
}

/** 12 s, 3 min 5 s, 2 h 10 min. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

export const OUTCOME_LABELS: Record<RolloutSpan['outcome'], string> = {
  'in-progress': 'in progress',
  done: 'done',
  failed: 'failed',
  'rolled-back': 'rolled back',
  replaced: 'replaced',
};

/** "deployment/web revision 3 — done in 12 s": what the rollout was and how it went. */
export function spanTitle(span: RolloutSpan, now: number): string {
  const what = `deployment/${span.deployment} revision ${span.revision}${
    span.rollbackTo !== undefined ? ` (back to revision ${span.rollbackTo})` : ''
  }`;
  const took = span.end !== undefined ? formatDuration(span.end - span.start) : undefined;
  const why = span.reason ? `: ${span.reason}` : '';
  switch (span.outcome) {
    case 'in-progress':
      return `${what} — in progress for ${formatDuration(now - span.start)}${why}`;
    case 'done':
      return `${what} — done${took ? ` in ${took}` : ''}`;
    case 'failed':
      return `${what} — failed${took ? ` after ${took}` : ''}${why}`;
    case 'rolled-back':
      return `${what} — rolled back${took ? ` after ${took}` : ''}${why}`;
    case 'replaced':
      return `${what} — replaced by a newer revision${took ? ` after ${took}` : ''}`;
  }
}
