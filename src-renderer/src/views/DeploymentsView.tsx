import { useMemo, useRef } from 'react';
import type { Node, Pod } from '@shared/pod-types';
import {
  deploymentType,
  horizontalPodAutoscalerType,
  nodeType,
  podType,
  replicaSetType,
} from '@shared/resource-types';
import type { Deployment, ReplicaSet } from '@shared/workload-types';
import type { HorizontalPodAutoscaler } from '@shared/autoscaling-types';
import { useKubeList } from '../api/use-kube-list';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { DeploymentPage } from '../pages/DeploymentPage';
import { NotFoundPage } from '../objects/NotFoundPage';
import { lastOpened } from '../routing/recent-objects';
import { useNavigation } from '../routing/route-context';
import { DeleteButton } from '../undo/DeleteButton';
import { useNow } from '../state/use-now';
import { useRowSelection } from '../state/use-row-selection';
import { deploymentFailure, podsSelectedBy } from '../status/failing-reason';
import { deploymentStatus } from '../status/workload-status';
import { ownedReplicaSets, podsOfDeployment } from './deployment-relations';
const images = (d: Deployment) => (d.spec.template.spec?.containers ?? []).map((c) => c.image).join(', ');

/** How many pods stop when the Deployment goes: those its ReplicaSets own that are not already terminating. */
const runningPodsOf = (d: Deployment, replicaSets: ReplicaSet[] = [], pods: Pod[] = []) =>
  podsOfDeployment(ownedReplicaSets(d, replicaSets), pods).filter(
    ({ pod }) => !pod.metadata.deletionTimestamp,
  ).length;

/** A row's status: reads the shared pod list itself, so a pod's new state re-renders this cell, not the table. */
function DeploymentStatusCell({ deployment }: { deployment: Deployment }) {
  const pods = useKubeList<Pod>(podType);
  const failure = deploymentFailure(deployment, podsSelectedBy(deployment, pods.data?.items ?? []));
  const status = deploymentStatus(deployment, failure);
  return (
    <span
      className={`badge badge-${status.tone}`}
      title={failure ? `${failure.summary}${failure.detail ? `: ${failure.detail}` : ''}` : undefined}
    >
      {status.text}
    </span>
  );
}

export function DeploymentsView({ namespace }: { namespace: string }) {
  const now = useNow();
  const { route } = useNavigation();
  const ns = namespace || undefined;
  const deployments = useKubeList<Deployment>(deploymentType, ns);
  const replicaSets = useKubeList<ReplicaSet>(replicaSetType, ns);
  const pods = useKubeList<Pod>(podType);
  const nodes = useKubeList<Node>(nodeType);
  const autoscalers = useKubeList<HorizontalPodAutoscaler>(horizontalPodAutoscalerType, ns);
  const items = deployments.data?.items ?? [];
  const { selected, open, openLogs } = useRowSelection('deployments', items);
  // read by the Delete button when its row renders, so the columns need not change with every pod event
  const latest = useRef({ replicaSets: replicaSets.data?.items, pods: pods.data?.items });
  latest.current = { replicaSets: replicaSets.data?.items, pods: pods.data?.items };
  // the same columns until the clock or the namespace changes, so a watch event re-renders only its row
  const columns = useMemo(
    (): Column<Deployment>[] => [
      {
        header: 'Name',
        cell: (d) => (
          <button type="button" className="link-button" onClick={() => open(d.metadata.uid)}>
            {d.metadata.name}
          </button>
        ),
      },
      ...(namespace ? [] : [{ header: 'Namespace', cell: (d: Deployment) => d.metadata.namespace }]),
      {
        header: 'Ready',
        cell: (d) => `${d.status?.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`,
        sortValue: (d) => (d.status?.readyReplicas ?? 0) - (d.spec.replicas ?? 1),
        width: '5em',
      },
      { header: 'Status', cell: (d) => <DeploymentStatusCell deployment={d} /> },
      {
        header: 'Up-to-date',
        cell: (d) => d.status?.updatedReplicas ?? 0,
        width: '6em',
        priority: 'low',
      },
      { header: 'Available', cell: (d) => d.status?.availableReplicas ?? 0, width: '6em', priority: 'low' },
      { header: 'Images', cell: images, priority: 'low' },
      { header: 'Age', cell: (d) => formatAge(d.metadata.creationTimestamp, now), width: '6em' },
      {
        header: 'Actions',
        cell: (d) => (
          <span className="row-actions">
            <button
              type="button"
              className="link-button"
              aria-label={`Logs of deployment ${d.metadata.name}`}
              onClick={() => openLogs(d.metadata.uid)}
            >
              Logs
            </button>
            <DeleteButton
              object={d}
              type={deploymentType}
              context={{ pods: runningPodsOf(d, latest.current.replicaSets, latest.current.pods) }}
            />
          </span>
        ),
        width: '9em',
      },
    ],
    [namespace, now, open, openLogs],
  );
  const chosen = items.find((d) => d.metadata.uid === selected);
  if (route.name !== undefined) {
    if (!chosen)
      return (
        <NotFoundPage
          kind="Deployment"
          view="deployments"
          listLabel="Deployments"
          loading={deployments.isPending}
        />
      );
    return (
      <DeploymentPage
        deployment={chosen}
        replicaSets={replicaSets.data?.items ?? []}
        pods={pods.data?.items ?? []}
        node={nodes.data?.items[0]}
        autoscaler={(autoscalers.data?.items ?? []).find(
          (h) =>
            h.metadata.namespace === chosen.metadata.namespace &&
            h.spec.scaleTargetRef.kind === 'Deployment' &&
            h.spec.scaleTargetRef.name === chosen.metadata.name,
        )}
        now={now}
      />
    );
  }
  return (
    <section aria-labelledby="deployments-title">
      <h1 id="deployments-title">Deployments</h1>
      <ErrorNotice error={deployments.error ?? replicaSets.error} />
      {deployments.isPending ? (
        <p>Loading…</p>
      ) : (
        <ResourceTable
          label="Deployments"
          items={items}
          columns={columns}
          empty="No Deployments here."
          current={lastOpened('deployments')}
        />
      )}
    </section>
  );
}
