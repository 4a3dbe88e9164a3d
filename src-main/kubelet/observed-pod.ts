import type { ContainerStateWaiting } from '../shared/pod-types';
import type { BackoffState } from './plan-container-restart';

/** What the kubelet knows of one of a pod's containers: the latest attempt and the one before it. */
export interface ObservedAttempt {
  id: string;
  attempt: number;
  running: boolean;
  exitCode: number;
  oomKilled: boolean;
  error: string;
  startedAt?: string;
  finishedAt?: string;
  imageId: string;
  specHash: string;
  terminationMessage?: string;
}

export interface ObservedContainer {
  name: string;
  image: string;
  current?: ObservedAttempt;
  previous?: ObservedAttempt;
  /** Why the kubelet is holding this container back (pull errors, backoff, config errors). */
  waiting?: ContainerStateWaiting;
  /** Probe results: readiness (false until it first passes), and whether the startup probe has passed. */
  ready: boolean;
  started: boolean;
  /** A liveness or startup probe of the running attempt failed its threshold: it must be killed. */
  probeFailure?: 'liveness' | 'startup';
  /** The restart backoff armed by its last restart after a crash. */
  backoff?: BackoffState;
}

export interface ObservedPod {
  sandboxReady: boolean;
  podIP?: string;
  hostIP?: string;
  init: ObservedContainer[];
  app: ObservedContainer[];
}

/** One of the pod's containers as the engine lists it (every attempt, and the sandbox). */
export interface ListedContainer {
  id: string;
  role: 'sandbox' | 'init' | 'app';
  name: string;
  running: boolean;
}

/** Everything one sync saw of a pod: what `planPodActions` decides from. */
export interface PodObservation extends ObservedPod {
  /** The pod's sandbox container, when one exists. */
  sandbox?: { id: string; running: boolean };
  listed: ListedContainer[];
}
