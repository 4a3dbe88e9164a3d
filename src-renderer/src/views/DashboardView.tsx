import { useMutation, useQuery } from '@tanstack/react-query';
import type { NodeMetrics } from '@shared/autoscaling-types';
import type { KubeEvent, Node, Pod } from '@shared/pod-types';
import { cpuMillis, formatCpu, formatMemory, memoryBytes } from '@shared/quantity';
import {
  collectionPath,
  deploymentType,
  eventType,
  nodeType,
  podType,
  serviceType,
} from '@shared/resource-types';
import type { Deployment } from '@shared/workload-types';
import { useKubeList } from '../api/use-kube-list';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatAge } from '../components/format-age';
import { objectRoute } from '../routing/app-route';
import { RouteLink } from '../routing/route-context';
import { useSkiff } from '../state/skiff-context';
import { useNow } from '../state/use-now';
import { requestedByPods } from '@shared/pod-resources';
import { podsByState, recentWarnings, workloadsNeedingAttention } from './dashboard-summary';
import { useCluster } from '../clusters/use-cluster';
import { NodesCard } from '../nodes/NodesView';

const SAMPLE_IMAGE = 'nginx:alpine';

function Meter({
  label,
  used,
  of,
  format,
}: {
  label: string;
  used: number;
  of: number;
  format: (n: number) => string;
}) {
  const percent = of > 0 ? Math.round((used / of) * 100) : 0;
  return (
    <div className="meter" aria-label={label}>
      <span>
        {label}: {format(used)} of {format(of)} ({percent}%)
      </span>
      <progress max={100} value={Math.min(100, percent)} />
    </div>
  );
}

function SampleApp({ namespace, onDone }: { namespace: string; onDone: () => void }) {
  const { client } = useSkiff();
  const deploy = useMutation({
    mutationFn: async () => {
      const labels = { app: 'hello' };
      await client.create(collectionPath(deploymentType, namespace), {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'hello', labels },
        spec: {
          replicas: 2,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: 'web',
                  image: SAMPLE_IMAGE,
                  ports: [{ name: 'http', containerPort: 80 }],
                  resources: { requests: { cpu: '50m', memory: '32Mi' } },
                },
              ],
            },
          },
        },
      });
      await client.create(collectionPath(serviceType, namespace), {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'hello' },
        spec: { type: 'NodePort', selector: labels, ports: [{ port: 80, targetPort: 'http' }] },
      });
    },
    onSuccess: onDone,
  });
  return (
    <div className="sample-app" aria-label="Sample app">
      <p>
        Nothing runs here yet. Deploy a sample app — a Deployment of two <code>{SAMPLE_IMAGE}</code> pods and
        a NodePort Service in front of them — and watch Skiff pull, schedule and start it.
      </p>
      <button type="button" disabled={deploy.isPending} onClick={() => deploy.mutate()}>
        Deploy a sample app
      </button>
      <ErrorNotice error={deploy.error} />
    </div>
  );
}

