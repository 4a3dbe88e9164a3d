import { finishedCondition, type Job } from '../shared/batch-types';
import type { Disposable } from '../shared/disposable';
import { jobType } from '../shared/resource-types';
import { ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { objectKey, startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';

/**
 * When a finished Job expires: its finish time (completionTime, else the Failed condition's transition) plus
 * spec.ttlSecondsAfterFinished. Undefined while it runs or has no TTL. (pkg/controller/ttlafterfinished)
 */
export function jobExpiresAt(job: Job): number | undefined {
  const ttl = job.spec.ttlSecondsAfterFinished;
  const finished = finishedCondition(job);
  if (ttl === undefined || !finished || job.metadata.deletionTimestamp) return undefined;
  const at = Date.parse(
    (finished.type === 'Complete' ? job.status?.completionTime : undefined) ??
      finished.lastTransitionTime ??
      '',
  );
  return Number.isNaN(at) ? undefined : at + ttl * 1000;
}

/** Deletes finished Jobs whose TTL has passed, in the foreground, so their pods go first (as Kubernetes). */
export class TtlAfterFinishedController implements Disposable {
  private readonly loop: ControllerLoop;

  constructor(
    private readonly store: ObjectStore,
    private readonly now: () => number = Date.now,
  ) {
    this.loop = startControllerLoop({
      store,
      name: 'ttl-after-finished-controller',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => (type === jobType ? [objectKey(event.object)] : []),
      initialKeys: () => store.list(jobType).items.map(objectKey),
    });
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    this.loop.dispose();
  }

  private async reconcile(key: string): Promise<number | void> {
    const [namespace, name] = key.split('/') as [string, string];
    const job = this.store.tryGet(jobType, namespace, name) as Job | undefined;
    const expiresAt = job && jobExpiresAt(job);
    if (!job || expiresAt === undefined) return;
    const wait = expiresAt - this.now();
    if (wait > 0) return wait;
    await this.store
      .delete(jobType, namespace, name, {
        propagationPolicy: 'Foreground',
        preconditions: { uid: job.metadata.uid, resourceVersion: job.metadata.resourceVersion },
      })
      .catch(ignoreGoneOrChanged);
  }
}
