// Kubernetes' container restart rules: restartPolicy decides whether, the kubelet's backoff decides when.
// Backoff starts at 10 s, doubles per crash up to 5 min, and is forgotten after 10 min without a crash.

export const INITIAL_BACKOFF_MS = 10_000;
export const MAX_BACKOFF_MS = 300_000;
export const BACKOFF_RESET_MS = 600_000;

export interface BackoffState {
  /** The delay to apply before the next restart; 0 before the first crash. */
  delayMs: number;
  /** When the container last finished. */
  lastFinishedAt: number;
}

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

export type RestartDecision =
  | { action: 'none' }
  | { action: 'restart-now'; backoff: BackoffState }
  | { action: 'wait'; untilMs: number; delayMs: number };

export function shouldRestart(policy: RestartPolicy, exitCode: number): boolean {
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

/**
 * Decides what to do with a container that has exited at `finishedAt`. The first crash restarts at once and
 * arms a 10 s backoff; each crash after that waits out the current delay, then doubles it.
 */
export function planRestart(
  policy: RestartPolicy,
  exitCode: number,
  finishedAt: number,
  previous: BackoffState | undefined,
  now: number,
): RestartDecision {
  if (!shouldRestart(policy, exitCode)) return { action: 'none' };
  const fresh = !previous || finishedAt - previous.lastFinishedAt > BACKOFF_RESET_MS;
  const delayMs = fresh ? 0 : previous.delayMs;
  if (now < finishedAt + delayMs) return { action: 'wait', untilMs: finishedAt + delayMs, delayMs };
  const nextDelay = delayMs === 0 ? INITIAL_BACKOFF_MS : Math.min(delayMs * 2, MAX_BACKOFF_MS);
  return { action: 'restart-now', backoff: { delayMs: nextDelay, lastFinishedAt: finishedAt } };
}
