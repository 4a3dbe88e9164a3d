import { finishedCondition, type CronJob, type Job } from '../shared/batch-types';
import { isKnownTimeZone, parseCronSchedule, type CronSchedule } from '../shared/cron-schedule';
import { scheduledJobFromCronJob } from '../shared/cron-job-run';
import type { ObjectReference } from '../shared/pod-types';
import { nextScheduleTime, nextScheduleTimeDuration } from './cron-job-times';
import type { JobEvent } from './plan-job';

// One sync of Kubernetes 1.32's CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go:
// syncCronJob and cleanupFinishedJobs) as a pure decision over the CronJob and the Jobs it controls.

export interface CronJobPlan {
  status: NonNullable<CronJob['status']>;
  events: JobEvent[];
  /** Jobs to delete in the background (Replace, history limits). */
  delete: Job[];
  /** The Job to create for the scheduled time; its reference joins status.active once created. */
  create?: Job;
  requeueAfterMs?: number;
}

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
/** Go's time.RFC1123Z, in UTC as Kubernetes' message prints it. */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function jobRef(job: Job): ObjectReference {
  return {
    kind: 'Job',
    namespace: job.metadata.namespace,
    name: job.metadata.name,
    uid: job.metadata.uid,
    apiVersion: 'batch/v1',
    resourceVersion: job.metadata.resourceVersion,
  };
}

export function planCronJob(cj: CronJob, jobs: Job[], now: number): CronJobPlan {
  const status = structuredClone(cj.status ?? {});
  let active = [...(status.active ?? [])];
  const plan: CronJobPlan = { status, events: [], delete: [] };
  const event = (type: JobEvent['type'], reason: string, message: string) =>
    plan.events.push({ type, reason, message });
  const inActive = (uid?: string) => active.some((r) => r.uid === uid);

  for (const job of jobs) {
    const finished = finishedCondition(job);
    if (!inActive(job.metadata.uid) && !finished) {
      event(
        'Warning',
        'UnexpectedJob',
        `Saw a job that the controller did not create or forgot: ${job.metadata.name}`,
      );
    } else if (inActive(job.metadata.uid) && finished) {
      active = active.filter((r) => r.uid !== job.metadata.uid);
      event(
        'Normal',
        'SawCompletedJob',
        `Saw completed job: ${job.metadata.name}, condition: ${finished.type}`,
      );
    } else if (finished) {
      // A finished Job need not be in the active list to count for lastSuccessfulTime.
      const completion = job.status?.completionTime;
      if (
        completion &&
        (!status.lastSuccessfulTime || Date.parse(completion) > Date.parse(status.lastSuccessfulTime))
      )
        status.lastSuccessfulTime = completion;
    }
  }
  const uids = new Set(jobs.map((j) => j.metadata.uid));
  for (const ref of active.filter((r) => !uids.has(r.uid))) {
    active = active.filter((r) => r !== ref);
    event('Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
  }
  const finish = () => {
    if (active.length) status.active = active;
    else delete status.active;
    cleanupFinishedJobs(cj, jobs, plan);
    return plan;
  };
  if (cj.metadata.deletionTimestamp) return finish();

  const zone = cj.spec.timeZone;
  if (zone !== undefined && !isKnownTimeZone(zone)) {
    event('Warning', 'UnknownTimeZone', `invalid timeZone: "${zone}": unknown time zone ${zone}`);
    return finish();
  }
  if (cj.spec.suspend) return finish();
  let schedule: CronSchedule;
  try {
    schedule = parseCronSchedule(cj.spec.schedule, zone ?? 'UTC');
  } catch (err) {
    event(
      'Warning',
      'UnparseableSchedule',
      `unparseable schedule: "${cj.spec.schedule}" : ${(err as Error).message}`,
    );
    return finish();
  }
  if (cj.spec.schedule.includes('TZ'))
    event(
      'Warning',
      'UnsupportedSchedule',
      `CRON_TZ or TZ used in schedule "${cj.spec.schedule}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
    );
  const next = nextScheduleTime(cj, now, schedule);
  if (next.error) {
    event('Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec.schedule} : ${next.error}`);
    return finish();
  }
  if (next.tooManyMissed)
    event(
      'Warning',
      'TooManyMissedTimes',
      'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew',
    );
  plan.requeueAfterMs = nextScheduleTimeDuration(cj, now, schedule);
  const scheduled = next.time;
  if (scheduled === undefined) return finish();
  const deadline = cj.spec.startingDeadlineSeconds;
  if (deadline !== undefined && scheduled + deadline * 1000 < now) {
    event('Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
    return finish();
  }
  const wanted = scheduledJobFromCronJob(cj, scheduled);
  if (
    active.some((r) => r.name === wanted.metadata.name) ||
    (status.lastScheduleTime && Date.parse(status.lastScheduleTime) === scheduled)
  )
    return finish();
  if (cj.spec.concurrencyPolicy === 'Forbid' && active.length > 0) {
    event(
      'Normal',
      'JobAlreadyActive',
      'Not starting job because prior execution is running and concurrency policy is Forbid',
    );
    return finish();
  }
  if (cj.spec.concurrencyPolicy === 'Replace') {
    for (const ref of active) {
      const job = jobs.find((j) => j.metadata.uid === ref.uid);
      if (job) plan.delete.push(job);
      event('Normal', 'SuccessfulDelete', `Deleted job ${ref.name}`);
    }
    active = [];
  }
  plan.create = wanted;
  status.lastScheduleTime = rfc3339(scheduled);
  return finish();
}

/** successfulJobsHistoryLimit and failedJobsHistoryLimit: the oldest finished Jobs beyond them go. */
function cleanupFinishedJobs(cj: CronJob, jobs: Job[], plan: CronJobPlan): void {
  const byStart = (a: Job, b: Job) => {
    const sa = a.status?.startTime;
    const sb = b.status?.startTime;
    if (!sb) return sa ? -1 : (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
    if (!sa) return 1;
    return sa === sb
      ? (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')
      : Date.parse(sa) - Date.parse(sb);
  };
  const prune = (limit: number | undefined, type: 'Complete' | 'Failed') => {
    if (limit === undefined) return;
    const done = jobs.filter((j) => finishedCondition(j)?.type === type).sort(byStart);
    for (const job of done.slice(0, Math.max(0, done.length - limit))) {
      if (plan.delete.includes(job)) continue;
      plan.delete.push(job);
      plan.events.push({
        type: 'Normal',
        reason: 'SuccessfulDelete',
        message: `Deleted job ${job.metadata.name}`,
      });
    }
  };
  prune(cj.spec.successfulJobsHistoryLimit, 'Complete');
  prune(cj.spec.failedJobsHistoryLimit, 'Failed');
}
