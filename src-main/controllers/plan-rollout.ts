import { controllerRef } from '../shared/owner-refs';
import { selectorRequirements, selectorString } from '../shared/label-selector';
import {
  ROLLOUT_POD_TEMPLATE_HASH,
  ROLLOUT_REVISION_ANNOTATION,
  ROLLOUT_DESIRED_REPLICAS_ANNOTATION,
  SCALE_DOWN_DEADLINE_ANNOTATION,
  type CanaryStep,
  type Rollout,
  type RolloutStatus,
} from '../shared/rollout-types';
import type { Service } from '../shared/service-types';
import type { PodTemplateSpec, ReplicaSet } from '../shared/workload-types';
import { templateHash } from './deployment-util';
import { fnv32 } from './controller-history';
import { canaryFenceposts, basicCanaryCounts, trafficRoutedCanaryCounts } from './rollout-replicas';
import { ROLLOUT_REASONS as R, removeCondition, setCondition } from './rollout-status';
import { stepResult, type StepAnalysis } from './rollout-steps';

// Argo Rollouts' controller rules (rollout/canary.go, rollout/bluegreen.go, rollout/sync.go), pure: from the
// Rollout, its ReplicaSets and Services and the clock, what to create, scale and patch, and the new status.
// Steps are state on the object: status.currentStepIndex, pauseConditions, controllerPause, abort, promoteFull —
// the same fields kubectl-argo-rollouts patches for promote, abort and retry.

export type RolloutAction =
  | { type: 'createReplicaSet'; replicaSet: ReplicaSet }
  | { type: 'scaleReplicaSet'; name: string; replicas: number; annotations?: Record<string, string | null> }
  | { type: 'deleteReplicaSet'; name: string }
  | { type: 'patchService'; name: string; hash: string; canary?: { service: string; weight: number } }
  | { type: 'event'; eventType: 'Normal' | 'Warning'; reason: string; message: string };

export interface RolloutObserved {
  /** The pod template (the Rollout's own, or its workloadRef's). */
  template: PodTemplateSpec;
  selector: ReplicaSet['spec']['selector'];
  replicaSets: ReplicaSet[];
  services: Record<string, Service | undefined>;
  /** The result of the current step's analysis, if it has one. */
  analysis?: StepAnalysis;
}

export interface RolloutPlan {
  actions: RolloutAction[];
  status: RolloutStatus;
  requeueAfterMs?: number;
  /** The step index whose analysis should be running (its AnalysisRun is the controller's business). */
  analysisStep?: number;
}

const DEFAULT_TRAFFIC_SCALE_DOWN_DELAY = 30;
const hashOf = (rs: ReplicaSet) => rs.metadata.labels?.[ROLLOUT_POD_TEMPLATE_HASH] ?? '';
const revisionOf = (rs: ReplicaSet) =>
  Number(rs.metadata.annotations?.[ROLLOUT_REVISION_ANNOTATION] ?? 0) || 0;
const specOf = (rs: ReplicaSet | undefined) => rs?.spec.replicas ?? 0;
const availableOf = (rs: ReplicaSet | undefined) => rs?.status?.availableReplicas ?? 0;
const rfc3339 = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** Argo's ComputeStepHash: a new list of steps restarts them. */
export const stepsHash = (steps: CanaryStep[] | undefined) =>
  String(fnv32(JSON.stringify(steps ?? [])).toString(16));

/** The weight the current step asks for (GetCurrentSetWeight), and setCanaryScale's replicas or weight. */
export function currentWeight(
  steps: CanaryStep[],
  index: number,
): { weight: number; scale?: CanaryStep['setCanaryScale'] } {
  if (index >= steps.length) return { weight: 100 };
  let weight = 0;
  for (let i = index; i >= 0; i--)
    if (steps[i]?.setWeight !== undefined) {
      weight = steps[i]!.setWeight!;
      break;
    }
  for (let i = index; i >= 0; i--) {
    const scale = steps[i]?.setCanaryScale;
    if (!scale) continue;
    return scale.matchTrafficWeight ? { weight } : { weight, scale };
  }
  return { weight };
}

