import { useState } from 'react';
import type { KubeEvent } from '@shared/pod-types';
import { collectionPath, eventType } from '@shared/resource-types';
import { useKubeList } from '../api/use-kube-list';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { useNow } from '../state/use-now';
import { filterEvents, kindsOf, type EventFilter } from './events-filter';

/** What happened, newest first: filter by warnings, by the kind of object and by text (reason, name, message). */
export function EventsView({ namespace }: { namespace: string }) {
  const now = useNow();
  const events = useKubeList<KubeEvent>(collectionPath(eventType, namespace || undefined));
  const [filter, setFilter] = useState<EventFilter>({ warningsOnly: false, kind: '', text: '' });
  const all = events.data?.items ?? [];
  const shown = filterEvents(all, filter);
  const columns: Column<KubeEvent>[] = [
    {
      header: 'Last seen',
      cell: (e) => formatAge(e.lastTimestamp ?? e.metadata.creationTimestamp, now),
      width: '6em',
    },
    {
      header: 'Type',
      cell: (e) => <span className={e.type === 'Warning' ? 'pod-status-warn' : undefined}>{e.type}</span>,
      width: '6em',
    },
    { header: 'Reason', cell: (e) => e.reason, width: '12em' },
    {
      header: 'Object',
      cell: (e) => `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name}`,
    },
    { header: 'Message', cell: (e) => e.message },
    { header: 'Count', cell: (e) => e.count ?? 1, width: '4em' },
  ];
  return (
    <section aria-labelledby="events-title">
      <h1 id="events-title">Events</h1>
      <div className="filters">
        <label>
          <input
            type="checkbox"
            checked={filter.warningsOnly}
            onChange={(e) => setFilter({ ...filter, warningsOnly: e.target.checked })}
          />{' '}
          Warnings only
        </label>
        <label>
          Kind
          <select
            aria-label="Event object kind"
            value={filter.kind}
            onChange={(e) => setFilter({ ...filter, kind: e.target.value })}
          >
            <option value="">Every kind</option>
            {kindsOf(all).map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          Search
          <input
            type="search"
            aria-label="Search events"
            placeholder="reason, object or message"
            value={filter.text}
            onChange={(e) => setFilter({ ...filter, text: e.target.value })}
          />
        </label>
      </div>
      <ErrorNotice error={events.error} />
      {events.isPending ? (
        <p>Loading…</p>
      ) : (
        <ResourceTable
          label="Events"
          items={shown}
          columns={columns}
          empty={all.length ? 'No event matches the filter.' : 'Nothing has happened here yet.'}
        />
      )}
    </section>
  );
}
