// Kubernetes' HPA replica calculator (pkg/controller/podautoscaler/replica_calculator.go and
// metrics/{client,utilization}.go) for Resource and ContainerResource metrics, as pure functions. Values are
// milli-units as Kubernetes' Quantity.MilliValue(): millicores for cpu, millibytes for memory.

export const DEFAULT_TOLERANCE = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period */
export const CPU_INITIALIZATION_PERIOD_MS = 5 * 60_000;
/** --horizontal-pod-autoscaler-initial-readiness-delay */
export const DELAY_OF_INITIAL_READINESS_STATUS_MS = 30_000;

export interface PodInfo {
  name: string;
  phase: string;
  deleting: boolean;
  /** the Ready condition is True */
  ready: boolean;
  /** ms; status.startTime */
  startTime?: number;
  /** ms; the Ready condition's lastTransitionTime. Absent: the pod has no Ready condition. */
  readyTransitionTime?: number;
  /** Regular containers and restartable (sidecar) init containers, which Kubernetes counts alike. */
  containers: { name: string; requests: { cpu?: number /* millicores */; memory?: number /* bytes */ } }[];
}

/** One pod's metrics.k8s.io sample. */
export interface PodMetricSample {
  timestamp: number; // ms
  windowMs: number;
  containers: { name: string; cpuMillis: number; memoryBytes: number }[];
}

export interface PodMetric {
  timestamp: number;
  windowMs: number;
  value: number; // milli-units
}
export type PodMetricsInfo = Map<string, PodMetric>;

export interface Tolerances {
  scaleDown: number;
  scaleUp: number;
}

export type Calculated<T> = ({ ok: true } & T) | { ok: false; error: string };
const fail = (error: string) => ({ ok: false as const, error });

export interface CalculatorInput {
  currentReplicas: number;
  resource: string; // 'cpu' | 'memory'
  /** '' or absent: the whole pod (Resource metric); else one container (ContainerResource). */
  container?: string;
  tolerances: Tolerances;
  pods: PodInfo[];
  samples: Map<string, PodMetricSample>;
  now: number;
  cpuInitializationPeriodMs?: number;
  delayOfInitialReadinessStatusMs?: number;
}

export function isWithinTolerance(t: Tolerances, usageRatio: number): boolean {
  return 1.0 - t.scaleDown <= usageRatio && usageRatio <= 1.0 + t.scaleUp;
}

function usageMilli(c: PodMetricSample['containers'][number], resource: string): number | undefined {
  if (resource === 'cpu') return c.cpuMillis;
  if (resource === 'memory') return c.memoryBytes * 1000;
  return undefined;
}

/** The resource metrics client: a pod's sum over its containers, or one container's value. */
export function getResourceMetric(
  samples: Map<string, PodMetricSample>,
  resource: string,
  container = '',
): Calculated<{ metrics: PodMetricsInfo }> {
  if (samples.size === 0) return fail('no metrics returned from resource metrics API');
  const metrics: PodMetricsInfo = new Map();
  for (const [pod, sample] of samples) {
    const measured = container ? sample.containers.filter((c) => c.name === container) : sample.containers;
    const values = measured.map((c) => usageMilli(c, resource));
    // A pod without the container, or with a container lacking the resource, is a pod without metrics.
    if (values.length === 0 || values.some((v) => v === undefined)) continue;
    const value = (values as number[]).reduce((sum, v) => sum + v, 0);
    metrics.set(pod, { timestamp: sample.timestamp, windowMs: sample.windowMs, value });
  }
  return { ok: true, metrics };
}

export interface PodGroups {
  readyPodCount: number;
  unreadyPods: Set<string>;
  missingPods: Set<string>;
  ignoredPods: Set<string>;
}

