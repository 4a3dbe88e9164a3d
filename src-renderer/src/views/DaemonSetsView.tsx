import { useMemo } from 'react';
import type { ControllerRevision, DaemonSet } from '@shared/apps-types';
import { summarizePod } from '@shared/pod-display';
import type { Pod } from '@shared/pod-types';
import { controllerRevisionType, daemonSetType, objectPath, podType } from '@shared/resource-types';
import { useKubeList } from '../api/use-kube-list';
import { ControllerRevisionHistory } from '../components/ControllerRevisionHistory';
import { EditYaml } from '../components/EditYaml';
import { ErrorNotice } from '../components/ErrorNotice';
import { ExportYaml } from '../components/ExportYaml';
import { NotFoundPage } from '../objects/NotFoundPage';
import { ObjectEvents } from '../objects/ObjectEvents';
import { ObjectPage } from '../objects/ObjectPage';
import { lastOpened } from '../routing/recent-objects';
import { useNavigation } from '../routing/route-context';
import { podsFailure } from '../status/failing-reason';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { useNow } from '../state/use-now';
import { useRowSelection } from '../state/use-row-selection';
import { DeleteButton } from '../undo/DeleteButton';
import { revisionsOf } from './controller-revisions';

const nodeSelector = (d: DaemonSet) =>
  Object.entries(d.spec.template.spec?.nodeSelector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',') || '<none>';

function DaemonSetDetail({
  ds,
  pods,
  revisions,
  now,
}: {
  ds: DaemonSet;
  pods: Pod[];
  revisions: ControllerRevision[];
  now: number;
}) {
  const path = objectPath(daemonSetType, ds.metadata.name ?? '', ds.metadata.namespace);
  const own = pods.filter((p) =>
    p.metadata.ownerReferences?.some((r) => r.controller && r.uid === ds.metadata.uid),
  );
  const st = ds.status;
  const current = revisionsOf(ds, revisions)[0]?.metadata.name;
  return (
    <ObjectPage
      kind="DaemonSet"
      object={ds}
      view="daemonsets"
      listLabel="DaemonSets"
      status={{
        text: `${st?.numberReady ?? 0}/${st?.desiredNumberScheduled ?? 0} ready`,
        tone: (st?.numberReady ?? 0) >= (st?.desiredNumberScheduled ?? 0) ? 'ok' : 'warn',
      }}
      failure={podsFailure(own)}
      now={now}
      actions={
        <>
          <EditYaml object={ds} type={daemonSetType} />
          <span className="toolbar-end">
            <DeleteButton object={ds} type={daemonSetType} />
          </span>
        </>
      }
      tabs={[
        {
          id: 'overview',
          label: 'Overview',
          content: (
            <>
              <p role="status" aria-label="Rollout state">
                {st?.numberAvailable ?? 0} of {st?.desiredNumberScheduled ?? 0} nodes available ·{' '}
                {st?.updatedNumberScheduled ?? 0} up to date ·{' '}
                {ds.spec.updateStrategy?.type ?? 'RollingUpdate'}
              </p>
              <table className="resource-table" aria-label="Daemon pods">
                <thead>
                  <tr>
                    <th scope="col">Pod</th>
                    <th scope="col">Node</th>
                    <th scope="col">Status</th>
                    <th scope="col">Revision</th>
                  </tr>
                </thead>
                <tbody>
                  {own.map((p) => (
                    <tr key={p.metadata.uid}>
                      <td>{p.metadata.name}</td>
                      <td>{p.spec.nodeName ?? '(pending)'}</td>
                      <td>{p.metadata.deletionTimestamp ? 'Terminating' : summarizePod(p).status}</td>
                      <td>{p.metadata.labels?.['controller-revision-hash'] ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <ControllerRevisionHistory
                owner={ds}
                revisions={revisions}
                current={current}
                path={path}
                now={now}
              />
            </>
          ),
        },
        { id: 'events', label: 'Events', content: <ObjectEvents kind="DaemonSet" object={ds} now={now} /> },
        { id: 'yaml', label: 'YAML', content: <ExportYaml object={ds} /> },
      ]}
    />
  );
}

export function DaemonSetsView({ namespace }: { namespace: string }) {
  const now = useNow();
  const ns = namespace || undefined;
  const sets = useKubeList<DaemonSet>(daemonSetType, ns);
  const pods = useKubeList<Pod>(podType);
  const revisions = useKubeList<ControllerRevision>(controllerRevisionType, ns);
  const items = sets.data?.items ?? [];
  const { route } = useNavigation();
  const { selected, open } = useRowSelection('daemonsets', items);
  const columns = useMemo(
    (): Column<DaemonSet>[] => [
      {
        header: 'Name',
        cell: (d) => (
          <button type="button" className="link-button" onClick={() => open(d.metadata.uid)}>
            {d.metadata.name}
          </button>
        ),
      },
      ...(namespace ? [] : [{ header: 'Namespace', cell: (d: DaemonSet) => d.metadata.namespace }]),
      { header: 'Desired', cell: (d) => d.status?.desiredNumberScheduled ?? 0, width: '5em' },
      { header: 'Current', cell: (d) => d.status?.currentNumberScheduled ?? 0, width: '5em' },
      { header: 'Ready', cell: (d) => d.status?.numberReady ?? 0, width: '5em' },
      { header: 'Up-to-date', cell: (d) => d.status?.updatedNumberScheduled ?? 0, width: '6em' },
      { header: 'Available', cell: (d) => d.status?.numberAvailable ?? 0, width: '6em' },
      { header: 'Node selector', cell: nodeSelector },
      { header: 'Age', cell: (d) => formatAge(d.metadata.creationTimestamp, now), width: '6em' },
      { header: 'Actions', cell: (d) => <DeleteButton object={d} type={daemonSetType} />, width: '6em' },
    ],
    [namespace, now, open],
  );
  const chosen = items.find((d) => d.metadata.uid === selected);
  if (route.name !== undefined)
    return chosen ? (
      <DaemonSetDetail
        ds={chosen}
        pods={pods.data?.items ?? []}
        revisions={revisions.data?.items ?? []}
        now={now}
      />
    ) : (
      <NotFoundPage kind="DaemonSet" view="daemonsets" listLabel="DaemonSets" loading={sets.isPending} />
    );
  return (
    <section aria-labelledby="daemonsets-title">
      <h1 id="daemonsets-title">DaemonSets</h1>
      <ErrorNotice error={sets.error} />
      {sets.isPending ? (
        <p>Loading…</p>
      ) : (
        <ResourceTable
          label="DaemonSets"
          items={items}
          columns={columns}
          empty="No DaemonSets here."
          current={lastOpened('daemonsets')}
        />
      )}
    </section>
  );
}
