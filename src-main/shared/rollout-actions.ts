import type { Rollout } from './rollout-types';

// The kubectl-argo-rollouts plugin's operations as the patches it sends (pkg/kubectl-argo-rollouts/cmd/promote,
// abort, retry), so the UI and scripts do exactly what `kubectl argo rollouts <verb>` does. Each is a JSON merge
// patch, to the `status` subresource unless `subresource` is absent (then to the Rollout itself).

export type RolloutVerb = 'promote' | 'promote-full' | 'abort' | 'retry';

export interface RolloutPatch {
  subresource?: 'status';
  patch: Record<string, unknown>;
}

/** The patches, in order; empty when there is nothing to do. */
export function rolloutPatches(rollout: Rollout, verb: RolloutVerb): RolloutPatch[] {
  const status = rollout.status ?? {};
  const patches: RolloutPatch[] = [];
  switch (verb) {
    case 'abort':
      return [{ subresource: 'status', patch: { status: { abort: true } } }];
    case 'retry':
      return [{ subresource: 'status', patch: { status: { abort: false } } }];
    case 'promote-full':
      if (status.currentPodHash !== status.stableRS)
        patches.push({ subresource: 'status', patch: { status: { promoteFull: true } } });
      if (rollout.spec.paused) patches.push({ patch: { spec: { paused: false } } });
      return patches;
    case 'promote': {
      const steps = rollout.spec.strategy?.canary?.steps ?? [];
      const index = status.currentStepIndex;
      const next = index === undefined ? undefined : Math.min(index + 1, steps.length);
      const inconclusive = status.pauseConditions?.some((c) => c.reason === 'InconclusiveAnalysis');
      if (inconclusive && status.controllerPause && next !== undefined)
        patches.push({
          subresource: 'status',
          patch: { status: { pauseConditions: null, controllerPause: false, currentStepIndex: next } },
        });
      else if ((status.pauseConditions?.length ?? 0) > 0)
        patches.push({ subresource: 'status', patch: { status: { pauseConditions: null } } });
      else if (rollout.spec.strategy?.canary && next !== undefined)
        patches.push({
          subresource: 'status',
          patch: { status: { pauseConditions: null, currentStepIndex: next } },
        });
      if (rollout.spec.paused) patches.push({ patch: { spec: { paused: false } } });
      return patches;
    }
  }
}
