import type { ReplicaSet } from '../shared/workload-types';
import { resolveIntOrPercent } from './deployment-util';

// Argo Rollouts' replica arithmetic for a canary (utils/replicaset/canary.go), pure.

const spec = (rs: ReplicaSet | undefined) => rs?.spec.replicas ?? 0;
const available = (rs: ReplicaSet | undefined) => rs?.status?.availableReplicas ?? 0;

/** maxSurge / maxUnavailable of a canary (defaults 25% / 25%; both zero would deadlock, so unavailable 1). */
export function canaryFenceposts(
  replicas: number,
  maxSurge: number | string | undefined,
  maxUnavailable: number | string | undefined,
): { maxSurge: number; maxUnavailable: number } {
  const surge = resolveIntOrPercent(maxSurge, replicas, true, '25%');
  let unavailable = resolveIntOrPercent(maxUnavailable, replicas, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { maxSurge: surge, maxUnavailable: unavailable };
}

const floorCeilingTied = (weight: number, replicas: number) => ((replicas * weight) / 100) % 1 === 0.5;
const weightDelta = (weight: number, canary: number, total: number) =>
  Math.abs((canary * 100) / total - weight);

/** approximateWeightedCanaryStableReplicaCounts: the canary/stable split of spec.replicas nearest the weight. */
export function approximateCanaryStable(
  replicas: number,
  weight: number,
  maxSurge: number,
): [number, number] {
  if (replicas === 0) return [0, 0];
  const ceil = Math.ceil((replicas * weight) / 100);
  const floor = Math.floor((replicas * weight) / 100);
  const tied = floorCeilingTied(weight, replicas);
  const zeroAllowed = weight === 100 || weight === 0 || (replicas === 1 && maxSurge === 0);
  const options: Array<[number, number]> = [];
  if (ceil < replicas || zeroAllowed) options.push([ceil, replicas]);
  if (!tied && (floor !== 0 || zeroAllowed)) options.push([floor, replicas]);
  if (maxSurge > 0) {
    options.push([ceil, replicas + 1]);
    if (!floorCeilingTied(weight, replicas + 1) && (floor !== 0 || zeroAllowed))
      options.push([floor, replicas + 1]);
  }
  if (options.length === 0) return [0, replicas];
  let best = options[0]!;
  for (const option of options.slice(1))
    if (weightDelta(weight, option[0], option[1]) < weightDelta(weight, best[0], best[1])) best = option;
  return [best[0], best[1] - best[0]];
}

function scaleDownFor(rs: ReplicaSet | undefined, ignoreAvailability: boolean): number {
  if (!rs) return 0;
  if (spec(rs) < available(rs) || ignoreAvailability) return spec(rs);
  return available(rs);
}

function adjustWithinLimits(
  drain: ReplicaSet | undefined,
  adjust: ReplicaSet | undefined,
  drainCount: number,
  adjustCount: number,
  maxAllowed: number,
  minAvailable: number,
): [number, number] {
  let over = Math.max(0, adjustCount + drainCount - maxAllowed);
  let totalAvailable = drain ? Math.min(available(drain), drainCount) : 0;
  if (adjust) {
    adjustCount -= over;
    totalAvailable += Math.min(available(adjust), adjustCount);
    const extra = Math.max(0, available(adjust) - adjustCount);
    adjustCount += Math.min(extra, Math.max(0, minAvailable - totalAvailable));
    over = Math.max(0, adjustCount + drainCount - maxAllowed);
    drainCount -= over;
  }
  return [drainCount, adjustCount];
}

/**
 * CalculateReplicaCountsForBasicCanary: without a traffic router the weight is the share of pods, reached within
 * maxSurge and maxUnavailable. Returns [canary, stable].
 */
export function basicCanaryCounts(input: {
  replicas: number;
  weight: number;
  maxSurge: number;
  maxUnavailable: number;
  newRS: ReplicaSet | undefined;
  stableRS: ReplicaSet | undefined;
  oldReplicas: number;
}): [number, number] {
  const { replicas, weight, maxSurge, maxUnavailable, newRS, stableRS } = input;
  let [desiredNew, desiredStable] = approximateCanaryStable(replicas, weight, maxSurge);
  const scaleStable = stableRS !== undefined && stableRS !== newRS;
  let stableCount = scaleStable ? spec(stableRS) : 0;
  let newCount = spec(newRS);
  if (!scaleStable) {
    desiredNew = replicas;
    desiredStable = 0;
  }
  const maxAllowed = replicas + maxSurge;
  const total = input.oldReplicas + spec(newRS) + (scaleStable ? spec(stableRS) : 0);
  let scaleUp = maxAllowed - total;
  if (scaleStable && spec(stableRS) < desiredStable && scaleUp > 0) {
    if (spec(stableRS) + scaleUp < desiredStable) {
      stableCount = spec(stableRS) + scaleUp;
      scaleUp = 0;
    } else {
      stableCount = desiredStable;
      scaleUp -= desiredStable - spec(stableRS);
    }
  }
  if (newRS && spec(newRS) < desiredNew && scaleUp > 0)
    newCount = Math.min(desiredNew, spec(newRS) + scaleUp);
  if (input.oldReplicas > 0) return [newCount, stableCount];
  const minAvailable = replicas - maxUnavailable;
  const increasing = !newRS || desiredNew >= spec(newRS);
  const toScaleDown =
    scaleDownFor(newRS, !increasing) + scaleDownFor(scaleStable ? stableRS : undefined, increasing);
  if (toScaleDown <= minAvailable) return [newCount, stableCount];
  const scaleDown = toScaleDown - minAvailable;
  if (!increasing) {
    if (newRS && spec(newRS) > desiredNew) newCount = Math.max(desiredNew, spec(newRS) - scaleDown);
    [newCount, stableCount] = adjustWithinLimits(
      newRS,
      stableRS,
      newCount,
      stableCount,
      maxAllowed,
      minAvailable,
    );
  } else if (scaleStable) {
    if (spec(stableRS) > desiredStable) stableCount = Math.max(desiredStable, spec(stableRS) - scaleDown);
    [stableCount, newCount] = adjustWithinLimits(
      stableRS,
      newRS,
      stableCount,
      newCount,
      maxAllowed,
      minAvailable,
    );
  }
  return [newCount, stableCount];
}

/** CalculateReplicaCountsForTrafficRoutedCanary: the router splits traffic, stable stays fully scaled. */
export function trafficRoutedCanaryCounts(input: {
  replicas: number;
  weight: number;
  canaryScale?: number;
  dynamicStableScale?: boolean;
}): [number, number] {
  const canary = input.canaryScale ?? Math.ceil((input.weight * input.replicas) / 100);
  if (!input.dynamicStableScale) return [canary, input.replicas];
  return [canary, Math.ceil(((100 - input.weight) * input.replicas) / 100)];
}
