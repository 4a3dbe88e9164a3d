import type { BuildEvent } from '../runtime/build-progress';

/** A build asked for through the API: a folder, or a Deployment whose build link names one. */
export interface BuildRequest {
  context?: string;
  dockerfile?: string;
  target?: string;
  buildArgs?: Record<string, string>;
  /** The repository to tag into (default `skiff-build/<folder name>`). */
  repository?: string;
  /** Build this Deployment's linked folder and roll it out to the image. */
  namespace?: string;
  deployment?: string;
  /** Wait for the new pods to be Ready and report how long it took (with a deployment). */
  waitReady?: boolean;
}

/** Everything a build streams: the builder's events, then the rollout's. */
export type BuildStreamEvent =
  | BuildEvent
  | { type: 'image'; reference: string; imageId: string; seconds: number }
  | { type: 'rolled-out'; namespace: string; deployment: string; image: string; revisionHint: string }
  | { type: 'ready'; seconds: number }
  | { type: 'done'; ok: boolean; message?: string };
