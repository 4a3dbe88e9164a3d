import { describe, expect, it } from 'vitest';
import type { CronJob, Job } from '../shared/batch-types';
import { scheduledJobFromCronJob, scheduledTimestamp } from '../shared/cron-job-run';
import { planCronJob } from './plan-cron-job';

// The cases of Kubernetes' cronjob_controllerv2_test.go TestControllerV2SyncCronJob that decide what to do,
// over planCronJob. T1 is a scheduled time of "0 * * * ?" (hourly).
const T1 = Date.parse('2016-05-19T10:00:00Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function cronJob(spec: Partial<CronJob['spec']> = {}, status: CronJob['status'] = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      name: 'mycronjob',
      namespace: 'default',
      uid: 'cj-uid',
      creationTimestamp: iso(T1 - 10 * MIN),
    },
    spec: {
      schedule: '0 * * * ?',
      concurrencyPolicy: 'Allow',
      jobTemplate: { metadata: { labels: { a: 'b' } }, spec: { template: { spec: { containers: [] } } } },
      ...spec,
    },
    status,
  };
}

function job(name: string, finished?: 'Complete' | 'Failed', start = T1, uid = name): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default', uid },
    spec: { template: { spec: { containers: [] } } },
    status: {
      startTime: iso(start),
      ...(finished
        ? {
            conditions: [{ type: finished, status: 'True' }],
            ...(finished === 'Complete' ? { completionTime: iso(start + MIN) } : {}),
          }
        : {}),
    },
  };
}
const ref = (j: Job) => ({ kind: 'Job', name: j.metadata.name, uid: j.metadata.uid });

