import { useMemo } from 'react';
import type { ControllerRevision, StatefulSet } from '@shared/apps-types';
import { requestedByPods } from '@shared/pod-resources';
import { summarizePod } from '@shared/pod-display';
import type { Node, Pod } from '@shared/pod-types';
import {
  controllerRevisionType,
  nodeType,
  objectPath,
  persistentVolumeClaimType,
  podType,
  statefulSetType,
} from '@shared/resource-types';
import type { PersistentVolumeClaim } from '@shared/storage-types';
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
import { ScaleControl } from '../components/ScaleControl';
import { useNow } from '../state/use-now';
import { useRowSelection } from '../state/use-row-selection';
import { DeleteButton } from '../undo/DeleteButton';
import { retainedClaims, statefulPods } from './controller-revisions';

/** Opens a pod's page (the Pods view, focused on it). */
export type OpenPod = (name: string, namespace: string) => void;

const images = (s: StatefulSet) => (s.spec.template.spec?.containers ?? []).map((c) => c.image).join(', ');

function rolloutState(s: StatefulSet): string {
  const st = s.status;
  if (!st || (st.observedGeneration ?? 0) < (s.metadata.generation ?? 0)) return 'Waiting for the controller';
  const partition = s.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
  if (st.currentRevision !== st.updateRevision)
    return partition > 0
      ? `Partitioned: ${st.updatedReplicas ?? 0} pods at the new revision (ordinals ≥ ${partition})`
      : `Rolling out: ${st.updatedReplicas ?? 0} of ${s.spec.replicas ?? 1} updated`;
  return `${st.readyReplicas ?? 0} of ${s.spec.replicas ?? 1} ready, all at revision ${st.currentRevision ?? ''}`;
}

function OrdinalPods({
  set,
  pods,
  claims,
  onOpenPod,
}: {
  set: StatefulSet;
  pods: Pod[];
  claims: PersistentVolumeClaim[];
  onOpenPod?: OpenPod;
}) {
  const rows = statefulPods(set, pods, claims);
  const kept = retainedClaims(set, claims).filter(
    (c) => !rows.some((r) => r.claims.some((x) => x.name === c.metadata.name)),
  );
  return (
    <section aria-label="Pods by ordinal">
      <h3>Pods</h3>
      <table className="resource-table" aria-label="Pods by ordinal">
        <thead>
          <tr>
            <th scope="col">Ordinal</th>
            <th scope="col">Pod</th>
            <th scope="col">Status</th>
            <th scope="col">Revision</th>
            <th scope="col">Claims</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.ordinal} data-ordinal={r.ordinal}>
              <td>{r.ordinal}</td>
              <td>
                {r.pod && onOpenPod ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onOpenPod(r.name, set.metadata.namespace ?? '')}
                  >
                    {r.name}
                  </button>
                ) : (
                  r.name
                )}
              </td>
              <td>
                {r.pod
                  ? r.pod.metadata.deletionTimestamp
                    ? 'Terminating'
                    : summarizePod(r.pod).status
                  : 'Not created'}
              </td>
              <td>{r.pod?.metadata.labels?.['controller-revision-hash'] ?? ''}</td>
              <td>
                {r.claims.map((c) => `${c.name} (${c.claim?.status?.phase ?? 'not created'})`).join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {kept.length > 0 && (
        <p className="hint" aria-label="Kept claims">
          Kept after scaling down, reused when it scales up: {kept.map((c) => c.metadata.name).join(', ')}
        </p>
      )}
    </section>
  );
}

