import { useState } from 'react';
import type { ObjectRef } from './events-filter';
import type { TimelineEntry } from './events-timeline';
import type { RolloutSpan } from './rollout-spans';
import { RolloutSpanItem } from './RolloutSpanItem';
import { TimelineEvent } from './TimelineEvent';

/**
 * Open unless the reader closed it: rollouts still moving or failed, each Deployment's latest, and every one
 * while a filter is on (the reader asked to see those events).
 */
const openByDefault = (span: RolloutSpan, latest: Set<string>, filtering: boolean) =>
  filtering || span.outcome === 'in-progress' || span.outcome === 'failed' || latest.has(span.id);

/** Newest first: each rollout a group with its events inside, loose events between them. */
export function EventsTimeline({
  entries,
  latest,
  filtering,
  empty,
  now,
  onFilterObject,
}: {
  entries: TimelineEntry[];
  /** ids of each Deployment's newest rollout */
  latest: Set<string>;
  filtering: boolean;
  empty: string;
  now: number;
  onFilterObject: (object: ObjectRef) => void;
}) {
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  if (entries.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ol className="timeline" aria-label="Timeline">
      {entries.map((entry) => {
        if (entry.type === 'event')
          return (
            <TimelineEvent
              key={entry.event.metadata.uid ?? entry.event.metadata.name}
              event={entry.event}
              now={now}
              onFilterObject={onFilterObject}
            />
          );
        const { span } = entry;
        const open = toggled[span.id] ?? openByDefault(span, latest, filtering);
        return (
          <RolloutSpanItem
            key={span.id}
            span={span}
            events={entry.events}
            open={open}
            onToggle={() => setToggled({ ...toggled, [span.id]: !open })}
            filtering={filtering}
            now={now}
            onFilterObject={onFilterObject}
          />
        );
      })}
    </ol>
  );
}
