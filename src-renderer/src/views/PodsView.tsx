import { useMemo, useState } from 'react';
import { summarizePod, type PodSummary } from '@shared/pod-display';
import type { Pod } from '@shared/pod-types';
import { podType } from '@shared/resource-types';
import { useKubeList } from '../api/use-kube-list';
import { ErrorNotice } from '../components/ErrorNotice';
import { NotFoundPage } from '../objects/NotFoundPage';
import { PodPage } from '../pages/PodPage';
import { lastOpened } from '../routing/recent-objects';
import { useNavigation } from '../routing/route-context';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { useNow } from '../state/use-now';
import { DeleteButton } from '../undo/DeleteButton';
import { filterPods, POD_STATES, type PodState } from './pod-filter';
import { useRowSelection } from '../state/use-row-selection';
import { NodeLink } from '../nodes/NodeLink';
import { podStatusTone } from '../status/pod-status-tone';

// Three columns read the summary; a pod object is replaced, never changed, on each watch event.
const summaries = new WeakMap<Pod, PodSummary>();
function summaryOf(pod: Pod): PodSummary {
  let summary = summaries.get(pod);
  if (!summary) summaries.set(pod, (summary = summarizePod(pod)));
  return summary;
}

export function PodsView({ namespace }: { namespace: string }) {
  const now = useNow();
  const { data, error, isPending } = useKubeList<Pod>(podType, namespace || undefined);
  const [search, setSearch] = useState('');
  const [state, setState] = useState<PodState>('All');
  const [selector, setSelector] = useState('');
  const { route } = useNavigation();
  const { selected, open, openLogs } = useRowSelection('pods', data?.items ?? []);
  const chosen = (data?.items ?? []).find((p) => p.metadata.uid === selected);
  const { pods: rows, selectorProblem } = useMemo(
    () => filterPods(data?.items ?? [], { search, state, selector }),
    [data, search, state, selector],
  );
  // the same columns until the clock or the namespace changes, so a watch event re-renders only its pod's row
  const columns = useMemo(
    (): Column<Pod>[] => [
      {
        header: 'Name',
        cell: (pod) => (
          <button type="button" className="link-button" onClick={() => open(pod.metadata.uid)}>
            {pod.metadata.name}
          </button>
        ),
      },
      ...(namespace ? [] : [{ header: 'Namespace', cell: (pod: Pod) => pod.metadata.namespace }]),
      { header: 'Ready', cell: (pod) => summaryOf(pod).ready, width: '5em' },
      {
        header: 'Status',
        sortValue: (pod) => summaryOf(pod).status,
        cell: (pod) => {
          const { status } = summaryOf(pod);
          return <span className={`pod-status pod-status-${podStatusTone(status)}`}>{status}</span>;
        },
      },
      {
        header: 'Restarts',
        sortValue: (pod) => summaryOf(pod).restarts,
        cell: (pod) => {
          const { restarts, lastRestart } = summaryOf(pod);
          return lastRestart ? `${restarts} (${formatAge(lastRestart, now)} ago)` : restarts;
        },
        width: '8em',
      },
      { header: 'Age', cell: (pod) => formatAge(pod.metadata.creationTimestamp, now), width: '5em' },
      { header: 'IP', cell: (pod) => pod.status?.podIP ?? '', width: '9em', priority: 'low' },
      { header: 'Node', cell: (pod) => <NodeLink name={pod.spec.nodeName} />, width: '6em', priority: 'low' },
      {
        header: 'Actions',
        cell: (pod) => (
          <span className="row-actions">
            <button
              type="button"
              className="link-button"
              aria-label={`Logs of pod ${pod.metadata.name}`}
              onClick={() => openLogs(pod.metadata.uid)}
            >
              Logs
            </button>
            <DeleteButton object={pod} type={podType} />
          </span>
        ),
        width: '9em',
      },
    ],
    [namespace, now, open, openLogs],
  );
  if (route.name !== undefined)
    return chosen ? (
      <PodPage key={chosen.metadata.uid} pod={chosen} now={now} />
    ) : (
      <NotFoundPage kind="Pod" view="pods" listLabel="Pods" loading={isPending} />
    );
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
          <select value={state} onChange={(e) => setState(e.target.value as PodState)} aria-label="Pod state">
            {POD_STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Labels
          <input
            type="search"
            value={selector}
            onChange={(e) => setSelector(e.target.value)}
            placeholder="app=web,tier!=db"
            aria-label="Label selector"
            aria-invalid={selectorProblem ? true : undefined}
            aria-describedby={selectorProblem ? 'pod-selector-problem' : undefined}
            spellCheck={false}
          />
        </label>
      </div>
      {selectorProblem && (
        <p id="pod-selector-problem" role="alert" className="error-notice">
          {selectorProblem}
        </p>
      )}
      <ErrorNotice error={error} />
      {isPending ? (
        <p>Loading…</p>
      ) : (
        <ResourceTable
          label="Pods"
          items={rows}
          columns={columns}
          empty="No pods here."
          current={lastOpened('pods')}
        />
      )}
    </section>
  );
}
