import type { KubeEvent } from '@shared/pod-types';

/** An object events are about, as the object filter names it. */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

export interface EventFilter {
  warningsOnly: boolean;
  kind: string; // '' for every kind
  reason: string; // '' for every reason
  object?: ObjectRef;
  text: string; // matched against reason, object name and message
}

export const NO_FILTER: EventFilter = { warningsOnly: false, kind: '', reason: '', text: '' };

export const isFiltering = (f: EventFilter): boolean =>
  f.warningsOnly || f.kind !== '' || f.reason !== '' || f.object !== undefined || f.text.trim() !== '';

const when = (e: KubeEvent) => Date.parse(e.lastTimestamp ?? e.metadata.creationTimestamp ?? '') || 0;

/** The object an event is about. */
export const objectOf = (e: KubeEvent): ObjectRef => ({
  kind: e.involvedObject.kind ?? '',
  namespace: e.involvedObject.namespace ?? e.metadata.namespace,
  name: e.involvedObject.name ?? '',
});

export const sameObject = (a: ObjectRef, b: ObjectRef): boolean =>
  a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');

/** `deployment/web`, as kubectl names objects. */
export const objectLabel = (o: ObjectRef): string => `${o.kind.toLowerCase()}/${o.name}`;

export function eventMatches(e: KubeEvent, filter: EventFilter): boolean {
  const needle = filter.text.trim().toLowerCase();
  return (
    (!filter.warningsOnly || e.type === 'Warning') &&
    (!filter.kind || e.involvedObject.kind === filter.kind) &&
    (!filter.reason || e.reason === filter.reason) &&
    (!filter.object || sameObject(objectOf(e), filter.object)) &&
    (!needle ||
      [e.reason, e.involvedObject.name, e.message].some((field) =>
        (field ?? '').toLowerCase().includes(needle),
      ))
  );
}

/** The events a filter keeps, newest first. */
export function filterEvents(events: KubeEvent[], filter: EventFilter): KubeEvent[] {
  return events.filter((e) => eventMatches(e, filter)).sort((a, b) => when(b) - when(a));
}

const distinct = (values: (string | undefined)[]) =>
  [...new Set(values.filter((v): v is string => !!v))].sort();

/** The kinds events are about, for the filter's choices. */
export const kindsOf = (events: KubeEvent[]): string[] => distinct(events.map((e) => e.involvedObject.kind));

/** The reasons present, for the filter's choices. */
export const reasonsOf = (events: KubeEvent[]): string[] => distinct(events.map((e) => e.reason));
