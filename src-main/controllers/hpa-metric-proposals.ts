import type { Condition } from '../shared/api-types';
import type { MetricSpec, MetricStatus, MetricTarget, MetricValueStatus } from '../shared/autoscaling-types';
import { formatMilliQuantity, milliValue } from '../shared/quantity';
import { type CalculatorInput, getRawResourceReplicas, getResourceReplicas } from './hpa-replica-calculator';

// computeReplicasForMetrics of Kubernetes' horizontal.go: each metric's proposal (Resource and
// ContainerResource are measured here), the largest wins, and an invalid metric forbids scaling down.

const cond = (type: string, status: Condition['status'], reason: string, message: string): Condition => ({
  type,
  status,
  reason,
  message,
});

interface MetricProposal {
  ok: true;
  replicas: number;
  metricName: string;
  status: MetricStatus;
}
interface MetricFailure {
  ok: false;
  /** ScalingActive False condition, and the Warning event of the same reason and the inner message */
  reason: string;
  message: string;
  /** the error as computeReplicasForMetric returns it */
  wrapped: string;
}

/** computeStatusForResourceMetricGeneric */
function resourceProposal(
  target: MetricTarget,
  name: string,
  container: string,
  calc: Omit<CalculatorInput, 'resource' | 'container'>,
):
  | { ok: true; replicas: number; metricName: string; current: MetricValueStatus }
  | { ok: false; error: string } {
  const input = { ...calc, resource: name, container };
  if (target.averageValue !== undefined) {
    const targetAverageValue = milliValue(target.averageValue);
    if (targetAverageValue === undefined) {
      return {
        ok: false,
        error: `invalid resource metric source: averageValue "${target.averageValue}" is not a quantity`,
      };
    }
    const raw = getRawResourceReplicas({ ...input, targetAverageValue });
    if (!raw.ok) return { ok: false, error: `failed to get ${name} usage: ${raw.error}` };
    return {
      ok: true,
      replicas: raw.replicas,
      metricName: `${name} resource`,
      current: { averageValue: formatMilliQuantity(raw.usage) },
    };
  }
  if (target.averageUtilization === undefined) {
    return {
      ok: false,
      error:
        'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set',
    };
  }
  const util = getResourceReplicas({ ...input, targetUtilization: target.averageUtilization });
  if (!util.ok) return { ok: false, error: `failed to get ${name} utilization: ${util.error}` };
  const kind = container ? 'container resource' : 'resource';
  return {
    ok: true,
    replicas: util.replicas,
    metricName: `${name} ${kind} utilization (percentage of request)`,
    current: { averageUtilization: util.utilization, averageValue: formatMilliQuantity(util.rawUtilization) },
  };
}

const UNSUPPORTED = new Set(['Pods', 'Object', 'External']);

/** computeReplicasForMetric, for the metric types Skiff measures. */
function metricProposal(spec: MetricSpec, calc: Omit<CalculatorInput, 'resource' | 'container'>) {
  const failure = (reason: string, error: string, wrapped = error): MetricFailure => ({
    ok: false,
    reason,
    message: error,
    wrapped,
  });
  if (spec.type === 'Resource' || spec.type === 'ContainerResource') {
    const container = spec.type === 'ContainerResource';
    const source = container ? spec.containerResource : spec.resource;
    const reason = container ? 'FailedGetContainerResourceMetric' : 'FailedGetResourceMetric';
    if (!source)
      return failure(
        reason,
        `invalid metric source: ${container ? 'containerResource' : 'resource'} is required`,
      );
    const containerName = container ? (spec.containerResource?.container ?? '') : '';
    const proposal = resourceProposal(source.target, source.name, containerName, calc);
    if (!proposal.ok) {
      const wrapped = container
        ? `failed to get ${containerName} container metric value: ${proposal.error}`
        : `failed to get ${source.name} resource metric value: ${proposal.error}`;
      return failure(reason, proposal.error, wrapped);
    }
    const status: MetricStatus = container
      ? {
          type: 'ContainerResource',
          containerResource: { name: source.name, container: containerName, current: proposal.current },
        }
      : { type: 'Resource', resource: { name: source.name, current: proposal.current } };
    return {
      ok: true,
      replicas: proposal.replicas,
      metricName: proposal.metricName,
      status,
    } satisfies MetricProposal;
  }
  if (UNSUPPORTED.has(spec.type)) {
    return failure(
      'InvalidMetricSourceType',
      `metric source type "${spec.type}" is not supported: Skiff measures only Resource and ContainerResource metrics`,
    );
  }
  return failure('InvalidMetricSourceType', `unknown metric source type "${String(spec.type)}"`);
}

/**
 * computeReplicasForMetrics: the highest proposal. No scaling at all when every metric failed, or when one
 * failed and the others would scale down (the failed one might have asked for more).
 */
export function computeReplicasForMetrics(
  specs: MetricSpec[],
  calc: Omit<CalculatorInput, 'resource' | 'container'>,
) {
  const statuses: MetricStatus[] = [];
  const warnings: { reason: string; message: string }[] = [];
  let replicas = 0;
  let metric = '';
  let invalid = 0;
  let firstFailure: MetricFailure | undefined;
  for (const spec of specs) {
    const result = metricProposal(spec, calc);
    if (!result.ok) {
      warnings.push({ reason: result.reason, message: result.message });
      firstFailure ??= result;
      invalid++;
      statuses.push({ type: spec.type });
      continue;
    }
    statuses.push(result.status);
    if (replicas === 0 || result.replicas > replicas) {
      replicas = result.replicas;
      metric = result.metricName;
    }
  }
  if (firstFailure && (invalid >= specs.length || replicas < calc.currentReplicas)) {
    return {
      ok: false as const,
      statuses,
      warnings,
      condition: cond(
        'ScalingActive',
        'False',
        firstFailure.reason,
        `the HPA was unable to compute the replica count: ${firstFailure.message}`,
      ),
      error: `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstFailure.wrapped}`,
    };
  }
  return {
    ok: true as const,
    replicas,
    metric,
    statuses,
    warnings,
    condition: cond(
      'ScalingActive',
      'True',
      'ValidMetricFound',
      `the HPA was able to successfully calculate a replica count from ${metric}`,
    ),
  };
}
