import type { Condition } from '../shared/api-types';
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from '../shared/autoscaling-types';
import { parseQuantity } from '../shared/quantity';
import {
  DOWNSCALE_STABILIZATION_WINDOW_SECONDS,
  type Normalized,
  type ScaleEvent,
  type TimestampedRecommendation,
  generateScaleDownRules,
  generateScaleUpRules,
  normalizeDesiredReplicas,
  normalizeDesiredReplicasWithBehaviors,
  storeScaleEvent,
} from './hpa-behavior';
import { computeReplicasForMetrics } from './hpa-metric-proposals';
import {
  DEFAULT_TOLERANCE,
  type PodInfo,
  type PodMetricSample,
  type Tolerances,
} from './hpa-replica-calculator';

// One sync of Kubernetes' HPA controller (reconcileAutoscaler and computeReplicasForMetrics in
// pkg/controller/podautoscaler/horizontal.go) once the target's scale is read: what to scale to, the status to
// write and the events to record. Only Resource and ContainerResource metrics are measured here.

export type { PodInfo, PodMetricSample } from './hpa-replica-calculator';

/** What the controller keeps per HPA between syncs (Kubernetes keeps it in memory too). */
export interface AutoscalerMemory {
  recommendations: TimestampedRecommendation[];
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
}

export interface AutoscalerOptions {
  tolerance?: number; // --horizontal-pod-autoscaler-tolerance
  cpuInitializationPeriodMs?: number;
  delayOfInitialReadinessStatusMs?: number;
  downscaleStabilizationWindowSeconds?: number;
}

export interface AutoscalerInput {
  hpa: HorizontalPodAutoscaler;
  /** the target's spec.replicas (its scale subresource's spec) */
  currentReplicas: number;
  /** the pods the target's selector matches */
  pods: PodInfo[];
  /** metrics.k8s.io samples by pod name; a pod without one has no sample */
  metrics: Map<string, PodMetricSample>;
  now: number;
  /** emptyAutoscalerMemory() on the first sync of this HPA since the controller started */
  memory: AutoscalerMemory;
  options?: AutoscalerOptions;
}

export interface AutoscalerPlan {
  /** status.desiredReplicas; also the scale to write when `rescale` */
  desiredReplicas: number;
  rescale: boolean;
  /** for the SuccessfulRescale event: `New size: ${desiredReplicas}; reason: ${rescaleReason}` */
  rescaleReason?: string;
  /** status.currentMetrics, one entry per metric spec; a metric that failed has only its type */
  currentMetrics: MetricStatus[];
  /**
   * The conditions this sync sets, without lastTransitionTime. Merge them by type into the existing ones
   * (a type absent here keeps its previous value), as Kubernetes' setCondition does.
   */
  conditions: Condition[];
  /** Updated memory. It records the rescale as done: if writing the scale fails, keep the input's events. */
  memory: AutoscalerMemory;
  /** Warning events to record */
  warnings: { reason: string; message: string }[];
}

export function emptyAutoscalerMemory(): AutoscalerMemory {
  return { recommendations: [], scaleUpEvents: [], scaleDownEvents: [] };
}

