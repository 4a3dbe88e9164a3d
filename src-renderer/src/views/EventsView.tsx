import { useMemo, useState } from 'react';
import type { KubeEvent, Pod } from '@shared/pod-types';
import { deploymentType, eventType, podType, replicaSetType } from '@shared/resource-types';
import type { Deployment, ReplicaSet } from '@shared/workload-types';
import { useKubeList } from '../api/use-kube-list';
import { ErrorNotice } from '../components/ErrorNotice';
import { useNow } from '../state/use-now';
import { EventFilters } from './EventFilters';
import { EventsTable } from './EventsTable';
import { EventsTimeline } from './EventsTimeline';
import { NO_FILTER, filterEvents, isFiltering, type EventFilter } from './events-filter';
import { timelineEntries } from './events-timeline';
import { rolloutTimeline } from './rollout-spans';

type Layout = 'timeline' | 'table';

/**
 * What happened, newest first, as a timeline (each Deployment rollout a span holding its events) or a table;
 * filter by warnings, kind, reason, object and text. Everything is live from the lists' watches.
 */
export function EventsView({ namespace }: { namespace: string }) {
  const now = useNow();
  const ns = namespace || undefined;
  const events = useKubeList<KubeEvent>(eventType, ns);
  const deployments = useKubeList<Deployment>(deploymentType, ns);
  const replicaSets = useKubeList<ReplicaSet>(replicaSetType, ns);
  const pods = useKubeList<Pod>(podType, ns);
  const [filter, setFilter] = useState<EventFilter>(NO_FILTER);
  const [layout, setLayout] = useState<Layout>('timeline');
  const all = useMemo(() => events.data?.items ?? [], [events.data]);
  const timeline = useMemo(
    () =>
      rolloutTimeline({
        deployments: deployments.data?.items ?? [],
        replicaSets: replicaSets.data?.items ?? [],
        pods: pods.data?.items,
        events: all,
      }),
    [all, deployments.data, replicaSets.data, pods.data],
  );
  const latest = useMemo(() => {
    const newest = new Map<string, { id: string; revision: number }>();
    for (const s of timeline.spans) {
      const key = `${s.namespace}/${s.deployment}`;
      if ((newest.get(key)?.revision ?? 0) < s.revision) newest.set(key, s);
    }
    return new Set([...newest.values()].map((s) => s.id));
  }, [timeline]);
  const filterObject = (object: EventFilter['object']) => setFilter({ ...filter, object });
  const empty = all.length ? 'No event matches the filter.' : 'Nothing has happened here yet.';
  return (
    <section aria-labelledby="events-title">
      <h1 id="events-title">Events</h1>
      <div role="radiogroup" aria-label="Events layout" className="layout-switch">
        {(['timeline', 'table'] as const).map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name="events-layout"
              checked={layout === choice}
              onChange={() => setLayout(choice)}
            />{' '}
            {choice === 'timeline' ? 'Timeline' : 'Table'}
          </label>
        ))}
      </div>
      <EventFilters events={all} filter={filter} onChange={setFilter} />
      <ErrorNotice error={events.error ?? deployments.error ?? replicaSets.error ?? pods.error} />
      {events.isPending ? (
        <p>Loading…</p>
      ) : layout === 'table' ? (
        <EventsTable
          events={filterEvents(all, filter)}
          empty={empty}
          now={now}
          onFilterObject={filterObject}
        />
      ) : (
        <EventsTimeline
          entries={timelineEntries(timeline, filter, now)}
          latest={latest}
          filtering={isFiltering(filter)}
          empty={empty}
          now={now}
          onFilterObject={filterObject}
        />
      )}
    </section>
  );
}
