import { useMemo } from 'react';
import type { KubeEvent } from '@shared/pod-types';
import { eventType } from '@shared/resource-types';
import { useKubeList, type KubeListResult } from '../api/use-kube-list';
import { objectOf, sameObject, type ObjectRef } from './events-filter';

/** Whether an event is about the object; a cluster-scoped object's events may sit in any namespace. */
function about(e: KubeEvent, object: ObjectRef): boolean {
  if (object.namespace !== undefined) return sameObject(objectOf(e), object);
  return (
    e.involvedObject.kind === object.kind &&
    e.involvedObject.name === object.name &&
    !e.involvedObject.namespace
  );
}

/**
 * The events about one object, from the one shared list of events (no watch of its own: a field-selected watch
 * per open object would be another cache of the same events).
 */
export function useObjectEvents(object: ObjectRef): KubeListResult<KubeEvent> {
  const events = useKubeList<KubeEvent>(eventType, object.namespace);
  const { kind, name, namespace } = object;
  const data = useMemo(
    () =>
      events.data && {
        ...events.data,
        items: events.data.items.filter((e) => about(e, { kind, name, namespace })),
      },
    [events.data, kind, name, namespace],
  );
  return { ...events, data };
}
