import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { requestedByPods } from '@shared/pod-resources';
import type { KubeEvent, Node, Pod } from '@shared/pod-types';
import type { Service } from '@shared/service-types';
import {
  deploymentType,
  eventType,
  horizontalPodAutoscalerType,
  nodeType,
  objectPath,
  podType,
  replicaSetType,
  serviceType,
} from '@shared/resource-types';
import type { Deployment, ReplicaSet } from '@shared/workload-types';
import type { HorizontalPodAutoscaler } from '@shared/autoscaling-types';
import { AutoscalerControl } from '../components/AutoscalerControl';
import { DeploymentUsage } from '../components/DeploymentUsage';
import { DeploymentLogs } from '../components/DeploymentLogs';
import { DeploymentRelations } from '../components/DeploymentRelations';
import { RolloutProgress } from '../components/RolloutProgress';
import { EditYaml } from '../components/EditYaml';
import { ExportYaml } from '../components/ExportYaml';
import { SetImage } from '../components/SetImage';
import { useKubeList } from '../api/use-kube-list';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { RolloutHistory } from '../components/RolloutHistory';
import { ScaleControl } from '../components/ScaleControl';
import { useSkiff } from '../state/skiff-context';
import { DeleteButton } from '../undo/DeleteButton';
import { useNow } from '../state/use-now';
import { useRowSelection } from '../state/use-row-selection';
import {
  eventsOfDeployment,
  ownedReplicaSets,
  podsOfDeployment,
  rolloutSteps,
  servicesOfDeployment,
} from './deployment-relations';

/** Where a Deployment's page sends the user for one of its pods or Services. */
export interface DeploymentLinks {
  onOpenPod: (name: string, namespace: string) => void;
  onOpenServices: () => void;
}

const images = (d: Deployment) => (d.spec.template.spec?.containers ?? []).map((c) => c.image).join(', ');

/** How many pods stop when the Deployment goes: those its ReplicaSets own that are not already terminating. */
const runningPodsOf = (d: Deployment, replicaSets: ReplicaSet[] = [], pods: Pod[] = []) =>
  podsOfDeployment(ownedReplicaSets(d, replicaSets), pods).filter(
    ({ pod }) => !pod.metadata.deletionTimestamp,
  ).length;

function progressOf(d: Deployment): string {
  const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
  if (d.spec.paused) return 'Paused';
  if (progressing?.reason === 'ProgressDeadlineExceeded') return 'Failed: progress deadline exceeded';
  if (progressing?.reason === 'NewReplicaSetAvailable') return 'Complete';
  return 'Rolling out';
}

