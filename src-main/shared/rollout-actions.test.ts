import { describe, expect, it } from 'vitest';
import { rolloutPatches, type RolloutVerb } from './rollout-actions';
import type { Rollout } from './rollout-types';

// The plugin's getPatches (promote.go), abort.go and retry.go as a table.

const ro = (status: Rollout['status'], paused = false): Rollout => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'web' },
  spec: { paused, strategy: { canary: { steps: [{ setWeight: 10 }, { pause: {} }, { setWeight: 50 }] } } },
  status,
});

describe('rolloutPatches', () => {
  it.each<[string, Rollout, RolloutVerb, unknown]>([
    ['abort', ro({}), 'abort', [{ subresource: 'status', patch: { status: { abort: true } } }]],
    ['retry', ro({ abort: true }), 'retry', [{ subresource: 'status', patch: { status: { abort: false } } }]],
    [
      'promote a paused step clears pauseConditions',
      ro({ currentStepIndex: 1, pauseConditions: [{ reason: 'CanaryPauseStep', startTime: 'x' }] }),
      'promote',
      [{ subresource: 'status', patch: { status: { pauseConditions: null } } }],
    ],
    [
      'promote a running step skips it',
      ro({ currentStepIndex: 0 }),
      'promote',
      [{ subresource: 'status', patch: { status: { pauseConditions: null, currentStepIndex: 1 } } }],
    ],
    [
      'promote of a manually paused rollout unpauses its spec too',
      ro({ currentStepIndex: 3 }, true),
      'promote',
      [
        { subresource: 'status', patch: { status: { pauseConditions: null, currentStepIndex: 3 } } },
        { patch: { spec: { paused: false } } },
      ],
    ],
    [
      'promote --full',
      ro({ currentPodHash: 'b', stableRS: 'a' }),
      'promote-full',
      [{ subresource: 'status', patch: { status: { promoteFull: true } } }],
    ],
    [
      'promote --full of a promoted rollout does nothing',
      ro({ currentPodHash: 'a', stableRS: 'a' }),
      'promote-full',
      [],
    ],
  ])('%s', (_name, rollout, verb, expected) => {
    expect(rolloutPatches(rollout, verb)).toEqual(expected);
  });
});