export function planRollout(rollout: Rollout, observed: RolloutObserved, now: number): RolloutPlan {
  const name = rollout.metadata.name ?? '';
  const nowText = rfc3339(now);
  const actions: RolloutAction[] = [];
  const status: RolloutStatus = structuredClone(rollout.status ?? {});
  const replicas = rollout.spec.replicas ?? 1;
  const canary = rollout.spec.strategy?.canary;
  const blueGreen = rollout.spec.strategy?.blueGreen;
  const steps = canary?.steps ?? [];
  const hash = templateHash(observed.template, status.collisionCount ?? 0);
  const event = (eventType: 'Normal' | 'Warning', reason: string, message: string) =>
    actions.push({ type: 'event', eventType, reason, message });
  let requeue: number | undefined;
  const wakeAt = (ms: number) => (requeue = Math.min(requeue ?? Infinity, Math.max(0, ms - now)));

  const missing = [
    canary?.canaryService,
    canary?.stableService,
    blueGreen?.activeService,
    blueGreen?.previewService,
  ]
    .filter((s): s is string => !!s)
    .find((s) => !observed.services[s]);
  if (missing) {
    const field = canary
      ? canary.canaryService === missing
        ? 'canaryService'
        : 'stableService'
      : blueGreen?.activeService === missing
        ? 'activeService'
        : 'previewService';
    const message = `The Rollout "${name}" is invalid: spec.strategy.${canary ? 'canary' : 'blueGreen'}.${field}: Invalid value: "${missing}": service "${missing}" not found`;
    setCondition(status, 'InvalidSpec', 'True', R.invalidSpec, message, nowText);
    status.phase = 'Degraded';
    status.message = `InvalidSpec: ${message}`;
    status.observedGeneration = String(rollout.metadata.generation ?? 0);
    return { actions, status, requeueAfterMs: 5000 };
  }
  removeCondition(status, 'InvalidSpec');

  // The ReplicaSet of the current template: found, re-numbered (an undo brings an old one back), or created.
  const maxRevision = Math.max(0, ...observed.replicaSets.map(revisionOf));
  let newRS = observed.replicaSets.find((rs) => hashOf(rs) === hash);
  let revision = newRS ? revisionOf(newRS) : maxRevision + 1;
  if (!newRS) {
    const labels = { ...observed.template.metadata?.labels, [ROLLOUT_POD_TEMPLATE_HASH]: hash };
    newRS = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${name}-${hash}`,
        namespace: rollout.metadata.namespace,
        labels,
        annotations: {
          [ROLLOUT_REVISION_ANNOTATION]: String(revision),
          [ROLLOUT_DESIRED_REPLICAS_ANNOTATION]: String(replicas),
        },
        ownerReferences: [controllerRef(rollout)],
      },
      spec: {
        replicas: 0,
        minReadySeconds: rollout.spec.minReadySeconds,
        selector: {
          ...observed.selector,
          matchLabels: { ...observed.selector.matchLabels, [ROLLOUT_POD_TEMPLATE_HASH]: hash },
        },
        template: { ...observed.template, metadata: { ...observed.template.metadata, labels } },
      },
    };
    actions.push({ type: 'createReplicaSet', replicaSet: newRS });
  } else if (revision < maxRevision && status.currentPodHash !== hash) {
    revision = maxRevision + 1;
    actions.push({
      type: 'scaleReplicaSet',
      name: newRS.metadata.name ?? '',
      replicas: specOf(newRS),
      annotations: { [ROLLOUT_REVISION_ANNOTATION]: String(revision) },
    });
  }

  // A new template (or new steps) starts the steps again; the first template is stable at once.
  if (status.currentPodHash !== hash) {
    if (status.currentPodHash) event('Normal', 'RolloutUpdated', `Rollout updated to revision ${revision}`);
    status.currentPodHash = hash;
    status.currentStepIndex = steps.length ? 0 : undefined;
    status.pauseConditions = null;
    status.controllerPause = false;
    status.abort = false;
    status.promoteFull = false;
    delete status.abortedAt;
    if (status.canary) delete status.canary.currentStepAnalysisRunStatus;
  }
  const stepHash = canary ? stepsHash(steps) : undefined;
  if (status.currentStepHash !== stepHash) {
    if (status.currentStepHash !== undefined && status.stableRS !== hash)
      status.currentStepIndex = steps.length ? 0 : undefined;
    status.currentStepHash = stepHash;
  }
  if (!status.stableRS) status.stableRS = hash;
  const stableRS =
    status.stableRS === hash ? newRS : observed.replicaSets.find((rs) => hashOf(rs) === status.stableRS);
  const promoted = status.stableRS === hash;
  if (promoted && steps.length) status.currentStepIndex = steps.length;
  const index = Math.min(status.currentStepIndex ?? steps.length, steps.length);
  const aborted = !!status.abort && !promoted;
  const paused = !!rollout.spec.paused || (status.pauseConditions?.length ?? 0) > 0;
  const trafficRouted = !!canary && !!canary.canaryService && !!canary.stableService;

  // Desired replicas of the new and stable ReplicaSets.
  const olds = observed.replicaSets.filter((rs) => rs !== newRS && rs !== stableRS);
  let newCount: number;
  let stableCount: number;
  let weight = 0;
  if (promoted) {
    [newCount, stableCount, weight] = [replicas, replicas, 0];
  } else if (blueGreen) {
    newCount = aborted ? 0 : (blueGreen.previewReplicaCount ?? replicas);
    stableCount = replicas;
  } else {
    const wanted = status.promoteFull
      ? { weight: 100 }
      : aborted
        ? { weight: 0 }
        : currentWeight(steps, index);
    weight = wanted.weight;
    if (trafficRouted) {
      const scale =
        wanted.scale?.replicas ??
        (wanted.scale?.weight !== undefined ? Math.ceil((wanted.scale.weight * replicas) / 100) : undefined);
      [newCount, stableCount] = trafficRoutedCanaryCounts({
        replicas,
        weight,
        canaryScale: scale,
        dynamicStableScale: canary?.dynamicStableScale,
      });
    } else {
      const fence = canaryFenceposts(replicas, canary?.maxSurge, canary?.maxUnavailable);
      [newCount, stableCount] = basicCanaryCounts({
        replicas,
        weight,
        ...fence,
        newRS,
        stableRS,
        oldReplicas: olds.reduce((n, rs) => n + specOf(rs), 0),
      });
    }
  }

  // An aborted canary keeps its pods for abortScaleDownDelaySeconds (traffic has left them at once).
  const abortDelay =
    (canary ?? blueGreen)?.abortScaleDownDelaySeconds ??
    (trafficRouted || blueGreen ? DEFAULT_TRAFFIC_SCALE_DOWN_DELAY : 0);
  const deadlineOf = (rs: ReplicaSet) =>
    Date.parse(rs.metadata.annotations?.[SCALE_DOWN_DEADLINE_ANNOTATION] ?? '');
  const scale = (rs: ReplicaSet, count: number, annotations?: Record<string, string | null>) => {
    const created = actions.find((a) => a.type === 'createReplicaSet' && a.replicaSet === rs);
    if (created) return void (rs.spec.replicas = count);
    if (specOf(rs) !== count || annotations)
      actions.push({
        type: 'scaleReplicaSet',
        name: rs.metadata.name ?? '',
        replicas: count,
        ...(annotations ? { annotations } : {}),
      });
  };
  if (!promoted && newRS !== stableRS) {
    if (aborted && abortDelay > 0 && specOf(newRS) > 0) {
      const deadline = deadlineOf(newRS);
      if (Number.isNaN(deadline))
        scale(newRS, specOf(newRS), { [SCALE_DOWN_DEADLINE_ANNOTATION]: rfc3339(now + abortDelay * 1000) });
      else if (deadline <= now) scale(newRS, 0, { [SCALE_DOWN_DEADLINE_ANNOTATION]: null });
      else wakeAt(deadline);
    } else if (!aborted && !Number.isNaN(deadlineOf(newRS))) {
      // An old ReplicaSet brought back (undo, or a retry) is no longer on its way out.
      scale(newRS, newCount, { [SCALE_DOWN_DEADLINE_ANNOTATION]: null });
    } else scale(newRS, newCount);
  }
  if (stableRS)
    scale(
      stableRS,
      promoted ? replicas : stableCount,
      stableRS.metadata.annotations?.[SCALE_DOWN_DEADLINE_ANNOTATION]
        ? { [SCALE_DOWN_DEADLINE_ANNOTATION]: null }
        : undefined,
    );
  for (const old of olds) {
    if (specOf(old) === 0) continue;
    const deadline = deadlineOf(old);
    if (!Number.isNaN(deadline) && deadline > now) wakeAt(deadline);
    else scale(old, 0, Number.isNaN(deadline) ? undefined : { [SCALE_DOWN_DEADLINE_ANNOTATION]: null });
  }

  // Steps: one transition per sync; the status write brings the next sync.
  let analysisStep: number | undefined;
  const newAvailable =
    availableOf(newRS) >= newCount &&
    specOf(newRS) === newCount &&
    !actions.some((a) => a.type === 'createReplicaSet');
  if (!promoted && !aborted && !rollout.spec.paused) {
    if (blueGreen) {
      if (newAvailable) {
        const pause = status.pauseConditions?.find((c) => c.reason === 'BlueGreenPause');
        const auto = blueGreen.autoPromotionEnabled !== false;
        if (status.promoteFull || (auto && !blueGreen.autoPromotionSeconds)) status.stableRS = hash;
        else if (!pause && status.controllerPause) status.stableRS = hash;
        else if (!pause) {
          status.pauseConditions = [
            ...(status.pauseConditions ?? []),
            { reason: 'BlueGreenPause', startTime: nowText },
          ];
          status.controllerPause = true;
          event('Normal', 'RolloutPaused', 'Rollout is paused (BlueGreenPause)');
        } else if (auto && blueGreen.autoPromotionSeconds) {
          const end = Date.parse(pause.startTime) + blueGreen.autoPromotionSeconds * 1000;
          if (end <= now) status.stableRS = hash;
          else wakeAt(end);
        }
      }
    } else if (status.promoteFull || index >= steps.length) {
      if (newAvailable) status.stableRS = hash;
    } else if (!paused || status.controllerPause) {
      const step = steps[index]!;
      const result = stepResult(step, {
        status,
        now,
        ready: newAvailable && availableOf(stableRS) >= Math.min(stableCount, specOf(stableRS)),
        analysis: observed.analysis,
      });
      if (result.wakeAt !== undefined) wakeAt(result.wakeAt);
      if (result.analysis) analysisStep = index;
      for (const e of result.events) event(e.type, e.reason, e.message);
      if (result.abort) status.abort = true;
      if (result.done) {
        status.currentStepIndex = index + 1;
        status.pauseConditions = null;
        status.controllerPause = false;
        event(
          'Normal',
          'RolloutStepCompleted',
          `Rollout step ${index + 1}/${steps.length} completed (${describeStep(step)})`,
        );
      }
    }
  }
  if (!status.abort) delete status.abortedAt;
  if (status.abort && !status.abortedAt && !promoted) {
    status.abortedAt = nowText;
    const run = status.canary?.currentStepAnalysisRunStatus;
    const why =
      run && (run.status === 'Failed' || run.status === 'Error') ? `: ${run.message ?? run.status}` : '';
    event('Warning', 'RolloutAborted', `Rollout aborted update to revision ${revision}${why}`);
  }
  if (status.stableRS !== rollout.status?.stableRS && rollout.status?.stableRS && status.stableRS === hash) {
    // The previous stable keeps serving while traffic moves (scaleDownDelaySeconds), then goes.
    const previous = stableRS;
    const delay =
      (canary ?? blueGreen)?.scaleDownDelaySeconds ??
      (trafficRouted || blueGreen ? DEFAULT_TRAFFIC_SCALE_DOWN_DELAY : 0);
    if (previous && previous !== newRS && specOf(previous) > 0 && delay > 0)
      scale(previous, specOf(previous), { [SCALE_DOWN_DEADLINE_ANNOTATION]: rfc3339(now + delay * 1000) });
    status.promoteFull = false;
    status.pauseConditions = null;
    status.controllerPause = false;
    if (steps.length) status.currentStepIndex = steps.length;
    event(
      'Normal',
      'RolloutCompleted',
      `Rollout completed update to revision ${revision} (${hash}): Completed all ${steps.length} canary steps`,
    );
  }

  // Services: selectors patched with the pod-template-hash; Skiff's proxy weights the stable Service.
  const nowPromoted = status.stableRS === hash;
  const stableHash = status.stableRS ?? hash;
  if (canary?.stableService) {
    const w = nowPromoted ? 0 : status.abort ? 0 : weight;
    actions.push({
      type: 'patchService',
      name: canary.stableService,
      hash: stableHash,
      ...(canary.canaryService ? { canary: { service: canary.canaryService, weight: w } } : {}),
    });
    status.canary = {
      ...status.canary,
      weights: {
        canary: { weight: w, podTemplateHash: hash, serviceName: canary.canaryService },
        stable: { weight: 100 - w, podTemplateHash: stableHash, serviceName: canary.stableService },
      },
    };
  }
  if (canary?.canaryService) actions.push({ type: 'patchService', name: canary.canaryService, hash });
  if (blueGreen) {
    actions.push({ type: 'patchService', name: blueGreen.activeService, hash: stableHash });
    const preview = status.abort && !nowPromoted ? stableHash : hash;
    if (blueGreen.previewService)
      actions.push({ type: 'patchService', name: blueGreen.previewService, hash: preview });
    status.blueGreen = {
      activeSelector: stableHash,
      ...(blueGreen.previewService ? { previewSelector: preview } : {}),
    };
  }

  // Revision history: ReplicaSets scaled to 0 beyond revisionHistoryLimit go, oldest first.
  const limit = rollout.spec.revisionHistoryLimit ?? 10;
  const idle = olds.filter(
    (rs) =>
      specOf(rs) === 0 &&
      (rs.status?.replicas ?? 0) === 0 &&
      !actions.some((a) => a.type === 'scaleReplicaSet' && a.name === rs.metadata.name),
  );
  idle.sort((a, b) => revisionOf(a) - revisionOf(b));
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit)))
    actions.push({ type: 'deleteReplicaSet', name: rs.metadata.name ?? '' });

  writeStatus(rollout, status, { observed, newRS, stableRS, replicas, revision, hash, nowText });
  return {
    actions,
    status,
    ...(requeue !== undefined ? { requeueAfterMs: requeue } : {}),
    ...(analysisStep !== undefined ? { analysisStep } : {}),
  };
}

export function describeStep(step: CanaryStep): string {
  if (step.setWeight !== undefined) return `setWeight: ${step.setWeight}`;
  if (step.pause) return step.pause.duration !== undefined ? `pause: ${step.pause.duration}` : 'pause';
  if (step.setCanaryScale) return `setCanaryScale: ${JSON.stringify(step.setCanaryScale)}`;
  if (step.analysis) return 'analysis';
  if (step.setHeaderRoute) return `setHeaderRoute: ${step.setHeaderRoute.name}`;
  return Object.keys(step)[0] ?? 'step';
}

function writeStatus(
  rollout: Rollout,
  status: RolloutStatus,
  c: {
    observed: RolloutObserved;
    newRS: ReplicaSet;
    stableRS?: ReplicaSet;
    replicas: number;
    revision: number;
    hash: string;
    nowText: string;
  },
): void {
  const all = c.observed.replicaSets;
  const sum = (key: 'replicas' | 'readyReplicas' | 'availableReplicas') =>
    all.reduce((n, rs) => n + (rs.status?.[key] ?? 0), 0);
  status.replicas = sum('replicas');
  status.updatedReplicas = c.newRS.status?.replicas ?? 0;
  status.readyReplicas = sum('readyReplicas');
  status.availableReplicas = sum('availableReplicas');
  status.HPAReplicas = status.replicas;
  status.selector = selectorString(selectorRequirements(c.observed.selector));
  status.observedGeneration = String(rollout.metadata.generation ?? 0);
  const rsName = c.newRS.metadata.name ?? '';
  const promoted = status.stableRS === c.hash;
  // Old ReplicaSets kept for scaleDownDelaySeconds do not hold up Healthy: traffic has already left them.
  const leaving = all
    .filter((rs) => rs !== c.newRS && rs.metadata.annotations?.[SCALE_DOWN_DEADLINE_ANNOTATION])
    .reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0);
  const healthy = promoted && availableOf(c.newRS) >= c.replicas && status.replicas - leaving === c.replicas;
  const minAvailable =
    c.replicas -
    canaryFenceposts(
      c.replicas,
      rollout.spec.strategy?.canary?.maxSurge,
      rollout.spec.strategy?.canary?.maxUnavailable,
    ).maxUnavailable;
  setCondition(
    status,
    'Available',
    (status.availableReplicas ?? 0) >= minAvailable ? 'True' : 'False',
    R.available,
    (status.availableReplicas ?? 0) >= minAvailable
      ? 'Rollout has minimum availability'
      : 'Rollout does not have minimum availability',
    c.nowText,
  );
  const paused = !!rollout.spec.paused || (status.pauseConditions?.length ?? 0) > 0;
  if (status.abort && !promoted) {
    const message = `Rollout aborted update to revision ${c.revision}`;
    setCondition(status, 'Progressing', 'False', R.aborted, message, c.nowText);
    status.phase = 'Degraded';
    const reason = status.canary?.currentStepAnalysisRunStatus;
    const why =
      reason && (reason.status === 'Failed' || reason.status === 'Error') ? reason.message : undefined;
    status.message = `RolloutAborted: ${message}${why ? `: ${why}` : ''}`;
  } else if (paused && !promoted) {
    setCondition(status, 'Progressing', 'Unknown', R.paused, 'Rollout is paused', c.nowText);
    setCondition(status, 'Paused', 'True', R.paused, 'Rollout is paused', c.nowText);
    status.phase = 'Paused';
    status.message = status.pauseConditions?.[0]?.reason ?? 'manually paused';
  } else if (healthy) {
    setCondition(
      status,
      'Progressing',
      'True',
      R.newReplicaSetAvailable,
      `ReplicaSet "${rsName}" has successfully progressed.`,
      c.nowText,
    );
    status.phase = 'Healthy';
    delete status.message;
  } else {
    setCondition(
      status,
      'Progressing',
      'True',
      R.replicaSetUpdated,
      `ReplicaSet "${rsName}" is progressing.`,
      c.nowText,
    );
    status.phase = 'Progressing';
    status.message =
      (c.newRS.status?.replicas ?? 0) < (c.newRS.spec.replicas ?? 0) || !promoted
        ? 'more replicas need to be updated'
        : status.replicas > c.replicas
          ? 'old replicas are pending termination'
          : 'updated replicas are still becoming available';
  }
  if (!paused || promoted) removeCondition(status, 'Paused');
  setCondition(
    status,
    'Healthy',
    healthy ? 'True' : 'False',
    R.healthy,
    healthy ? 'Rollout is healthy' : 'Rollout is not healthy',
    c.nowText,
  );
  setCondition(
    status,
    'Completed',
    healthy ? 'True' : 'False',
    R.completed,
    healthy ? 'Rollout is Completed' : 'Rollout is not completed',
    c.nowText,
  );
}
