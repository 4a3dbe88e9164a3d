import { podRequests } from '@shared/pod-resources';
import { formatCpu, formatMemory } from '@shared/quantity';
import { selectorRequirements, selectorString } from '@shared/label-selector';
import type { Deployment } from '@shared/workload-types';
import { useUsageHistory } from '../api/use-usage-history';
import { ErrorNotice } from './ErrorNotice';
import { UsageChart } from './UsageChart';
import { podSeries, sumSeries, type UsagePoint } from './usage-series';
import { useCluster } from '../clusters/use-cluster';

const showCpu = (millis: number) => formatCpu(Math.round(millis));
const cpu = (points: UsagePoint[]) => points.map((p) => ({ at: p.at, value: p.cpuMillis }));
const memory = (points: UsagePoint[]) => points.map((p) => ({ at: p.at, value: p.memoryBytes }));

/** CPU and memory of a Deployment's pods over the last minutes: the total, then each pod. */
export function DeploymentUsage({ deployment }: { deployment: Deployment }) {
  const namespace = deployment.metadata.namespace ?? 'default';
  const selector = selectorString(selectorRequirements(deployment.spec.selector));
  const history = useUsageHistory(namespace, selector);
  const { local } = useCluster();
  const pods = history.data ?? [];
  const total = sumSeries(pods);
  const perPod = podRequests(deployment.spec.template.spec ?? { containers: [] });
  const requested = (n: number) => ({ cpu: perPod.cpuMillis * n, memory: perPod.memoryBytes * n });
  const wanted = requested(pods.length);
  return (
    <section className="usage" aria-label="Usage">
      <h3>Usage</h3>
      {!local && (
        <p className="hint">Usage history is kept by the local Skiff; this cluster's pods have none here.</p>
      )}
      <ErrorNotice error={history.error} />
      {pods.length > 0 && (
        <div className="usage-charts">
          <UsageChart
            label="CPU, all pods"
            points={cpu(total)}
            format={showCpu}
            reference={wanted.cpu ? { value: wanted.cpu, label: 'requested' } : undefined}
          />
          <UsageChart
            label="Memory, all pods"
            points={memory(total)}
            format={formatMemory}
            reference={wanted.memory ? { value: wanted.memory, label: 'requested' } : undefined}
          />
        </div>
      )}
      {pods.length === 0 ? (
        <p className="hint">
          No samples yet: usage is read from the engine every few seconds (skiff serve --metrics-interval).
        </p>
      ) : (
        <ul className="usage-pods" aria-label="Usage per pod">
          {pods.map((pod) => (
            <li key={pod.metadata.uid} aria-label={`Usage of ${pod.metadata.name}`}>
              <span className="usage-pod-name">{pod.metadata.name}</span>
              <UsageChart label="CPU" points={cpu(podSeries(pod))} format={showCpu} width={160} height={32} />
              <UsageChart
                label="Memory"
                points={memory(podSeries(pod))}
                format={formatMemory}
                width={160}
                height={32}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
