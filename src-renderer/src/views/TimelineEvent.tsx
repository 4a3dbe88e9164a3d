import type { KubeEvent } from '@shared/pod-types';
import { formatAge } from '../components/format-age';
import { objectOf, type ObjectRef } from './events-filter';
import { ObjectButton } from './ObjectButton';

/** One event on the timeline: when, what, about which object (a click filters to it), how often. */
export function TimelineEvent({
  event,
  now,
  onFilterObject,
}: {
  event: KubeEvent;
  now: number;
  onFilterObject: (object: ObjectRef) => void;
}) {
  const seen = event.lastTimestamp ?? event.metadata.creationTimestamp;
  const warning = event.type === 'Warning';
  return (
    <li className={warning ? 'timeline-event timeline-warning' : 'timeline-event'} data-reason={event.reason}>
      <time dateTime={seen} title={seen}>
        {formatAge(seen, now)}
      </time>{' '}
      {warning && <span className="badge badge-warning">Warning</span>} <strong>{event.reason}</strong>{' '}
      <ObjectButton object={objectOf(event)} onFilter={onFilterObject} />{' '}
      <span className="timeline-message">{event.message}</span>
      {(event.count ?? 1) > 1 && <span className="muted"> ×{event.count}</span>}
    </li>
  );
}
