import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CronJob, Job } from '../shared/batch-types';
import { JOB_TRACKING_FINALIZER } from '../shared/batch-types';
import type { Pod } from '../shared/pod-types';
import { cronJobType, jobType, podType } from '../shared/resource-types';
import { openTestStore } from '../store/test-store';
import { CronJobController } from './cron-job-controller';
import { EventRecorder } from '../machinery/event-recorder';
import { JobController } from './job-controller';
import { TtlAfterFinishedController } from './ttl-after-finished-controller';

const template = { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } };

describe('Job, CronJob and TTL controllers against a real store (clock injected)', () => {
  let t: Awaited<ReturnType<typeof openTestStore>>;
  let now = Date.parse('2024-05-01T10:00:00Z');
  const clock = () => now;
  const disposables: { dispose(): void }[] = [];
  beforeEach(async () => {
    t = await openTestStore();
  });
  afterEach(async () => {
    disposables.splice(0).forEach((d) => d.dispose());
    await t.cleanup();
  });
  const pods = () => t.store.list(podType, { namespace: 'default' }).items as Pod[];
  const finish = async (pod: Pod, phase: 'Succeeded' | 'Failed') =>
    t.store.update(podType, { ...pod, status: { phase } }, { subresource: 'status' });

  it('creates pods with the tracking finalizer, counts them once, removes the finalizer, completes', async () => {
    const controller = new JobController(
      t.store,
      new EventRecorder(t.store, { component: 'job-controller' }),
      clock,
    );
    disposables.push(controller);
    await t.store.create(jobType, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default' },
      spec: { completions: 2, parallelism: 2, template },
    } as Job);
    await controller.idle();
    expect(pods()).toHaveLength(2);
    expect(pods().every((p) => p.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER))).toBe(true);
    for (const pod of pods()) await finish(pod, 'Succeeded');
    await controller.idle();
    const job = t.store.get(jobType, 'default', 'pi') as Job;
    expect(job.status).toMatchObject({ succeeded: 2, active: 0, uncountedTerminatedPods: {} });
    expect(job.status?.conditions?.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(pods().every((p) => !p.metadata.finalizers)).toBe(true);
  });

  it('a CronJob starts the Job of a missed time after downtime, once, and TTL deletes a finished Job', async () => {
    const cron = new CronJobController(
      t.store,
      new EventRecorder(t.store, { component: 'cronjob-controller' }),
      clock,
    );
    disposables.push(cron);
    const cj = (await t.store.create(cronJobType, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick', namespace: 'default' },
      spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { ttlSecondsAfterFinished: 30, template } } },
    } as CronJob)) as CronJob;
    const created = Date.parse(cj.metadata.creationTimestamp ?? '');
    now = created + 23 * 60_000; // "Skiff was stopped": four slots passed
    cron.dispose();
    const again = new CronJobController(
      t.store,
      new EventRecorder(t.store, { component: 'cronjob-controller' }),
      clock,
    );
    disposables.push(again);
    await again.idle();
    const jobs = t.store.list(jobType, { namespace: 'default' }).items as Job[];
    expect(jobs).toHaveLength(1);
    const slot = Math.floor(now / 300_000) * 300_000;
    expect(jobs[0]?.metadata.name).toBe(`tick-${slot / 60_000}`);
    expect((t.store.get(cronJobType, 'default', 'tick') as CronJob).status?.active).toHaveLength(1);

    const finished = jobs[0]!;
    await t.store.update(
      jobType,
      {
        ...finished,
        status: {
          completionTime: new Date(now).toISOString(),
          conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: new Date(now).toISOString() }],
        },
      },
      { subresource: 'status' },
    );
    now += 31_000;
    const ttl = new TtlAfterFinishedController(t.store, clock);
    disposables.push(ttl);
    await ttl.idle();
    // Deleted in the foreground: the garbage collector (not running here) removes its pods, then the Job.
    const deleting = t.store.get(jobType, 'default', finished.metadata.name ?? '') as Job;
    expect(deleting.metadata.deletionTimestamp).toBeDefined();
    expect(deleting.metadata.finalizers).toContain('foregroundDeletion');
  });
});
