import type { KubeObject } from '@shared/api-types';
import { formatAge } from '../components/format-age';
import { useObjectEvents } from '../views/use-object-events';

/** An object's events, newest first, warnings marked: the Events tab of any object page. */
export function ObjectEvents({ kind, object, now }: { kind: string; object: KubeObject; now: number }) {
  const events = useObjectEvents({
    kind,
    name: object.metadata.name ?? '',
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
  });
  const at = (e: { lastTimestamp?: string; metadata: { creationTimestamp?: string } }) =>
    e.lastTimestamp ?? e.metadata.creationTimestamp ?? '';
  const items = [...(events.data?.items ?? [])].sort((a, b) => at(b).localeCompare(at(a)));
  if (items.length === 0) return <p className="empty">No events about this {kind}.</p>;
  return (
    <ul className="plain-list event-list" aria-label={`Events of ${kind} ${object.metadata.name}`}>
      {items.map((e) => (
        <li key={e.metadata.uid} className={e.type === 'Warning' ? 'pod-status-warn' : undefined}>
          <span className="event-age">{formatAge(at(e), now)}</span> <strong>{e.reason}</strong> {e.message}
        </li>
      ))}
    </ul>
  );
}
