import { Fragment, useEffect, useMemo, useRef } from 'react';
import type { KubeObject } from '@shared/api-types';
import { useKubeList } from '../api/use-kube-list';
import { EditYaml } from '../components/EditYaml';
import { formatAge } from '../components/format-age';
import { useNow } from '../state/use-now';
import { EventsTimeline } from '../views/EventsTimeline';
import { NO_FILTER } from '../views/events-filter';
import { timelineEntries } from '../views/events-timeline';
import { rolloutTimeline } from '../views/rollout-spans';
import { useObjectEvents } from '../views/use-object-events';
import type { DiscoveredKind } from './discovered-kinds';
import { notEnforcedReason } from './enforcement';
import { NotEnforcedBadge } from './NotEnforcedBadge';
import { cellText, rowKey } from './printed-rows';
import { QuotaBars } from './QuotaBars';
import { usePrintedTable } from './use-printed-table';

function Labels({ values }: { values: Record<string, string> | undefined }) {
  const entries = Object.entries(values ?? {});
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="label-list">
      {entries.map(([k, v]) => (
        <li key={k}>
          <code>
            {k}={v}
          </code>
        </li>
      ))}
    </ul>
  );
}

/**
 * One object of any kind: what the server prints for it (every column, `-o wide`'s too), its metadata, Edit
 * YAML, and the events about it as a timeline; a quota's use as bars, and a note where Skiff does not enforce
 * the kind. Live from the kind's shared watch.
 */
export function KindDetail({
  kind,
  namespace,
  name,
}: {
  kind: DiscoveredKind;
  namespace: string | undefined;
  name: string;
}) {
  const now = useNow();
  const section = useRef<HTMLElement>(null);
  // opened from a row of a long table above it: bring it into view
  useEffect(() => section.current?.scrollIntoView({ block: 'nearest' }), [kind, namespace, name]);
  const list = useKubeList<KubeObject>(kind);
  const all = list.data?.items;
  const object = all?.find(
    (o) => o.metadata.name === name && (o.metadata.namespace ?? undefined) === namespace,
  );
  const printed = usePrintedTable(kind, all);
  const events = useObjectEvents({ kind: kind.kind, namespace, name });
  const entries = useMemo(
    () =>
      timelineEntries(
        rolloutTimeline({ deployments: [], replicaSets: [], pods: [], events: events.data?.items ?? [] }),
        NO_FILTER,
        now,
      ),
    [events.data, now],
  );
  const title = `${kind.kind} ${name}`;
  if (!object)
    return (
      <section aria-label={title} className="detail" ref={section}>
        <h2>{name}</h2>
        <p className="hint">{list.isPending ? 'Loading…' : `${title} does not exist (any more).`}</p>
      </section>
    );
  const cells = printed.rows.get(rowKey(object.metadata))?.cells;
  const reason = notEnforcedReason(kind.group, kind.kind);
  return (
    <section aria-label={title} className="detail" ref={section}>
      <h2>
        {name} <NotEnforcedBadge group={kind.group} kind={kind.kind} />
      </h2>
      {reason && <p className="hint">{reason}</p>}
      <div className="actions">
        <EditYaml object={object} type={kind} />
      </div>
      <dl className="details-grid" aria-label="Details">
        <dt>Kind</dt>
        <dd>
          {kind.kind} ({kind.group ? `${kind.group}/${kind.version}` : kind.version})
        </dd>
        {object.metadata.namespace && (
          <>
            <dt>Namespace</dt>
            <dd>{object.metadata.namespace}</dd>
          </>
        )}
        <dt>Age</dt>
        <dd>{formatAge(object.metadata.creationTimestamp, now)}</dd>
        {(printed.columns ?? []).map((c, i) =>
          c.name === 'Name' || c.name === 'Age' ? null : (
            <Fragment key={c.name}>
              <dt title={c.description}>{c.name}</dt>
              <dd>{cells ? cellText(cells[i]) : '…'}</dd>
            </Fragment>
          ),
        )}
        <dt>Labels</dt>
        <dd>
          <Labels values={object.metadata.labels} />
        </dd>
        <dt>Annotations</dt>
        <dd>
          <Labels values={object.metadata.annotations} />
        </dd>
        {(object.metadata.ownerReferences ?? []).length > 0 && (
          <>
            <dt>Owned by</dt>
            <dd>{object.metadata.ownerReferences!.map((r) => `${r.kind}/${r.name}`).join(', ')}</dd>
          </>
        )}
      </dl>
      {kind.group === '' && kind.kind === 'ResourceQuota' && (
        <QuotaBars quota={object as Parameters<typeof QuotaBars>[0]['quota']} />
      )}
      <h3>Events</h3>
      <EventsTimeline
        entries={entries}
        latest={new Set()}
        filtering={false}
        empty={`No events about ${title}.`}
        now={now}
        onFilterObject={() => undefined}
      />
    </section>
  );
}
