import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './slow-start-batch';
import type { Job } from '../shared/batch-types';
import { JOB_TRACKING_FINALIZER } from '../shared/batch-types';
import { deepEqual } from '../shared/deep-equal';
import type { Disposable } from '../shared/disposable';
import type { Pod } from '../shared/pod-types';
import { jobType, podType } from '../shared/resource-types';
import { ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { objectKey, startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';
import type { EventRecorder } from '../machinery/event-recorder';
import { newJobPod } from './job-pods';
import { planJob } from './plan-job';
import { controllerRefOf as controllerOf } from '../shared/owner-refs';
import type { WorkQueueOptions } from '../machinery/work-queue';

/** Runs each Job's pods to completion (Kubernetes' job controller): plan with planJob, then act. */
export class JobController implements Disposable {
  private readonly loop: ControllerLoop;

  constructor(
    private readonly store: ObjectStore,
    private readonly recorder: EventRecorder,
    private readonly now: () => number = Date.now,
    queueOptions: WorkQueueOptions = {},
  ) {
    this.loop = startControllerLoop({
      store,
      name: 'job-controller',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        if (type === jobType) return [objectKey(event.object)];
        if (type !== podType) return [];
        const owner = controllerOf(event.object as Pod);
        return owner?.kind === 'Job' ? [`${event.object.metadata.namespace}/${owner.name}`] : [];
      },
      initialKeys: () => [
        ...store.list(jobType).items.map(objectKey),
        // Pods still held by the finalizer of a Job that is gone.
        ...(store.list(podType).items as Pod[])
          .filter((p) => p.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER))
          .map((p) => `${p.metadata.namespace}/${controllerOf(p)?.name ?? ''}`),
      ],
      queue: queueOptions,
    });
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    this.loop.dispose();
  }

  private podsOf(namespace: string, name: string): Pod[] {
    return (this.store.list(podType, { namespace }).items as Pod[]).filter((p) => {
      const owner = controllerOf(p);
      return owner?.kind === 'Job' && owner.name === name;
    });
  }

  private async reconcile(key: string): Promise<number | void> {
    const [namespace, name] = key.split('/') as [string, string];
    const job = this.store.tryGet(jobType, namespace, name) as Job | undefined;
    const all = this.podsOf(namespace, name);
    const pods = all.filter((p) => controllerOf(p)?.uid === job?.metadata.uid);
    // Pods of a Job that is gone (or going) are not counted by anyone: let them go.
    const orphans = job?.metadata.deletionTimestamp ? all : all.filter((p) => !pods.includes(p));
    await Promise.all(orphans.map((p) => this.removeFinalizer(p)));
    if (!job || job.metadata.deletionTimestamp) return;

    const plan = planJob(job, pods, this.now());
    const status = { ...plan.status };
    if (!status.uncountedTerminatedPods?.succeeded && !status.uncountedTerminatedPods?.failed)
      status.uncountedTerminatedPods = {};
    if (!deepEqual(job.status ?? {}, status)) {
      const written = await this.store
        .update(jobType, { ...job, status }, { subresource: 'status' })
        .catch((err: unknown) => {
          ignoreGoneOrChanged(err);
          return undefined;
        });
      if (!written) return 1000; // changed meanwhile: the new version's event brings us back
    }
    await Promise.all(plan.removeFinalizers.map((p) => this.removeFinalizer(p)));
    for (const event of plan.events) await this.recorder.record(job, event.type, event.reason, event.message);
    await Promise.all(
      plan.delete.map(async (pod) => {
        await this.store
          .delete(podType, namespace, pod.metadata.name ?? '', { preconditions: { uid: pod.metadata.uid } })
          .catch(ignoreGoneOrChanged);
        await this.recorder.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      }),
    );
    // As Kubernetes' job controller: slow-start batches, stopping at the first refused create.
    const creates = [...plan.create];
    await slowStartBatch(creates.length, SLOW_START_INITIAL_BATCH_SIZE, () =>
      this.createPod(job, creates.shift()!.index),
    );
    return plan.requeueAfterMs;
  }

  private async removeFinalizer(pod: Pod): Promise<void> {
    const finalizers = pod.metadata.finalizers ?? [];
    if (!finalizers.includes(JOB_TRACKING_FINALIZER)) return;
    const rest = finalizers.filter((f) => f !== JOB_TRACKING_FINALIZER);
    await this.store
      .update(podType, { ...pod, metadata: { ...pod.metadata, finalizers: rest.length ? rest : undefined } })
      .catch(ignoreGoneOrChanged);
  }

  private async createPod(job: Job, index: number | undefined): Promise<void> {
    try {
      const created = await this.store.create(podType, newJobPod(job, index));
      await this.recorder.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    } catch (err) {
      await this.recorder.record(job, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
      throw err;
    }
  }
}
