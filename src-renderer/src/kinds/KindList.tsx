import { useMemo } from 'react';
import type { KubeObject } from '@shared/api-types';
import { useKubeList } from '../api/use-kube-list';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { useNow } from '../state/use-now';
import type { DiscoveredKind } from './discovered-kinds';
import { NotEnforcedBadge } from './NotEnforcedBadge';
import { cellText, rowKey } from './printed-rows';
import { usePrintedTable } from './use-printed-table';

/**
 * Any kind's objects as `kubectl get` prints them: the server's columns (a CRD's additionalPrinterColumns for
 * custom resources) over the shared list and watch of that kind, in the virtualized table. A name opens the object.
 */
export function KindList({
  kind,
  namespace,
  onOpen,
}: {
  kind: DiscoveredKind;
  namespace: string;
  onOpen: (object: KubeObject) => void;
}) {
  const list = useKubeList<KubeObject>(kind, namespace);
  const all = useKubeList<KubeObject>(kind).data?.items;
  const printed = usePrintedTable(kind, all);
  const now = useNow();
  const items = useMemo(
    () =>
      [...(list.data?.items ?? [])].sort(
        (a, b) =>
          (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
          (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
      ),
    [list.data],
  );
  const showNamespace = kind.namespaced && !namespace;
  const columns = useMemo((): Column<KubeObject>[] => {
    const definitions = (printed.columns ?? [])
      .map((c, i) => ({ ...c, index: i }))
      .filter((c) => c.priority === 0);
    const cellOf = (o: KubeObject, index: number) => printed.rows.get(rowKey(o.metadata))?.cells[index];
    const name: Column<KubeObject> = {
      header: 'Name',
      cell: (o) => (
        <button type="button" className="link-button" onClick={() => onOpen(o)}>
          {o.metadata.name}
        </button>
      ),
    };
    const rest: Column<KubeObject>[] = definitions
      .filter((c) => c.name !== 'Name')
      .map((c) => ({
        header: c.name,
        // ages are kept current here; the server printed them when it was asked
        cell:
          c.name === 'Age'
            ? (o: KubeObject) => formatAge(o.metadata.creationTimestamp, now)
            : (o: KubeObject) => {
                const value = cellOf(o, c.index);
                return value === undefined && !printed.rows.has(rowKey(o.metadata)) ? '…' : cellText(value);
              },
      }));
    return [
      ...(showNamespace
        ? [{ header: 'Namespace', cell: (o: KubeObject) => o.metadata.namespace ?? '' }]
        : []),
      name,
      ...(definitions.length
        ? rest
        : [{ header: 'Age', cell: (o: KubeObject) => formatAge(o.metadata.creationTimestamp, now) }]),
    ];
  }, [printed, showNamespace, onOpen, now]);
  const title = kind.kind;
  return (
    <section aria-labelledby="kind-list-title">
      <h1 id="kind-list-title">
        {title} <NotEnforcedBadge group={kind.group} kind={kind.kind} />
      </h1>
      <p className="hint">
        {kind.plural} · {kind.group ? `${kind.group}/${kind.version}` : kind.version} ·{' '}
        {kind.namespaced ? 'namespaced' : 'cluster-wide'}
      </p>
      <ErrorNotice error={list.error ?? printed.error} />
      {list.isPending ? (
        <p className="hint">Loading…</p>
      ) : (
        <ResourceTable
          label={title}
          items={items}
          columns={columns}
          empty={`No ${title} ${kind.namespaced && namespace ? `in ${namespace}` : 'yet'}.`}
        />
      )}
    </section>
  );
}
