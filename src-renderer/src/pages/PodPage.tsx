import { summarizePod } from '@shared/pod-display';
import type { Pod } from '@shared/pod-types';
import { podType, replicaSetType } from '@shared/resource-types';
import type { ReplicaSet } from '@shared/workload-types';
import { useKubeList } from '../api/use-kube-list';
import { EditYaml } from '../components/EditYaml';
import { ExportYaml } from '../components/ExportYaml';
import { LogViewer } from '../components/LogViewer';
import { PodOverview } from '../components/PodOverview';
import { useDock } from '../dock/DockProvider';
import { ShellLauncher } from '../dock/ShellLauncher';
import { ObjectPage } from '../objects/ObjectPage';
import { objectRoute, type AppRoute } from '../routing/app-route';
import { podFailure } from '../status/failing-reason';
import { podStatusTone } from '../status/pod-status-tone';
import { DeleteButton } from '../undo/DeleteButton';

const VIEW_OF_KIND: Record<string, string> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  Job: 'jobs',
};

/** The workload a pod belongs to: its controller, or the Deployment above its ReplicaSet. */
function ownerOf(
  pod: Pod,
  replicaSets: ReplicaSet[],
): { kind: string; name: string; route?: AppRoute } | undefined {
  const controller =
    pod.metadata.ownerReferences?.find((o) => o.controller) ?? pod.metadata.ownerReferences?.[0];
  if (!controller) return undefined;
  let { kind, name } = controller;
  if (kind === 'ReplicaSet') {
    const rs = replicaSets.find((r) => r.metadata.uid === controller.uid);
    const deployment = rs?.metadata.ownerReferences?.find((o) => o.kind === 'Deployment');
    if (deployment) ({ kind, name } = deployment);
  }
  const view = VIEW_OF_KIND[kind];
  return { kind, name, ...(view ? { route: objectRoute(view, name, pod.metadata.namespace) } : {}) };
}

/** A pod's page: status and failing reason up front; overview, logs, shell (in the dock), YAML. */
export function PodPage({ pod, now }: { pod: Pod; now: number }) {
  const namespace = pod.metadata.namespace ?? 'default';
  const replicaSets = useKubeList<ReplicaSet>(replicaSetType, namespace);
  const { open } = useDock();
  const summary = summarizePod(pod);
  const name = pod.metadata.name ?? '';
  const container = pod.spec.containers[0]?.name ?? '';
  return (
    <ObjectPage
      kind="Pod"
      object={pod}
      view="pods"
      listLabel="Pods"
      status={{ text: `${summary.status} · ${summary.ready} ready`, tone: podStatusTone(summary.status) }}
      failure={podFailure(pod)}
      owner={ownerOf(pod, replicaSets.data?.items ?? [])}
      now={now}
      actions={
        <>
          <button
            type="button"
            className="secondary"
            onClick={() => open({ kind: 'logs', namespace, pod: name, container })}
          >
            Logs in dock
          </button>
          <EditYaml object={pod} type={podType} />
          <span className="toolbar-end">
            <DeleteButton object={pod} type={podType} />
          </span>
        </>
      }
      tabs={[
        { id: 'overview', label: 'Overview', content: <PodOverview pod={pod} now={now} /> },
        { id: 'logs', label: 'Logs', content: <LogViewer pods={[pod]} /> },
        { id: 'shell', label: 'Shell', content: <ShellLauncher pod={pod} /> },
        { id: 'yaml', label: 'YAML', content: <ExportYaml object={pod} /> },
      ]}
    />
  );
}
