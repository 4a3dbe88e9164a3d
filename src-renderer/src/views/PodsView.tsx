import { useEffect, useMemo, useState } from 'react';
import { summarizePod } from '@shared/pod-display';
import type { Pod } from '@shared/pod-types';
import { collectionPath, podType } from '@shared/resource-types';
import { useKubeList } from '../api/use-kube-list';
import { ErrorNotice } from '../components/ErrorNotice';
import { PodDetail } from '../components/PodDetail';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { useNow } from '../state/use-now';
import { DeleteButton } from '../undo/DeleteButton';

const STATES = ['All', 'Running', 'Pending', 'Succeeded', 'Failed'] as const;

function statusClass(status: string): string {
  if (status === 'Running' || status === 'Completed') return 'ok';
  if (/Err|BackOff|Error|OOMKilled|Failed|Unknown/.test(status)) return 'bad';
  return 'warn';
}

export function PodsView({ namespace, focus }: { namespace: string; focus?: string }) {
  const now = useNow();
  const { data, error, isPending } = useKubeList<Pod>(collectionPath(podType, namespace || undefined));
  const [search, setSearch] = useState('');
  const [state, setState] = useState<(typeof STATES)[number]>('All');
  const [selected, setSelected] = useState<string | undefined>();
  const chosen = (data?.items ?? []).find((p) => p.metadata.uid === selected);
  const focused = (data?.items ?? []).find((p) => p.metadata.name === focus);
  useEffect(() => {
    if (focused) setSelected(focused.metadata.uid);
  }, [focused?.metadata.uid]); // eslint-disable-line react-hooks/exhaustive-deps
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (data?.items ?? []).filter(
      (pod) =>
        (state === 'All' || pod.status?.phase === state) &&
        (!needle || (pod.metadata.name ?? '').toLowerCase().includes(needle)),
    );
  }, [data, search, state]);
  const columns: Column<Pod>[] = [
    {
      header: 'Name',
      cell: (pod) => (
        <button type="button" className="link-button" onClick={() => setSelected(pod.metadata.uid)}>
          {pod.metadata.name}
        </button>
      ),
    },
    ...(namespace ? [] : [{ header: 'Namespace', cell: (pod: Pod) => pod.metadata.namespace }]),
    { header: 'Ready', cell: (pod) => summarizePod(pod).ready, width: '5em' },
    {
      header: 'Status',
      cell: (pod) => {
        const { status } = summarizePod(pod);
        return <span className={`pod-status pod-status-${statusClass(status)}`}>{status}</span>;
      },
    },
    {
      header: 'Restarts',
      cell: (pod) => {
        const { restarts, lastRestart } = summarizePod(pod);
        return lastRestart ? `${restarts} (${formatAge(lastRestart, now)} ago)` : restarts;
      },
      width: '8em',
    },
    { header: 'Age', cell: (pod) => formatAge(pod.metadata.creationTimestamp, now), width: '5em' },
    { header: 'IP', cell: (pod) => pod.status?.podIP ?? '', width: '9em' },
    { header: 'Node', cell: (pod) => pod.spec.nodeName ?? '', width: '6em' },
    { header: 'Actions', cell: (pod) => <DeleteButton object={pod} type={podType} />, width: '6em' },
  ];
  return (
    <section aria-labelledby="pods-title">
      <h1 id="pods-title">Pods</h1>
      <div className="filters">
        <label>
          Search
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="pod name"
            aria-label="Search pods"
          />
        </label>
        <label>
          State
          <select
            value={state}
            onChange={(e) => setState(e.target.value as (typeof STATES)[number])}
            aria-label="Pod state"
          >
            {STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNotice error={error} />
      {isPending ? (
        <p>Loading…</p>
      ) : (
        <ResourceTable label="Pods" items={rows} columns={columns} empty="No pods here." />
      )}
      {chosen && <PodDetail key={chosen.metadata.uid} pod={chosen} now={now} />}
    </section>
  );
}