function StatefulSetDetail({
  set,
  pods,
  claims,
  revisions,
  node,
  now,
  onOpenPod,
}: {
  set: StatefulSet;
  pods: Pod[];
  claims: PersistentVolumeClaim[];
  revisions: ControllerRevision[];
  node: Node | undefined;
  now: number;
  onOpenPod?: OpenPod;
}) {
  const path = objectPath(statefulSetType, set.metadata.name ?? '', set.metadata.namespace);
  const ownPods = pods.filter((p) => p.metadata.ownerReferences?.some((r) => r.uid === set.metadata.uid));
  return (
    <ObjectPage
      kind="StatefulSet"
      object={set}
      view="statefulsets"
      listLabel="StatefulSets"
      status={{
        text: `${set.status?.readyReplicas ?? 0}/${set.spec.replicas ?? 1} ready`,
        tone: (set.status?.readyReplicas ?? 0) >= (set.spec.replicas ?? 1) ? 'ok' : 'warn',
      }}
      failure={podsFailure(ownPods)}
      now={now}
      actions={
        <>
          <EditYaml object={set} type={statefulSetType} />
          <span className="toolbar-end">
            <DeleteButton object={set} type={statefulSetType} />
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
                {rolloutState(set)} · {set.spec.podManagementPolicy ?? 'OrderedReady'} · Service{' '}
                {set.spec.serviceName || '—'}
              </p>
              <ScaleControl deployment={set} path={path} node={node} requested={requestedByPods(pods)} />
              <OrdinalPods set={set} pods={pods} claims={claims} onOpenPod={onOpenPod} />
              <ControllerRevisionHistory
                owner={set}
                revisions={revisions}
                current={set.status?.updateRevision}
                path={path}
                now={now}
              />
            </>
          ),
        },
        {
          id: 'events',
          label: 'Events',
          content: <ObjectEvents kind="StatefulSet" object={set} now={now} />,
        },
        { id: 'yaml', label: 'YAML', content: <ExportYaml object={set} /> },
      ]}
    />
  );
}

export function StatefulSetsView({ namespace, onOpenPod }: { namespace: string; onOpenPod?: OpenPod }) {
  const now = useNow();
  const ns = namespace || undefined;
  const sets = useKubeList<StatefulSet>(statefulSetType, ns);
  const pods = useKubeList<Pod>(podType);
  const claims = useKubeList<PersistentVolumeClaim>(persistentVolumeClaimType, ns);
  const revisions = useKubeList<ControllerRevision>(controllerRevisionType, ns);
  const nodes = useKubeList<Node>(nodeType);
  const items = sets.data?.items ?? [];
  const { route } = useNavigation();
  const { selected, open } = useRowSelection('statefulsets', items);
  const columns = useMemo(
    (): Column<StatefulSet>[] => [
      {
        header: 'Name',
        cell: (s) => (
          <button type="button" className="link-button" onClick={() => open(s.metadata.uid)}>
            {s.metadata.name}
          </button>
        ),
      },
      ...(namespace ? [] : [{ header: 'Namespace', cell: (s: StatefulSet) => s.metadata.namespace }]),
      {
        header: 'Ready',
        cell: (s) => `${s.status?.readyReplicas ?? 0}/${s.spec.replicas ?? 1}`,
        width: '5em',
      },
      { header: 'Images', cell: images },
      { header: 'Age', cell: (s) => formatAge(s.metadata.creationTimestamp, now), width: '6em' },
      {
        header: 'Actions',
        cell: (s) => <DeleteButton object={s} type={statefulSetType} />,
        width: '6em',
      },
    ],
    [namespace, now, open],
  );
  const chosen = items.find((s) => s.metadata.uid === selected);
  if (route.name !== undefined)
    return chosen ? (
      <StatefulSetDetail
        set={chosen}
        pods={pods.data?.items ?? []}
        claims={claims.data?.items ?? []}
        revisions={revisions.data?.items ?? []}
        onOpenPod={onOpenPod}
        node={nodes.data?.items[0]}
        now={now}
      />
    ) : (
      <NotFoundPage
        kind="StatefulSet"
        view="statefulsets"
        listLabel="StatefulSets"
        loading={sets.isPending}
      />
    );
  return (
    <section aria-labelledby="statefulsets-title">
      <h1 id="statefulsets-title">StatefulSets</h1>
      <ErrorNotice error={sets.error} />
      {sets.isPending ? (
        <p>Loading…</p>
      ) : (
        <ResourceTable
          label="StatefulSets"
          items={items}
          columns={columns}
          empty="No StatefulSets here."
          current={lastOpened('statefulsets')}
        />
      )}
    </section>
  );
}