function DeploymentDetail({
  deployment,
  replicaSets,
  pods,
  node,
  autoscaler,
  now,
  links,
  logsAsked,
}: {
  deployment: Deployment;
  replicaSets: ReplicaSet[];
  pods: Pod[];
  node: Node | undefined;
  autoscaler: HorizontalPodAutoscaler | undefined;
  now: number;
  links: DeploymentLinks;
  logsAsked: number;
}) {
  const { client } = useSkiff();
  const path = objectPath(deploymentType, deployment.metadata.name ?? '', deployment.metadata.namespace);
  const patch = useMutation({ mutationFn: (body: unknown) => client.mergePatch<Deployment>(path, body) });
  const requested = requestedByPods(pods);
  const rolledBack = deployment.status?.conditions?.find((c) => c.type === 'RolledBack');
  const namespace = deployment.metadata.namespace;
  const services = useKubeList<Service>(serviceType, namespace);
  const events = useKubeList<KubeEvent>(eventType, namespace);
  const owned = ownedReplicaSets(deployment, replicaSets);
  const itsPods = podsOfDeployment(owned, pods);
  return (
    <section className="detail" aria-label={`Deployment ${deployment.metadata.name}`}>
      <h2>{deployment.metadata.name}</h2>
      <EditYaml object={deployment} type={deploymentType} />
      <p role="status" aria-label="Rollout state">
        {progressOf(deployment)} · {deployment.status?.updatedReplicas ?? 0} up to date ·{' '}
        {deployment.status?.availableReplicas ?? 0} available
      </p>
      {rolledBack && (
        <p className="pod-status-warn" aria-label="Automatic rollback">
          {rolledBack.message}
        </p>
      )}
      {autoscaler ? (
        <AutoscalerControl hpa={autoscaler} now={now} />
      ) : (
        <ScaleControl deployment={deployment} path={path} node={node} requested={requested} />
      )}
      <div className="actions">
        <button
          type="button"
          onClick={() => patch.mutate({ spec: { paused: !deployment.spec.paused } })}
          disabled={patch.isPending}
        >
          {deployment.spec.paused ? 'Resume rollout' : 'Pause rollout'}
        </button>
        <button
          type="button"
          disabled={patch.isPending}
          onClick={() =>
            patch.mutate({
              spec: {
                template: {
                  metadata: {
                    annotations: { 'kubectl.kubernetes.io/restartedAt': new Date().toISOString() },
                  },
                },
              },
            })
          }
        >
          Restart
        </button>
        <ErrorNotice error={patch.error} />
      </div>
      <RolloutProgress steps={rolloutSteps(deployment, owned)} />
      <SetImage deployment={deployment} path={path} />
      <ExportYaml object={deployment} />
      <DeploymentLogs deployment={deployment} replicaSets={replicaSets} pods={pods} openAsked={logsAsked} />
      <DeploymentUsage deployment={deployment} />
      <RolloutHistory deployment={deployment} replicaSets={replicaSets} path={path} now={now} />
      <DeploymentRelations
        deployment={deployment}
        pods={itsPods}
        services={servicesOfDeployment(deployment, services.data?.items ?? [])}
        events={eventsOfDeployment(
          deployment,
          owned,
          itsPods.map((p) => p.pod),
          events.data?.items ?? [],
        )}
        now={now}
        {...links}
      />
    </section>
  );
}

export function DeploymentsView({
  namespace,
  focus,
  links,
}: {
  namespace: string;
  focus?: string;
  links: DeploymentLinks;
}) {
  const now = useNow();
  const ns = namespace || undefined;
  const deployments = useKubeList<Deployment>(deploymentType, ns);
  const replicaSets = useKubeList<ReplicaSet>(replicaSetType, ns);
  const pods = useKubeList<Pod>(podType);
  const nodes = useKubeList<Node>(nodeType);
  const autoscalers = useKubeList<HorizontalPodAutoscaler>(horizontalPodAutoscalerType, ns);
  const { selected, open, openLogs, logsAsked } = useRowSelection();
  // read by the Delete button when its row renders, so the columns need not change with every pod event
  const latest = useRef({ replicaSets: replicaSets.data?.items, pods: pods.data?.items });
  latest.current = { replicaSets: replicaSets.data?.items, pods: pods.data?.items };
  const items = deployments.data?.items ?? [];
  const focused = items.find(
    (d) => d.metadata.name === focus && (!namespace || d.metadata.namespace === namespace),
  );
  useEffect(() => {
    if (focused) open(focused.metadata.uid);
  }, [focused?.metadata.uid]); // eslint-disable-line react-hooks/exhaustive-deps
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
  return (
    <section aria-labelledby="deployments-title">
      <h1 id="deployments-title">Deployments</h1>
      <ErrorNotice error={deployments.error ?? replicaSets.error} />
      {deployments.isPending ? (
        <p>Loading…</p>
      ) : (
        <ResourceTable label="Deployments" items={items} columns={columns} empty="No Deployments here." />
      )}
      {chosen && (
        <DeploymentDetail
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
          links={links}
          logsAsked={logsAsked(chosen.metadata.uid)}
        />
      )}
    </section>
  );
}