/** The first screen: is the engine well, what is running, what is rolling out or failing, what went wrong. */
export function DashboardView({ namespace, onOpen }: { namespace: string; onOpen: (path: string) => void }) {
  const { client } = useSkiff();
  const { local, status } = useCluster();
  const now = useNow();
  const ns = namespace || undefined;
  const nodes = useKubeList<Node>(nodeType);
  const pods = useKubeList<Pod>(podType, ns);
  const deployments = useKubeList<Deployment>(deploymentType, ns);
  const events = useKubeList<KubeEvent>(eventType, ns);
  const usage = useQuery({
    queryKey: ['node-metrics'],
    queryFn: () => client.get('/apis/metrics.k8s.io/v1beta1/nodes/skiff') as unknown as Promise<NodeMetrics>,
    refetchInterval: 15_000,
    retry: false,
    enabled: local, // another cluster's nodes have their own names; the Nodes card shows them
  });
  const node = nodes.data?.items[0];
  const allocatable = node?.status?.allocatable ?? {};
  const ready = node?.status?.conditions?.find((c) => c.type === 'Ready');
  const info = node?.status?.nodeInfo ?? {};
  const allPods = pods.data?.items ?? [];
  const asked = requestedByPods(allPods);
  const attention = workloadsNeedingAttention(deployments.data?.items ?? [], allPods);
  const warnings = recentWarnings(events.data?.items ?? []);
  const showCpu = (m: number) => formatCpu(Math.round(m));
  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <h1 id="dashboard-title">Dashboard</h1>
      <ErrorNotice error={nodes.error ?? pods.error ?? deployments.error ?? events.error} />
      <div className="cards">
        <NodesCard />
        {!local && status && !status.metrics && (
          <p className="hint" role="note" aria-label="Metrics">
            This cluster does not serve metrics.k8s.io (no metrics-server): usage is not shown.
          </p>
        )}
        {local && (
          <section className="card" aria-label="Node">
            <h2>Node (the Docker engine)</h2>
            <p
              role="status"
              aria-label="Node readiness"
              className={ready?.status === 'True' ? 'ok' : 'pod-status-warn'}
            >
              {ready?.status === 'True' ? 'Ready' : `Not ready${ready?.message ? `: ${ready.message}` : ''}`}
            </p>
            <p className="hint">
              {info.containerRuntimeVersion ?? 'docker'} · {info.osImage ?? ''} · {allocatable.cpu ?? '?'}{' '}
              CPUs · {formatMemory(memoryBytes(allocatable.memory))}
            </p>
            <Meter
              label="CPU requested"
              used={asked.cpuMillis}
              of={cpuMillis(allocatable.cpu)}
              format={showCpu}
            />
            <Meter
              label="Memory requested"
              used={asked.memoryBytes}
              of={memoryBytes(allocatable.memory)}
              format={formatMemory}
            />
            {usage.data && (
              <>
                <Meter
                  label="CPU in use"
                  used={cpuMillis(usage.data.usage.cpu)}
                  of={cpuMillis(allocatable.cpu)}
                  format={showCpu}
                />
                <Meter
                  label="Memory in use"
                  used={memoryBytes(usage.data.usage.memory)}
                  of={memoryBytes(allocatable.memory)}
                  format={formatMemory}
                />
              </>
            )}
          </section>
        )}
        <section className="card" aria-label="Pods by state">
          <h2>Pods</h2>
          {allPods.length === 0 ? (
            <SampleApp namespace={namespace || 'default'} onDone={() => onOpen('/deployments')} />
          ) : (
            <ul>
              {podsByState(allPods).map(([state, count]) => (
                <li key={state}>
                  <strong>{count}</strong> {state}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-label="Workloads needing attention">
          <h2>Rolling out or failing</h2>
          {attention.length === 0 ? (
            <p className="hint">Every Deployment is settled.</p>
          ) : (
            <ul>
              {attention.map(({ deployment, state, why }) => (
                <li
                  key={deployment.metadata.uid}
                  className={state === 'failing' ? 'failing-item' : undefined}
                >
                  <RouteLink
                    to={objectRoute(
                      'deployments',
                      deployment.metadata.name ?? '',
                      deployment.metadata.namespace,
                    )}
                  >
                    {deployment.metadata.namespace}/{deployment.metadata.name}
                  </RouteLink>{' '}
                  {state === 'failing' ? <span className="badge badge-bad">failing</span> : state}: {why}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-label="Recent warnings">
          <h2>Recent warnings</h2>
          {warnings.length === 0 ? (
            <p className="hint">No warnings.</p>
          ) : (
            <ul>
              {warnings.map((e) => (
                <li key={e.metadata.uid}>
                  {formatAge(e.lastTimestamp ?? e.metadata.creationTimestamp, now)} ago ·{' '}
                  {e.involvedObject.kind?.toLowerCase()}/{e.involvedObject.name} · {e.reason}: {e.message}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </section>
  );
}