describe('planCronJob', () => {
  it('creates the Job of the scheduled time, named by its minutes since epoch', () => {
    const plan = planCronJob(cronJob(), [], T1 + 2000);
    expect(plan.create?.metadata.name).toBe(`mycronjob-${T1 / MIN}`);
    expect(plan.create?.metadata.annotations).toEqual({
      'batch.kubernetes.io/cronjob-scheduled-timestamp': '2016-05-19T10:00:00Z',
    });
    expect(plan.create?.metadata.labels).toEqual({ a: 'b' });
    expect(plan.create?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'CronJob',
      uid: 'cj-uid',
      controller: true,
    });
    expect(plan.status.lastScheduleTime).toBe('2016-05-19T10:00:00Z');
    expect(plan.requeueAfterMs).toBe(60 * MIN - 2000 + 100);
  });

  it('does nothing before the schedule and wakes at it', () => {
    const plan = planCronJob(cronJob(), [], T1 - 5 * MIN);
    expect(plan.create).toBeUndefined();
    expect(plan.requeueAfterMs).toBe(5 * MIN + 100);
  });

  it('does nothing while suspended', () => {
    expect(planCronJob(cronJob({ suspend: true }), [], T1 + 2000).create).toBeUndefined();
  });

  it('skips a start older than startingDeadlineSeconds (the window looked at starts there)', () => {
    const plan = planCronJob(cronJob({ startingDeadlineSeconds: 10 }), [], T1 + 5 * MIN);
    expect(plan.create).toBeUndefined();
    expect(plan.status.lastScheduleTime).toBeUndefined();
    expect(plan.requeueAfterMs).toBe(55 * MIN + 100);
  });

  it('after downtime runs only the most recent missed time, once', () => {
    const plan = planCronJob(cronJob({}, { lastScheduleTime: iso(T1 - 5 * 60 * MIN) }), [], T1 + 5 * MIN);
    expect(plan.create?.metadata.name).toBe(`mycronjob-${T1 / MIN}`);
  });

  it('warns about too many missed start times', () => {
    const plan = planCronJob(
      cronJob({ schedule: '* * * * *' }, { lastScheduleTime: iso(T1 - 200 * MIN) }),
      [],
      T1,
    );
    expect(plan.events.map((e) => e.reason)).toContain('TooManyMissedTimes');
    expect(plan.create?.metadata.name).toBe(`mycronjob-${T1 / MIN}`);
  });

  it('Forbid skips while a run is active (JobAlreadyActive)', () => {
    const running = job('mycronjob-1');
    const plan = planCronJob(
      cronJob(
        { concurrencyPolicy: 'Forbid' },
        { active: [ref(running)], lastScheduleTime: iso(T1 - 60 * MIN) },
      ),
      [running],
      T1 + 2000,
    );
    expect(plan.create).toBeUndefined();
    expect(plan.events[0]).toMatchObject({ reason: 'JobAlreadyActive' });
  });

  it('Replace deletes the active run and starts the new one', () => {
    const running = job('mycronjob-1');
    const plan = planCronJob(
      cronJob(
        { concurrencyPolicy: 'Replace' },
        { active: [ref(running)], lastScheduleTime: iso(T1 - 60 * MIN) },
      ),
      [running],
      T1 + 2000,
    );
    expect(plan.delete).toEqual([running]);
    expect(plan.create).toBeDefined();
  });

  it('Allow starts another beside the active run', () => {
    const running = job('mycronjob-1');
    const plan = planCronJob(
      cronJob({}, { active: [ref(running)], lastScheduleTime: iso(T1 - 60 * MIN) }),
      [running],
      T1 + 2000,
    );
    expect(plan.delete).toEqual([]);
    expect(plan.create).toBeDefined();
  });

  it('takes a finished Job out of active (SawCompletedJob), then records lastSuccessfulTime', () => {
    const done = job('mycronjob-1', 'Complete');
    const first = planCronJob(
      cronJob({}, { active: [ref(done)], lastScheduleTime: iso(T1) }),
      [done],
      T1 + 2 * MIN,
    );
    expect(first.status.active).toBeUndefined();
    expect(first.events[0]).toEqual({
      type: 'Normal',
      reason: 'SawCompletedJob',
      message: 'Saw completed job: mycronjob-1, condition: Complete',
    });
    const second = planCronJob(cronJob({}, first.status), [done], T1 + 2 * MIN);
    expect(second.status.lastSuccessfulTime).toBe(iso(T1 + MIN));
  });

  it('reports an active Job that went missing', () => {
    const plan = planCronJob(
      cronJob({}, { active: [{ kind: 'Job', name: 'gone', uid: 'gone' }], lastScheduleTime: iso(T1) }),
      [],
      T1 + MIN,
    );
    expect(plan.events[0]).toMatchObject({ reason: 'MissingJob', message: 'Active job went missing: gone' });
    expect(plan.status.active).toBeUndefined();
  });

  it('warns about a running Job it did not create (kubectl create job --from)', () => {
    const manual = job('manual');
    const plan = planCronJob(cronJob({}, { lastScheduleTime: iso(T1) }), [manual], T1 + MIN);
    expect(plan.events[0]).toMatchObject({ type: 'Warning', reason: 'UnexpectedJob' });
  });

  it('keeps successfulJobsHistoryLimit and failedJobsHistoryLimit, deleting the oldest', () => {
    const jobs = [
      job('s1', 'Complete', T1 - 4 * MIN),
      job('s2', 'Complete', T1 - 3 * MIN),
      job('s3', 'Complete', T1 - 2 * MIN),
      job('f1', 'Failed', T1 - 4 * MIN),
      job('f2', 'Failed', T1 - 3 * MIN),
    ];
    const plan = planCronJob(
      cronJob({ successfulJobsHistoryLimit: 2, failedJobsHistoryLimit: 1 }, { lastScheduleTime: iso(T1) }),
      jobs,
      T1 + MIN,
    );
    expect(plan.delete.map((j) => j.metadata.name)).toEqual(['s1', 'f1']);
  });

  it('schedules in spec.timeZone and stamps the time in that zone', () => {
    const cj = cronJob({ schedule: '0 12 * * *', timeZone: 'Europe/Rome' });
    const noon = Date.parse('2016-05-19T10:00:00Z'); // 12:00 in Rome (CEST)
    const plan = planCronJob(cj, [], noon + 2000);
    expect(plan.create?.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(
      '2016-05-19T12:00:00+02:00',
    );
    expect(scheduledTimestamp(noon, undefined)).toBe('2016-05-19T10:00:00Z');
    expect(scheduledJobFromCronJob(cj, noon).metadata.name).toBe(`mycronjob-${noon / MIN}`);
  });

  it('an unknown time zone is a warning and no run', () => {
    const plan = planCronJob(cronJob({ timeZone: 'Mars/Olympus' }), [], T1 + 2000);
    expect(plan.create).toBeUndefined();
    expect(plan.events[0]).toMatchObject({ reason: 'UnknownTimeZone' });
  });
});
