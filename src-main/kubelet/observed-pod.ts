import type { ContainerStateWaiting } from '../shared/pod-types';

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
}

export interface ObservedPod {
  sandboxReady: boolean;
  podIP?: string;
  hostIP?: string;
  init: ObservedContainer[];
  app: ObservedContainer[];
}
