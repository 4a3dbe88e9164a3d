import type { ContainerStateWaiting, Pod } from '../shared/pod-types';
import type { BackoffState } from './plan-container-restart';
import { podKey } from '../runtime/pod-names';

/**
 * What the kubelet remembers of pods' containers between syncs, where the engine keeps no trace of it: why a
 * container is held back (a pull error, its restart backoff, a config error), and the backoff its last restart
 * armed (by pod uid, so a pod made again under the same name starts afresh).
 */
export class ContainerMemory {
  private readonly waitingReasons = new Map<string, ContainerStateWaiting>();
  private readonly backoffs = new Map<string, BackoffState>();

  waiting(pod: Pod, container: string): ContainerStateWaiting | undefined {
    return this.waitingReasons.get(`${podKey(pod)}|${container}`);
  }

  setWaiting(pod: Pod, container: string, waiting: ContainerStateWaiting): void {
    this.waitingReasons.set(`${podKey(pod)}|${container}`, waiting);
  }

  clearWaiting(pod: Pod, container: string): void {
    this.waitingReasons.delete(`${podKey(pod)}|${container}`);
  }

  /** A pod's containers are gone: nothing holds them back any more. */
  forgetWaiting(key: string): void {
    for (const k of [...this.waitingReasons.keys()])
      if (k.startsWith(`${key}|`)) this.waitingReasons.delete(k);
  }

  backoff(pod: Pod, container: string): BackoffState | undefined {
    return this.backoffs.get(`${pod.metadata.uid}|${container}`);
  }

  setBackoff(pod: Pod, container: string, backoff: BackoffState): void {
    this.backoffs.set(`${pod.metadata.uid}|${container}`, backoff);
  }
}
