import { useId } from 'react';
import type { KubeEvent } from '@shared/pod-types';
import type { ObjectRef } from './events-filter';
import { OUTCOME_LABELS, spanTitle } from './events-timeline';
import type { RolloutSpan } from './rollout-spans';
import { TimelineEvent } from './TimelineEvent';

/** A Deployment's rollout as one collapsible group: title, outcome, progress, and the events inside it. */
export function RolloutSpanItem({
  span,
  events,
  open,
  onToggle,
  filtering,
  now,
  onFilterObject,
}: {
  span: RolloutSpan;
  events: KubeEvent[];
  open: boolean;
  onToggle: () => void;
  filtering: boolean;
  now: number;
  onFilterObject: (object: ObjectRef) => void;
}) {
  const titleId = useId();
  const listId = useId();
  const title = spanTitle(span, now);
  const { progress } = span;
  return (
    <li className={`timeline-span outcome-${span.outcome}`}>
      <div role="group" aria-labelledby={titleId}>
        <div className="timeline-span-header">
          <button
            type="button"
            className="link-button"
            aria-expanded={open}
            aria-controls={listId}
            onClick={onToggle}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> <span id={titleId}>{title}</span>
          </button>
          <span className={`badge outcome-badge outcome-${span.outcome}`}>
            {OUTCOME_LABELS[span.outcome]}
          </span>
        </div>
        {progress && (
          <div className="timeline-progress">
            <progress
              aria-label={`Progress of deployment/${span.deployment} revision ${span.revision}`}
              max={progress.desired}
              value={Math.min(progress.updated, progress.desired)}
            />
            <span>
              {progress.updated} of {progress.desired} updated, {progress.ready} ready
            </span>
          </div>
        )}
        <div id={listId} hidden={!open}>
          {open &&
            (events.length > 0 ? (
              <ol
                className="timeline-events"
                aria-label={`Events of deployment/${span.deployment} revision ${span.revision}`}
              >
                {events.map((e) => (
                  <TimelineEvent
                    key={e.metadata.uid ?? e.metadata.name}
                    event={e}
                    now={now}
                    onFilterObject={onFilterObject}
                  />
                ))}
              </ol>
            ) : (
              <p className="muted">
                {filtering ? 'No event in it matches the filter.' : 'No events recorded.'}
              </p>
            ))}
        </div>
      </div>
    </li>
  );
}
