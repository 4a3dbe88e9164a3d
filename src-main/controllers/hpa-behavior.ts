import type { Condition } from '../shared/api-types';
import { generateScaleDownRules, generateScaleUpRules, type ScalingRules } from '../shared/hpa-scaling-rules';
import type { HPAScalingPolicy, HorizontalPodAutoscalerBehavior } from '../shared/autoscaling-types';

// What Kubernetes' HPA controller does with a metric proposal before scaling (pkg/controller/podautoscaler/
// horizontal.go): min/max bounds, stabilization windows, scaling policies, and the scale-event history those
// policies are measured against. The autoscaling/v2 behavior defaults are in shared/hpa-scaling-rules.ts.
// Pure: the history goes in and the updated history comes out.

export { generateScaleDownRules, generateScaleUpRules, type ScalingRules } from '../shared/hpa-scaling-rules';

export interface TimestampedRecommendation {
  timestamp: number; // ms
  replicas: number;
}

export interface ScaleEvent {
  replicaChange: number; // absolute value
  timestamp: number; // ms
  outdated: boolean;
}

/** Without behavior, a scale-up may at most double the replicas, or reach 4 (issue #32304). */
export const SCALE_UP_LIMIT_FACTOR = 2.0;
export const SCALE_UP_LIMIT_MINIMUM = 4.0;
/** --horizontal-pod-autoscaler-downscale-stabilization */
export const DOWNSCALE_STABILIZATION_WINDOW_SECONDS = 300;

function condition(type: string, status: Condition['status'], reason: string, message: string): Condition {
  return { type, status, reason, message };
}

export interface Normalized {
  replicas: number;
  /** AbleToScale and ScalingLimited, as the normalization sets them */
  conditions: Condition[];
  recommendations: TimestampedRecommendation[];
}

/** A new recommendation takes the slot of an expired one (oldIndex), else goes last. */
function storeRecommendation(
  recommendations: TimestampedRecommendation[],
  oldIndex: number,
  recommendation: TimestampedRecommendation,
): TimestampedRecommendation[] {
  if (oldIndex < 0) return [...recommendations, recommendation];
  return recommendations.map((r, i) => (i === oldIndex ? recommendation : r));
}

/**
 * stabilizeRecommendation (no behavior): the highest recommendation of the window, the new one included;
 * the new one replaces an expired one, if any.
 */
export function stabilizeRecommendation(
  recommendations: TimestampedRecommendation[],
  prenormalizedDesiredReplicas: number,
  windowSeconds: number,
  now: number,
): { replicas: number; recommendations: TimestampedRecommendation[] } {
  let maxRecommendation = prenormalizedDesiredReplicas;
  let oldIndex = -1;
  const cutoff = now - windowSeconds * 1000;
  recommendations.forEach((rec, i) => {
    if (rec.timestamp < cutoff) oldIndex = i;
    else if (rec.replicas > maxRecommendation) maxRecommendation = rec.replicas;
  });
  return {
    replicas: maxRecommendation,
    recommendations: storeRecommendation(recommendations, oldIndex, {
      timestamp: now,
      replicas: prenormalizedDesiredReplicas,
    }),
  };
}

const LIMIT_MESSAGES = {
  ScaleUpLimit: 'the desired replica count is increasing faster than the maximum scale rate',
  TooManyReplicas: 'the desired replica count is more than the maximum replica count',
  ScaleDownLimit: 'the desired replica count is decreasing faster than the maximum scale rate',
  TooFewReplicas: 'the desired replica count is less than the minimum replica count',
  DesiredWithinRange: 'the desired count is within the acceptable range',
};
export type Limited = { replicas: number; reason: keyof typeof LIMIT_MESSAGES; message: string };
const limited = (replicas: number, reason: Limited['reason']): Limited => ({
  replicas,
  reason,
  message: LIMIT_MESSAGES[reason],
});

