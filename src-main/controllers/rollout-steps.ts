import type { CanaryStep, RolloutStatus } from '../shared/rollout-types';

// One canary step's progress (rollout/canary.go completedCurrentCanaryStep), pure.

/** The current step's AnalysisRun as the controller found it. */
export interface StepAnalysis {
  name: string;
  phase: 'Pending' | 'Running' | 'Successful' | 'Failed' | 'Error' | 'Inconclusive';
  message?: string;
}

export interface StepResult {
  done: boolean;
  /** The step's analysis should be running now. */
  analysis?: boolean;
  /** Why the rollout aborts (a failed analysis). */
  abort?: string;
  wakeAt?: number;
  events: Array<{ type: 'Normal' | 'Warning'; reason: string; message: string }>;
}

/** A pause's duration: seconds as a number or "30" / "30s" / "5m" / "1h" (Argo's DurationString). */
export function durationSeconds(duration: number | string): number | undefined {
  if (typeof duration === 'number') return duration;
  const match = /^(\d+)(s|m|h)?$/.exec(duration.trim());
  if (!match) return undefined;
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[(match[2] ?? 's') as 's' | 'm' | 'h'];
}

/** Mutates status.pauseConditions/controllerPause for a pause step, and says whether the step is done. */
export function stepResult(
  step: CanaryStep,
  context: { status: RolloutStatus; now: number; ready: boolean; analysis?: StepAnalysis },
): StepResult {
  const { status, now } = context;
  const events: StepResult['events'] = [];
  if (step.setWeight !== undefined || step.setCanaryScale) return { done: context.ready, events };
  if (step.pause) {
    const pause = status.pauseConditions?.find((c) => c.reason === 'CanaryPauseStep');
    // Promoted: kubectl argo rollouts promote cleared pauseConditions while the controller had paused.
    if (!pause && status.controllerPause) return { done: true, events };
    if (!pause) {
      status.pauseConditions = [
        ...(status.pauseConditions ?? []),
        {
          reason: 'CanaryPauseStep',
          startTime: new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
        },
      ];
      status.controllerPause = true;
      events.push({
        type: 'Normal',
        reason: 'RolloutPaused',
        message: 'Rollout is paused (CanaryPauseStep)',
      });
      const seconds = step.pause.duration === undefined ? undefined : durationSeconds(step.pause.duration);
      return { done: false, events, ...(seconds !== undefined ? { wakeAt: now + seconds * 1000 } : {}) };
    }
    if (step.pause.duration === undefined) return { done: false, events };
    const seconds = durationSeconds(step.pause.duration) ?? 0;
    const end = Date.parse(pause.startTime) + seconds * 1000;
    if (end <= now) {
      events.push({ type: 'Normal', reason: 'RolloutResumed', message: 'Rollout is resumed' });
      return { done: true, events };
    }
    return { done: false, events, wakeAt: end };
  }
  if (step.analysis) {
    const run = context.analysis;
    if (run) {
      status.canary = {
        ...status.canary,
        currentStepAnalysisRunStatus: {
          name: run.name,
          status: run.phase,
          ...(run.message ? { message: run.message } : {}),
        },
      };
    }
    if (!run || run.phase === 'Pending' || run.phase === 'Running')
      return { done: false, analysis: true, events };
    if (run.phase === 'Successful') return { done: true, events };
    if (run.phase === 'Inconclusive') {
      if (!status.pauseConditions?.some((c) => c.reason === 'InconclusiveAnalysis')) {
        status.pauseConditions = [
          ...(status.pauseConditions ?? []),
          { reason: 'InconclusiveAnalysis', startTime: new Date(now).toISOString() },
        ];
        status.controllerPause = true;
      }
      return { done: false, events };
    }
    return { done: false, events, abort: run.message ?? `AnalysisRun "${run.name}" ${run.phase}` };
  }
  // setHeaderRoute, setMirrorRoute, experiment, plugin: nothing Skiff waits for.
  return { done: true, events };
}
