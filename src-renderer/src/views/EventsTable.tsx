import type { KubeEvent } from '@shared/pod-types';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { objectOf, type ObjectRef } from './events-filter';
import { ObjectButton } from './ObjectButton';

/** The events a filter keeps, one row each, newest first. */
export function EventsTable({
  events,
  empty,
  now,
  onFilterObject,
}: {
  events: KubeEvent[];
  empty: string;
  now: number;
  onFilterObject: (object: ObjectRef) => void;
}) {
  const columns: Column<KubeEvent>[] = [
    {
      header: 'Last seen',
      sortValue: (e) => -Date.parse(e.lastTimestamp ?? e.metadata.creationTimestamp ?? '') || undefined,
      cell: (e) => formatAge(e.lastTimestamp ?? e.metadata.creationTimestamp, now),
      width: '6em',
    },
    {
      header: 'Type',
      cell: (e) => <span className={e.type === 'Warning' ? 'pod-status-warn' : undefined}>{e.type}</span>,
      width: '6em',
    },
    { header: 'Reason', cell: (e) => e.reason, width: '12em' },
    { header: 'Object', cell: (e) => <ObjectButton object={objectOf(e)} onFilter={onFilterObject} /> },
    { header: 'Message', cell: (e) => e.message },
    { header: 'Count', cell: (e) => e.count ?? 1, width: '4em' },
  ];
  return <ResourceTable label="Events" items={events} columns={columns} empty={empty} initialSort={null} />;
}
