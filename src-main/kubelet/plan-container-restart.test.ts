import { describe, expect, it } from 'vitest';
import { planRestart, type BackoffState } from './plan-container-restart';

describe('planRestart', () => {
  it('follows restartPolicy', () => {
    expect(planRestart('Never', 1, 0, undefined, 0)).toEqual({ action: 'none' });
    expect(planRestart('OnFailure', 0, 0, undefined, 0)).toEqual({ action: 'none' });
    expect(planRestart('OnFailure', 2, 0, undefined, 0).action).toBe('restart-now');
    expect(planRestart('Always', 0, 0, undefined, 0).action).toBe('restart-now');
  });

  it('backs off 10 s, 20 s, 40 s … up to 5 min across a crash loop (clock injected)', () => {
    let state: BackoffState | undefined;
    let now = 1_000_000;
    const waits: number[] = [];
    for (let crash = 0; crash < 8; crash++) {
      const finishedAt = now + 1000; // each run lasts 1 s
      let decision = planRestart('Always', 1, finishedAt, state, finishedAt);
      if (decision.action === 'wait') {
        waits.push(decision.delayMs / 1000);
        expect(planRestart('Always', 1, finishedAt, state, decision.untilMs - 1).action).toBe('wait');
        now = decision.untilMs;
        decision = planRestart('Always', 1, finishedAt, state, now);
      } else {
        waits.push(0);
        now = finishedAt;
      }
      expect(decision.action).toBe('restart-now');
      if (decision.action === 'restart-now') state = decision.backoff;
    }
    expect(waits).toEqual([0, 10, 20, 40, 80, 160, 300, 300]);
  });

  it('forgets the backoff after 10 minutes without a crash', () => {
    const state: BackoffState = { delayMs: 160_000, lastFinishedAt: 0 };
    expect(planRestart('Always', 1, 600_001, state, 600_001)).toEqual({
      action: 'restart-now',
      backoff: { delayMs: 10_000, lastFinishedAt: 600_001 },
    });
  });
});