export function groupPods(
  pods: PodInfo[],
  metrics: PodMetricsInfo,
  resource: string,
  cpuInitializationPeriodMs: number,
  delayOfInitialReadinessStatusMs: number,
  now: number,
): PodGroups {
  const groups: PodGroups = {
    readyPodCount: 0,
    unreadyPods: new Set(),
    missingPods: new Set(),
    ignoredPods: new Set(),
  };
  for (const pod of pods) {
    if (pod.deleting || pod.phase === 'Failed') {
      groups.ignoredPods.add(pod.name);
      continue;
    }
    if (pod.phase === 'Pending') {
      groups.unreadyPods.add(pod.name);
      continue;
    }
    const metric = metrics.get(pod.name);
    if (!metric) {
      groups.missingPods.add(pod.name);
      continue;
    }
    // CPU is high while a process starts, so a young pod's sample counts only once it was taken a full
    // metric window after the pod became ready.
    if (resource === 'cpu') {
      let unready: boolean;
      if (pod.readyTransitionTime === undefined || pod.startTime === undefined) {
        unready = true;
      } else if (pod.startTime + cpuInitializationPeriodMs > now) {
        unready = !pod.ready || metric.timestamp < pod.readyTransitionTime + metric.windowMs;
      } else {
        // Ignore a pod that is unready and has never been ready.
        unready = !pod.ready && pod.startTime + delayOfInitialReadinessStatusMs > pod.readyTransitionTime;
      }
      if (unready) {
        groups.unreadyPods.add(pod.name);
        continue;
      }
    }
    groups.readyPodCount++;
  }
  return groups;
}

/** Each pod's request in milli-units: the sum over its containers, or the named container's. */
export function calculatePodRequests(
  pods: PodInfo[],
  container: string,
  resource: string,
): Calculated<{ requests: Map<string, number> }> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    let request = 0;
    let found = false;
    for (const c of pod.containers) {
      if (container !== '' && container !== c.name) continue;
      const value =
        resource === 'cpu' ? c.requests.cpu : resource === 'memory' ? c.requests.memory : undefined;
      if (value === undefined) {
        return fail(`missing request for ${resource} in container ${c.name} of Pod ${pod.name}`);
      }
      request += resource === 'memory' ? value * 1000 : value;
      found = true;
      if (container !== '') break; // container names are unique in a pod
    }
    if (container !== '' && !found) return fail(`container ${container} not found in Pod ${pod.name}`);
    requests.set(pod.name, request);
  }
  return { ok: true, requests };
}

export function getResourceUtilizationRatio(
  metrics: PodMetricsInfo,
  requests: Map<string, number>,
  targetUtilization: number,
): Calculated<{ usageRatio: number; utilization: number; rawAverageValue: number }> {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let numEntries = 0;
  for (const [pod, metric] of metrics) {
    const request = requests.get(pod);
    // Missing requests are reported elsewhere, so a metric without one is extraneous.
    if (request === undefined) continue;
    metricsTotal += metric.value;
    requestsTotal += request;
    numEntries++;
  }
  if (requestsTotal === 0) return fail('no metrics returned matched known pods');
  const utilization = Math.floor((metricsTotal * 100) / requestsTotal);
  return {
    ok: true,
    usageRatio: utilization / targetUtilization,
    utilization,
    rawAverageValue: Math.floor(metricsTotal / numEntries),
  };
}

export function getMetricUsageRatio(
  metrics: PodMetricsInfo,
  targetUsage: number,
): { usageRatio: number; usage: number } {
  let total = 0;
  for (const metric of metrics.values()) total += metric.value;
  const usage = Math.floor(total / metrics.size);
  return { usageRatio: usage / targetUsage, usage };
}

function removeMetricsForPods(metrics: PodMetricsInfo, pods: Set<string>): void {
  for (const pod of pods) metrics.delete(pod);
}

function groupedMetrics(input: CalculatorInput): Calculated<{ metrics: PodMetricsInfo; groups: PodGroups }> {
  const fetched = getResourceMetric(input.samples, input.resource, input.container);
  if (!fetched.ok) return fail(`unable to get metrics for resource ${input.resource}: ${fetched.error}`);
  if (input.pods.length === 0) return fail('no pods returned by selector while calculating replica count');
  const metrics = fetched.metrics;
  const groups = groupPods(
    input.pods,
    metrics,
    input.resource,
    input.cpuInitializationPeriodMs ?? CPU_INITIALIZATION_PERIOD_MS,
    input.delayOfInitialReadinessStatusMs ?? DELAY_OF_INITIAL_READINESS_STATUS_MS,
    input.now,
  );
  removeMetricsForPods(metrics, groups.ignoredPods);
  removeMetricsForPods(metrics, groups.unreadyPods);
  if (metrics.size === 0) return fail('did not receive metrics for targeted pods (pods might be unready)');
  return { ok: true, metrics, groups };
}

