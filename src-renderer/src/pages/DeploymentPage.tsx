import { useMutation } from '@tanstack/react-query';
import type { HorizontalPodAutoscaler } from '@shared/autoscaling-types';
import { requestedByPods } from '@shared/pod-resources';
import type { KubeEvent, Node, Pod } from '@shared/pod-types';
import { deploymentType, eventType, objectPath, serviceType } from '@shared/resource-types';
import type { Service } from '@shared/service-types';
import type { Deployment, ReplicaSet } from '@shared/workload-types';
import { useKubeList } from '../api/use-kube-list';
import { AutoscalerControl } from '../components/AutoscalerControl';
import { DeploymentLogs } from '../components/DeploymentLogs';
import { DeploymentRelations } from '../components/DeploymentRelations';
import { DeploymentUsage } from '../components/DeploymentUsage';
import { EditYaml } from '../components/EditYaml';
import { ErrorNotice } from '../components/ErrorNotice';
import { ExportYaml } from '../components/ExportYaml';
import { RolloutHistory } from '../components/RolloutHistory';
import { RolloutProgress } from '../components/RolloutProgress';
import { ScaleControl } from '../components/ScaleControl';
import { SetImage } from '../components/SetImage';
import { ObjectPage } from '../objects/ObjectPage';
import { objectRoute } from '../routing/app-route';
import { useNavigation } from '../routing/route-context';
import { useSkiff } from '../state/skiff-context';
import { deploymentFailure } from '../status/failing-reason';
import { deploymentStatus } from '../status/workload-status';
import { DeleteButton } from '../undo/DeleteButton';
import {
  eventsOfDeployment,
  ownedReplicaSets,
  podsOfDeployment,
  rolloutSteps,
  servicesOfDeployment,
} from '../views/deployment-relations';

function progressOf(d: Deployment): string {
  const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
  if (d.spec.paused) return 'Paused';
  if (progressing?.reason === 'ProgressDeadlineExceeded') return 'Failed: progress deadline exceeded';
  if (progressing?.reason === 'NewReplicaSetAvailable') return 'Complete';
  return 'Rolling out';
}

/** A Deployment's page: its state and failing reason up front; scale, rollout, pods, logs, usage, history. */
export function DeploymentPage({
  deployment,
  replicaSets,
  pods,
  node,
  autoscaler,
  now,
}: {
  deployment: Deployment;
  replicaSets: ReplicaSet[];
  pods: Pod[];
  node: Node | undefined;
  autoscaler: HorizontalPodAutoscaler | undefined;
  now: number;
}) {
  const { client } = useSkiff();
  const { go } = useNavigation();
  const name = deployment.metadata.name ?? '';
  const namespace = deployment.metadata.namespace;
  const path = objectPath(deploymentType, name, namespace);
  const patch = useMutation({ mutationFn: (body: unknown) => client.mergePatch<Deployment>(path, body) });
  const rolledBack = deployment.status?.conditions?.find((c) => c.type === 'RolledBack');
  const services = useKubeList<Service>(serviceType, namespace);
  const events = useKubeList<KubeEvent>(eventType, namespace);
  const owned = ownedReplicaSets(deployment, replicaSets);
  const itsPods = podsOfDeployment(owned, pods);
  const podList = itsPods.map((p) => p.pod);
  const failure = deploymentFailure(deployment, podList);
  const relations = {
    deployment,
    pods: itsPods,
    services: servicesOfDeployment(deployment, services.data?.items ?? []),
    events: eventsOfDeployment(deployment, owned, podList, events.data?.items ?? []),
    now,
    onOpenPod: (pod: string, ns: string) => go(objectRoute('pods', pod, ns)),
    onOpenServices: () => go({ view: 'services', ...(namespace ? { namespace } : {}) }),
  };
  const running = itsPods.filter(({ pod }) => !pod.metadata.deletionTimestamp).length;
  return (
    <ObjectPage
      kind="Deployment"
      object={deployment}
      view="deployments"
      listLabel="Deployments"
      status={deploymentStatus(deployment, failure)}
      failure={failure}
      now={now}
      actions={
        <>
          <button
            type="button"
            className="secondary"
            onClick={() => patch.mutate({ spec: { paused: !deployment.spec.paused } })}
            disabled={patch.isPending}
          >
            {deployment.spec.paused ? 'Resume rollout' : 'Pause rollout'}
          </button>
          <button
            type="button"
            className="secondary"
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
          <EditYaml object={deployment} type={deploymentType} />
          <span className="toolbar-end">
            <DeleteButton object={deployment} type={deploymentType} context={{ pods: running }} />
          </span>
          <ErrorNotice error={patch.error} />
        </>
      }
      notices={
        rolledBack && (
          <p className="pod-status-warn" aria-label="Automatic rollback">
            {rolledBack.message}
          </p>
        )
      }
      tabs={[
        {
          id: 'overview',
          label: 'Overview',
          content: (
            <>
              <p role="status" aria-label="Rollout state">
                {progressOf(deployment)} · {deployment.status?.updatedReplicas ?? 0} up to date ·{' '}
                {deployment.status?.availableReplicas ?? 0} available
              </p>
              {autoscaler ? (
                <AutoscalerControl hpa={autoscaler} now={now} />
              ) : (
                <ScaleControl
                  deployment={deployment}
                  path={path}
                  node={node}
                  requested={requestedByPods(pods)}
                />
              )}
              <RolloutProgress steps={rolloutSteps(deployment, owned)} />
              <SetImage deployment={deployment} path={path} />
              <DeploymentRelations {...relations} show={['pods', 'services']} />
            </>
          ),
        },
        { id: 'pods', label: 'Pods', content: <DeploymentRelations {...relations} show={['pods']} /> },
        {
          id: 'logs',
          label: 'Logs',
          content: (
            <DeploymentLogs deployment={deployment} replicaSets={replicaSets} pods={pods} openAsked={1} />
          ),
        },
        { id: 'events', label: 'Events', content: <DeploymentRelations {...relations} show={['events']} /> },
        { id: 'metrics', label: 'Metrics', content: <DeploymentUsage deployment={deployment} /> },
        { id: 'yaml', label: 'YAML', content: <ExportYaml object={deployment} /> },
        {
          id: 'history',
          label: 'History',
          content: <RolloutHistory deployment={deployment} replicaSets={replicaSets} path={path} now={now} />,
        },
      ]}
    />
  );
}
