import type { Container, ContainerStateWaiting } from '../shared/pod-types';
import type { DockerRuntime } from '../runtime/docker-runtime';
import { INITIAL_BACKOFF_MS, MAX_BACKOFF_MS } from './plan-container-restart';
import type { RegistryAuth } from './pull-credentials';

export type PullResult =
  { ready: true } | { ready: false; waiting: ContainerStateWaiting; retryInMs?: number };

export interface PullHooks {
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** Progress or completion: resync the pod. */
  changed(): void;
}

interface PullState {
  inFlight?: Promise<void>;
  progress?: string;
  failure?: { message: string; untilMs: number; delayMs: number; shown: boolean };
}

const ERR_IMAGE_PULL_SHOWN_MS = 1000;

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * Image pulls as the kubelet does them, without blocking a pod's sync: a pull runs in the background and
 * reports progress; a failed pull is ErrImagePull, then ImagePullBackOff with the same backoff as crashes.
 */
export class ImagePuller {
  private readonly pulls = new Map<string, PullState>();

  constructor(
    private readonly runtime: DockerRuntime,
    private readonly now: () => number = Date.now,
  ) {}

  /** `auth` comes from the pod's imagePullSecrets (and never reaches a message or event). */
  async ensure(container: Container, hooks: PullHooks, auth?: RegistryAuth): Promise<PullResult> {
    const image = container.image;
    const policy = container.imagePullPolicy ?? 'IfNotPresent';
    // Failures back off per image and credentials: a pod with the right imagePullSecret is not held back by
    // one without.
    const stateKey = `${image}|${auth?.serveraddress ?? ''}|${auth?.username ?? ''}`;
    const state = this.pulls.get(stateKey) ?? {};
    this.pulls.set(stateKey, state);
    if (state.inFlight)
      return {
        ready: false,
        waiting: { reason: 'ContainerCreating', message: state.progress ?? `Pulling image "${image}"` },
      };
    const present = (await this.runtime.imageId(image)) !== undefined;
    if (policy === 'Never') {
      if (present) return { ready: true };
      const message = `Container image "${image}" is not present with pull policy of Never`;
      hooks.event('Warning', 'ErrImageNeverPull', message);
      return { ready: false, waiting: { reason: 'ErrImageNeverPull', message } };
    }
    if (present && policy === 'IfNotPresent') return { ready: true };
    if (present && policy === 'Always' && state.failure === undefined && state.progress === 'done')
      return { ready: true };
    const failure = state.failure;
    if (failure && !failure.shown) {
      failure.shown = true;
      return {
        ready: false,
        waiting: { reason: 'ErrImagePull', message: failure.message },
        // shown for one sync: the next, a second later, says ImagePullBackOff until the backoff has passed
        retryInMs: Math.min(ERR_IMAGE_PULL_SHOWN_MS, Math.max(0, failure.untilMs - this.now())),
      };
    }
    if (failure && this.now() < failure.untilMs) {
      hooks.event('Normal', 'BackOff', `Back-off pulling image "${image}"`);
      return {
        ready: false,
        waiting: {
          reason: 'ImagePullBackOff',
          message: `Back-off pulling image "${image}": ${failure.message}`,
        },
        retryInMs: failure.untilMs - this.now(),
      };
    }
    this.startPull(image, state, hooks, auth);
    return { ready: false, waiting: { reason: 'ContainerCreating', message: `Pulling image "${image}"` } };
  }

  private startPull(image: string, state: PullState, hooks: PullHooks, auth: RegistryAuth | undefined): void {
    const started = this.now();
    hooks.event('Normal', 'Pulling', `Pulling image "${image}"`);
    let lastReport = 0;
    state.progress = `Pulling image "${image}"`;
    state.inFlight = this.runtime
      .pullImage(
        image,
        (p) => {
          state.progress =
            p.total > 0
              ? `Pulling image "${image}": ${Math.floor((p.current / p.total) * 100)}% (${mb(p.current)} of ${mb(p.total)})`
              : `Pulling image "${image}": ${p.status}`;
          if (this.now() - lastReport > 1000) {
            lastReport = this.now();
            hooks.changed();
          }
        },
        auth ? { ...auth } : undefined,
      )
      .then(
        () => {
          state.failure = undefined;
          state.progress = 'done';
          hooks.event(
            'Normal',
            'Pulled',
            `Successfully pulled image "${image}" in ${this.now() - started}ms`,
          );
        },
        (err: Error) => {
          const delayMs = state.failure
            ? Math.min(state.failure.delayMs * 2, MAX_BACKOFF_MS)
            : INITIAL_BACKOFF_MS;
          const message = `Failed to pull image "${image}": ${err.message.trim()}`;
          state.failure = { message, untilMs: this.now() + delayMs, delayMs, shown: false };
          state.progress = undefined;
          hooks.event('Warning', 'Failed', message);
          hooks.event('Warning', 'Failed', 'Error: ErrImagePull');
        },
      )
      .finally(() => {
        state.inFlight = undefined;
        hooks.changed();
      });
  }
}