/** The rebalancing pass shared by both calculators, once the first ratio leaves room to doubt it. */
function rebalancedReplicas(
  currentReplicas: number,
  usageRatio: number,
  newUsageRatio: number,
  consideredPods: number,
  tolerances: Tolerances,
): number {
  if (
    isWithinTolerance(tolerances, newUsageRatio) ||
    (usageRatio < 1.0 && newUsageRatio > 1.0) ||
    (usageRatio > 1.0 && newUsageRatio < 1.0)
  ) {
    // The change would be too small, or the new usage ratio would change the scale direction.
    return currentReplicas;
  }
  const newReplicas = Math.ceil(newUsageRatio * consideredPods);
  if (
    (newUsageRatio < 1.0 && newReplicas > currentReplicas) ||
    (newUsageRatio > 1.0 && newReplicas < currentReplicas)
  ) {
    // Counting more pods than metrics would change the scale direction.
    return currentReplicas;
  }
  return newReplicas;
}

/** GetResourceReplicas: the replica count for a target utilization (percent of request). */
export function getResourceReplicas(
  input: CalculatorInput & { targetUtilization: number },
): Calculated<{ replicas: number; utilization: number; rawUtilization: number }> {
  const grouped = groupedMetrics(input);
  if (!grouped.ok) return grouped;
  const { metrics, groups } = grouped;
  const computed = calculatePodRequests(input.pods, input.container ?? '', input.resource);
  if (!computed.ok) return computed;
  const requests = computed.requests;
  const ratio = getResourceUtilizationRatio(metrics, requests, input.targetUtilization);
  if (!ratio.ok) return ratio;
  const { usageRatio, utilization, rawAverageValue: rawUtilization } = ratio;
  const result = (replicas: number) => ({ ok: true as const, replicas, utilization, rawUtilization });

  const scaleUpWithUnready = groups.unreadyPods.size > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && groups.missingPods.size === 0) {
    if (isWithinTolerance(input.tolerances, usageRatio)) return result(input.currentReplicas);
    return result(Math.ceil(usageRatio * groups.readyPodCount));
  }
  if (groups.missingPods.size > 0) {
    // Scaling down, a missing pod counts as using its whole request (or the target, when above 100%);
    // scaling up, as using nothing.
    const fallbackUtilization = Math.max(100, input.targetUtilization);
    for (const pod of groups.missingPods) {
      if (usageRatio < 1.0) {
        const request = requests.get(pod) ?? 0;
        metrics.set(pod, {
          timestamp: 0,
          windowMs: 0,
          value: Math.floor((request * fallbackUtilization) / 100),
        });
      } else if (usageRatio > 1.0) {
        metrics.set(pod, { timestamp: 0, windowMs: 0, value: 0 });
      }
    }
  }
  if (scaleUpWithUnready) {
    for (const pod of groups.unreadyPods) metrics.set(pod, { timestamp: 0, windowMs: 0, value: 0 });
  }
  const rerun = getResourceUtilizationRatio(metrics, requests, input.targetUtilization);
  if (!rerun.ok) return rerun;
  return result(
    rebalancedReplicas(input.currentReplicas, usageRatio, rerun.usageRatio, metrics.size, input.tolerances),
  );
}

/** GetRawResourceReplicas (calcPlainMetricReplicas): the replica count for a target average value. */
export function getRawResourceReplicas(
  input: CalculatorInput & { targetAverageValue: number /* milli-units */ },
): Calculated<{ replicas: number; usage: number }> {
  const grouped = groupedMetrics(input);
  if (!grouped.ok) return grouped;
  const { metrics, groups } = grouped;
  const { usageRatio, usage } = getMetricUsageRatio(metrics, input.targetAverageValue);
  const result = (replicas: number) => ({ ok: true as const, replicas, usage });

  const scaleUpWithUnready = groups.unreadyPods.size > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && groups.missingPods.size === 0) {
    if (isWithinTolerance(input.tolerances, usageRatio)) return result(input.currentReplicas);
    return result(Math.ceil(usageRatio * groups.readyPodCount));
  }
  if (groups.missingPods.size > 0) {
    // Scaling down, a missing pod counts as using exactly the target; scaling up, as using nothing.
    for (const pod of groups.missingPods) {
      if (usageRatio < 1.0) metrics.set(pod, { timestamp: 0, windowMs: 0, value: input.targetAverageValue });
      else if (usageRatio > 1.0) metrics.set(pod, { timestamp: 0, windowMs: 0, value: 0 });
    }
  }
  if (scaleUpWithUnready) {
    for (const pod of groups.unreadyPods) metrics.set(pod, { timestamp: 0, windowMs: 0, value: 0 });
  }
  const rerun = getMetricUsageRatio(metrics, input.targetAverageValue);
  return result(
    rebalancedReplicas(input.currentReplicas, usageRatio, rerun.usageRatio, metrics.size, input.tolerances),
  );
}