/** convertDesiredReplicasWithRules: min/max bounds and the fixed scale-up limit, without behavior. */
export function convertDesiredReplicasWithRules(
  currentReplicas: number,
  desiredReplicas: number,
  minReplicas: number,
  maxReplicas: number,
): Limited {
  const scaleUpLimit = calculateScaleUpLimit(currentReplicas);
  const maximum =
    maxReplicas > scaleUpLimit
      ? limited(scaleUpLimit, 'ScaleUpLimit')
      : limited(maxReplicas, 'TooManyReplicas');
  if (desiredReplicas < minReplicas) return limited(minReplicas, 'TooFewReplicas');
  if (desiredReplicas > maximum.replicas) return maximum;
  return limited(desiredReplicas, 'DesiredWithinRange');
}

export function calculateScaleUpLimit(currentReplicas: number): number {
  return Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * currentReplicas, SCALE_UP_LIMIT_MINIMUM));
}

const SCALE_DOWN_STABILIZED =
  'recent recommendations were higher than current one, applying the highest recent recommendation';

/** The AbleToScale and ScalingLimited conditions a normalization reports. */
function normalized(
  prenormalized: number,
  stabilized: {
    replicas: number;
    reason: string;
    message: string;
    recommendations: TimestampedRecommendation[];
  },
  converted: Limited,
): Normalized {
  const ableToScale =
    stabilized.replicas !== prenormalized
      ? condition('AbleToScale', 'True', stabilized.reason, stabilized.message)
      : condition('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
  const scalingLimited = converted.replicas === stabilized.replicas ? 'False' : 'True';
  return {
    replicas: converted.replicas,
    conditions: [
      ableToScale,
      condition('ScalingLimited', scalingLimited, converted.reason, converted.message),
    ],
    recommendations: stabilized.recommendations,
  };
}

/** normalizeDesiredReplicas: the path Kubernetes takes when the HPA has no spec.behavior. */
export function normalizeDesiredReplicas(args: {
  currentReplicas: number;
  prenormalizedDesiredReplicas: number;
  minReplicas: number;
  maxReplicas: number;
  recommendations: TimestampedRecommendation[];
  downscaleStabilizationWindowSeconds?: number;
  now: number;
}): Normalized {
  const stabilized = stabilizeRecommendation(
    args.recommendations,
    args.prenormalizedDesiredReplicas,
    args.downscaleStabilizationWindowSeconds ?? DOWNSCALE_STABILIZATION_WINDOW_SECONDS,
    args.now,
  );
  const converted = convertDesiredReplicasWithRules(
    args.currentReplicas,
    stabilized.replicas,
    args.minReplicas,
    args.maxReplicas,
  );
  const held = { reason: 'ScaleDownStabilized', message: SCALE_DOWN_STABILIZED };
  return normalized(args.prenormalizedDesiredReplicas, { ...stabilized, ...held }, converted);
}

export interface NormalizationArg {
  scaleUp: ScalingRules;
  scaleDown: ScalingRules;
  minReplicas: number;
  maxReplicas: number;
  currentReplicas: number;
  desiredReplicas: number;
}

/**
 * stabilizeRecommendationWithBehaviors: the current count moved towards the new recommendation, but not past
 * the lowest recommendation of the scale-up window nor the highest of the scale-down window.
 */
export function stabilizeRecommendationWithBehaviors(
  args: NormalizationArg,
  recommendations: TimestampedRecommendation[],
  now: number,
): { replicas: number; reason: string; message: string; recommendations: TimestampedRecommendation[] } {
  let upRecommendation = args.desiredReplicas;
  const upCutoff = now - args.scaleUp.stabilizationWindowSeconds * 1000;
  let downRecommendation = args.desiredReplicas;
  const downCutoff = now - args.scaleDown.stabilizationWindowSeconds * 1000;
  let oldIndex = -1;
  recommendations.forEach((rec, i) => {
    if (rec.timestamp > upCutoff) upRecommendation = Math.min(rec.replicas, upRecommendation);
    if (rec.timestamp > downCutoff) downRecommendation = Math.max(rec.replicas, downRecommendation);
    if (rec.timestamp < upCutoff && rec.timestamp < downCutoff) oldIndex = i;
  });

  let recommendation = args.currentReplicas;
  if (recommendation < upRecommendation) recommendation = upRecommendation;
  if (recommendation > downRecommendation) recommendation = downRecommendation;

  const stored = storeRecommendation(recommendations, oldIndex, {
    timestamp: now,
    replicas: args.desiredReplicas,
  });
  const up = args.desiredReplicas >= args.currentReplicas;
  return {
    replicas: recommendation,
    reason: up ? 'ScaleUpStabilized' : 'ScaleDownStabilized',
    message: up
      ? 'recent recommendations were lower than current one, applying the lowest recent recommendation'
      : SCALE_DOWN_STABILIZED,
    recommendations: stored,
  };
}

/** The replicas added (or removed) by the events of the last periodSeconds. */
export function getReplicasChangePerPeriod(periodSeconds: number, events: ScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  return events.reduce((sum, e) => (e.timestamp > cutoff ? sum + e.replicaChange : sum), 0);
}

const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;

/** Each policy's limit, counted from the replicas there were when its period started. */
function policyLimits(
  currentReplicas: number,
  scaleUpEvents: ScaleEvent[],
  scaleDownEvents: ScaleEvent[],
  rules: ScalingRules,
  now: number,
  limit: (periodStartReplicas: number, policy: HPAScalingPolicy) => number,
): number[] {
  return rules.policies.map((policy) => {
    const added = getReplicasChangePerPeriod(policy.periodSeconds, scaleUpEvents, now);
    const deleted = getReplicasChangePerPeriod(policy.periodSeconds, scaleDownEvents, now);
    return limit(currentReplicas - added + deleted, policy);
  });
}

/** The most replicas the scale-up policies allow now. */
export function calculateScaleUpLimitWithScalingRules(
  currentReplicas: number,
  scaleUpEvents: ScaleEvent[],
  scaleDownEvents: ScaleEvent[],
  rules: ScalingRules,
  now: number,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const limits = policyLimits(currentReplicas, scaleUpEvents, scaleDownEvents, rules, now, (start, policy) =>
    policy.type === 'Pods'
      ? start + policy.value
      : // Rounded up, or a small percentage of few replicas would never add one.
        Math.ceil(start * (1 + policy.value / 100)),
  );
  // For scaling up, the smallest change ('Min') is the lowest limit.
  return rules.selectPolicy === 'Min' ? Math.min(INT32_MAX, ...limits) : Math.max(INT32_MIN, ...limits);
}

/** The fewest replicas the scale-down policies allow now. */
export function calculateScaleDownLimitWithBehaviors(
  currentReplicas: number,
  scaleUpEvents: ScaleEvent[],
  scaleDownEvents: ScaleEvent[],
  rules: ScalingRules,
  now: number,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const limits = policyLimits(currentReplicas, scaleUpEvents, scaleDownEvents, rules, now, (start, policy) =>
    policy.type === 'Pods' ? start - policy.value : Math.trunc(start * (1 - policy.value / 100)),
  );
  // For scaling down, the smallest change ('Min') is the highest limit.
  return rules.selectPolicy === 'Min' ? Math.max(INT32_MIN, ...limits) : Math.min(INT32_MAX, ...limits);
}

/** convertDesiredReplicasWithBehaviorRate: bounds and policy rates; stabilization is done before. */
export function convertDesiredReplicasWithBehaviorRate(
  args: NormalizationArg,
  scaleUpEvents: ScaleEvent[],
  scaleDownEvents: ScaleEvent[],
  now: number,
): Limited {
  const { currentReplicas: current, desiredReplicas: desired } = args;
  if (desired > current) {
    // Past events can put the limit below the current count: then hold until they age out.
    const limit = Math.max(
      current,
      calculateScaleUpLimitWithScalingRules(current, scaleUpEvents, scaleDownEvents, args.scaleUp, now),
    );
    const maximum =
      args.maxReplicas > limit
        ? limited(limit, 'ScaleUpLimit')
        : limited(args.maxReplicas, 'TooManyReplicas');
    if (desired > maximum.replicas) return maximum;
  } else if (desired < current) {
    const limit = Math.min(
      current,
      calculateScaleDownLimitWithBehaviors(current, scaleUpEvents, scaleDownEvents, args.scaleDown, now),
    );
    const minimum =
      args.minReplicas < limit
        ? limited(limit, 'ScaleDownLimit')
        : limited(args.minReplicas, 'TooFewReplicas');
    if (desired < minimum.replicas) return minimum;
  }
  return limited(desired, 'DesiredWithinRange');
}

/** normalizeDesiredReplicasWithBehaviors: stabilization, then bounds and policy rates. */
export function normalizeDesiredReplicasWithBehaviors(
  args: NormalizationArg & {
    recommendations: TimestampedRecommendation[];
    scaleUpEvents: ScaleEvent[];
    scaleDownEvents: ScaleEvent[];
    now: number;
  },
): Normalized {
  const stabilized = stabilizeRecommendationWithBehaviors(args, args.recommendations, args.now);
  const converted = convertDesiredReplicasWithBehaviorRate(
    { ...args, desiredReplicas: stabilized.replicas },
    args.scaleUpEvents,
    args.scaleDownEvents,
    args.now,
  );
  return normalized(args.desiredReplicas, stabilized, converted);
}

export function getLongestPolicyPeriod(rules: ScalingRules): number {
  return rules.policies.reduce((longest, p) => Math.max(longest, p.periodSeconds), 0);
}

/** markScaleEventsOutdated: events older than the longest policy period may be reused. */
export function markScaleEventsOutdated(
  events: ScaleEvent[],
  longestPolicyPeriod: number,
  now: number,
): ScaleEvent[] {
  const cutoff = now - longestPolicyPeriod * 1000;
  return events.map((e) => (e.timestamp < cutoff ? { ...e, outdated: true } : e));
}

/**
 * storeScaleEvent: records a rescale from prevReplicas to newReplicas in the history of its direction,
 * reusing the slot of an outdated event. Without behavior nothing is recorded, as nothing would read it.
 */
export function storeScaleEvent(
  behavior: HorizontalPodAutoscalerBehavior | undefined,
  history: { scaleUpEvents: ScaleEvent[]; scaleDownEvents: ScaleEvent[] },
  prevReplicas: number,
  newReplicas: number,
  now: number,
  downscaleStabilizationWindowSeconds = DOWNSCALE_STABILIZATION_WINDOW_SECONDS,
): { scaleUpEvents: ScaleEvent[]; scaleDownEvents: ScaleEvent[] } {
  if (!behavior) return history;
  const up = newReplicas > prevReplicas;
  const rules = up
    ? generateScaleUpRules(behavior.scaleUp)
    : generateScaleDownRules(behavior.scaleDown, downscaleStabilizationWindowSeconds);
  const events = markScaleEventsOutdated(
    up ? history.scaleUpEvents : history.scaleDownEvents,
    getLongestPolicyPeriod(rules),
    now,
  );
  const oldIndex = events.findLastIndex((e) => e.outdated);
  const event: ScaleEvent = {
    replicaChange: Math.abs(newReplicas - prevReplicas),
    timestamp: now,
    outdated: false,
  };
  const stored = oldIndex < 0 ? [...events, event] : events.map((e, i) => (i === oldIndex ? event : e));
  return up ? { ...history, scaleUpEvents: stored } : { ...history, scaleDownEvents: stored };
}
