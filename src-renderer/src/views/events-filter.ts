import type { KubeEvent } from '@shared/pod-types';

export interface EventFilter {
  warningsOnly: boolean;
  kind: string; // '' for every kind
  text: string; // matched against reason, object name and message
}

const when = (e: KubeEvent) => Date.parse(e.lastTimestamp ?? e.metadata.creationTimestamp ?? '') || 0;

/** The events a filter keeps, newest first. */
export function filterEvents(events: KubeEvent[], filter: EventFilter): KubeEvent[] {
  const needle = filter.text.trim().toLowerCase();
  return events
    .filter((e) => !filter.warningsOnly || e.type === 'Warning')
    .filter((e) => !filter.kind || e.involvedObject.kind === filter.kind)
    .filter(
      (e) =>
        !needle ||
        [e.reason, e.involvedObject.name, e.message].some((field) =>
          (field ?? '').toLowerCase().includes(needle),
        ),
    )
    .sort((a, b) => when(b) - when(a));
}

/** The kinds events are about, for the filter's choices. */
export function kindsOf(events: KubeEvent[]): string[] {
  return [...new Set(events.map((e) => e.involvedObject.kind ?? '').filter(Boolean))].sort();
}