const DEFAULT_METRICS: MetricSpec[] = [
  { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
];

function cond(type: string, status: Condition['status'], reason: string, message: string): Condition {
  return { type, status, reason, message };
}

function setCondition(conditions: Condition[], c: Condition): void {
  const i = conditions.findIndex((x) => x.type === c.type);
  if (i < 0) conditions.push(c);
  else conditions[i] = c;
}

/** tolerancesForHpa: behavior's per-direction tolerance, else the controller's. */
function tolerancesFor(hpa: HorizontalPodAutoscaler, fallback: number): Tolerances {
  const parse = (q: string | undefined) => (q === undefined ? undefined : parseQuantity(q));
  return {
    scaleDown: parse(hpa.spec.behavior?.scaleDown?.tolerance) ?? fallback,
    scaleUp: parse(hpa.spec.behavior?.scaleUp?.tolerance) ?? fallback,
  };
}

export function planAutoscaler(input: AutoscalerInput): AutoscalerPlan {
  const { hpa, currentReplicas, now } = input;
  const options = input.options ?? {};
  const downscaleWindow =
    options.downscaleStabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_WINDOW_SECONDS;
  const conditions: Condition[] = [];
  setCondition(
    conditions,
    cond(
      'AbleToScale',
      'True',
      'SucceededGetScale',
      "the HPA controller was able to get the target's current scale",
    ),
  );
  // recordInitialRecommendation: after a controller restart, scale-down waits for a full window. Once
  // recorded, the recommendations are never empty again, so empty stands for Kubernetes' nil.
  let memory: AutoscalerMemory =
    input.memory.recommendations.length > 0
      ? input.memory
      : { ...input.memory, recommendations: [{ timestamp: now, replicas: currentReplicas }] };
  const minReplicas = hpa.spec.minReplicas ?? 1;
  const maxReplicas = hpa.spec.maxReplicas;
  const warnings: AutoscalerPlan['warnings'] = [];
  let currentMetrics: MetricStatus[] = [];
  let desiredReplicas = 0;
  let rescaleReason = '';
  let rescale = true;

  if (currentReplicas === 0 && minReplicas !== 0) {
    desiredReplicas = 0;
    rescale = false;
    setCondition(
      conditions,
      cond(
        'ScalingActive',
        'False',
        'ScalingDisabled',
        'scaling is disabled since the replica count of the target is zero',
      ),
    );
  } else if (currentReplicas > maxReplicas) {
    rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
    desiredReplicas = maxReplicas;
  } else if (currentReplicas < minReplicas) {
    rescaleReason = 'Current number of replicas below Spec.MinReplicas';
    desiredReplicas = minReplicas;
  } else {
    const specs = hpa.spec.metrics?.length ? hpa.spec.metrics : DEFAULT_METRICS;
    const computed = computeReplicasForMetrics(specs, {
      currentReplicas,
      tolerances: tolerancesFor(hpa, options.tolerance ?? DEFAULT_TOLERANCE),
      pods: input.pods,
      samples: input.metrics,
      now,
      cpuInitializationPeriodMs: options.cpuInitializationPeriodMs,
      delayOfInitialReadinessStatusMs: options.delayOfInitialReadinessStatusMs,
    });
    warnings.push(...computed.warnings);
    setCondition(conditions, computed.condition);
    currentMetrics = computed.statuses;
    if (!computed.ok) {
      warnings.push({ reason: 'FailedComputeMetricsReplicas', message: computed.error });
      return {
        desiredReplicas: hpa.status?.desiredReplicas ?? 0,
        rescale: false,
        currentMetrics,
        conditions,
        memory,
        warnings,
      };
    }
    let rescaleMetric = '';
    if (computed.replicas > desiredReplicas) {
      desiredReplicas = computed.replicas;
      rescaleMetric = computed.metric;
    }
    if (desiredReplicas > currentReplicas) rescaleReason = `${rescaleMetric} above target`;
    if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target';
    const normalized: Normalized = hpa.spec.behavior
      ? normalizeDesiredReplicasWithBehaviors({
          scaleUp: generateScaleUpRules(hpa.spec.behavior.scaleUp),
          scaleDown: generateScaleDownRules(hpa.spec.behavior.scaleDown, downscaleWindow),
          minReplicas,
          maxReplicas,
          currentReplicas,
          desiredReplicas,
          recommendations: memory.recommendations,
          scaleUpEvents: memory.scaleUpEvents,
          scaleDownEvents: memory.scaleDownEvents,
          now,
        })
      : normalizeDesiredReplicas({
          currentReplicas,
          prenormalizedDesiredReplicas: desiredReplicas,
          minReplicas,
          maxReplicas,
          recommendations: memory.recommendations,
          downscaleStabilizationWindowSeconds: downscaleWindow,
          now,
        });
    for (const c of normalized.conditions) setCondition(conditions, c);
    memory = { ...memory, recommendations: normalized.recommendations };
    desiredReplicas = normalized.replicas;
    rescale = desiredReplicas !== currentReplicas;
  }

  if (!rescale) {
    return { desiredReplicas: currentReplicas, rescale, currentMetrics, conditions, memory, warnings };
  }
  setCondition(
    conditions,
    cond(
      'AbleToScale',
      'True',
      'SucceededRescale',
      `the HPA controller was able to update the target scale to ${desiredReplicas}`,
    ),
  );
  memory = {
    ...memory,
    ...storeScaleEvent(hpa.spec.behavior, memory, currentReplicas, desiredReplicas, now, downscaleWindow),
  };
  return { desiredReplicas, rescale, rescaleReason, currentMetrics, conditions, memory, warnings };
}
