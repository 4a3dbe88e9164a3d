import type { CronJob, Job } from '../shared/batch-types';
import { deepEqual } from '../shared/deep-equal';
import type { Disposable } from '../shared/disposable';
import { cronJobType, jobType } from '../shared/resource-types';
import { ApiError, ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { objectKey, startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';
import type { EventRecorder } from '../machinery/event-recorder';
import { jobRef, planCronJob } from './plan-cron-job';
import { controllerRefOf as controllerOf } from '../shared/owner-refs';
import type { WorkQueueOptions } from '../machinery/work-queue';

/** Starts each CronJob's Jobs on schedule (Kubernetes' cronjob controller v2): plan with planCronJob, then act. */
export class CronJobController implements Disposable {
  private readonly loop: ControllerLoop;

  constructor(
    private readonly store: ObjectStore,
    private readonly recorder: EventRecorder,
    private readonly now: () => number = Date.now,
    queueOptions: WorkQueueOptions = {},
  ) {
    this.loop = startControllerLoop({
      store,
      name: 'cronjob-controller',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        if (type === cronJobType) return [objectKey(event.object)];
        if (type !== jobType) return [];
        const owner = controllerOf(event.object as Job);
        return owner?.kind === 'CronJob' ? [`${event.object.metadata.namespace}/${owner.name}`] : [];
      },
      initialKeys: () => store.list(cronJobType).items.map(objectKey),
      queue: queueOptions,
    });
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    this.loop.dispose();
  }

  private async reconcile(key: string): Promise<number | void> {
    const wait = await this.sync(key);
    // A timer cannot wait past 2^31 ms, and a far schedule (yearly) would overflow it: look again hourly.
    return wait === undefined || !Number.isFinite(wait) ? undefined : Math.min(wait, 3_600_000);
  }

  private async sync(key: string): Promise<number | void> {
    const [namespace, name] = key.split('/') as [string, string];
    const cj = this.store.tryGet(cronJobType, namespace, name) as CronJob | undefined;
    if (!cj) return;
    const jobs = (this.store.list(jobType, { namespace }).items as Job[]).filter(
      (j) => controllerOf(j)?.uid === cj.metadata.uid,
    );
    const plan = planCronJob(cj, jobs, this.now());
    for (const job of plan.delete)
      await this.store
        .delete(jobType, namespace, job.metadata.name ?? '', {
          propagationPolicy: 'Background',
          preconditions: { uid: job.metadata.uid },
        })
        .catch(ignoreGoneOrChanged);
    const status = plan.status;
    if (plan.create) {
      try {
        const created = (await this.store.create(jobType, plan.create)) as Job;
        status.active = [...(status.active ?? []), jobRef(created)];
        plan.events.push({
          type: 'Normal',
          reason: 'SuccessfulCreate',
          message: `Created job ${created.metadata.name}`,
        });
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 409)) {
          await this.recorder.record(
            cj,
            'Warning',
            'FailedCreate',
            `Error creating job: ${(err as Error).message}`,
          );
          throw err;
        }
        // Created before a restart that lost the status write: the Job is ours if it names us.
        const existing = this.store.tryGet(jobType, namespace, plan.create.metadata.name ?? '') as
          Job | undefined;
        if (!existing || controllerOf(existing)?.uid !== cj.metadata.uid) {
          await this.recorder.record(
            cj,
            'Warning',
            'FailedCreate',
            `Error creating job: a Job named ${plan.create.metadata.name} exists and is not this CronJob's`,
          );
          return plan.requeueAfterMs;
        }
        if (!status.active?.some((r) => r.uid === existing.metadata.uid))
          status.active = [...(status.active ?? []), jobRef(existing)];
      }
    }
    for (const e of plan.events) await this.recorder.record(cj, e.type, e.reason, e.message);
    if (!deepEqual(cj.status ?? {}, status))
      await this.store
        .update(cronJobType, { ...cj, status }, { subresource: 'status' })
        .catch(ignoreGoneOrChanged);
    return plan.requeueAfterMs;
  }
}
