import type { CronJob } from '../shared/batch-types';
import type { CronSchedule } from '../shared/cron-schedule';

// Kubernetes' pkg/controller/cronjob/utils.go: which scheduled time is due, how many were missed, when to
// look again. Times are ms since epoch.

export type MissedSchedules = 'none' | 'few' | 'many';

/** Kubernetes adds 100 ms to the wait, so the controller wakes just after the schedule, not just before. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

export interface RecentSchedule {
  earliest: number;
  mostRecent?: number;
  missed: MissedSchedules;
  error?: string;
}

export function mostRecentScheduleTime(
  cj: CronJob,
  now: number,
  schedule: CronSchedule,
  includeStartingDeadlineSeconds: boolean,
): RecentSchedule {
  let earliest = Date.parse(cj.metadata.creationTimestamp ?? '') || 0;
  if (cj.status?.lastScheduleTime) earliest = Date.parse(cj.status.lastScheduleTime);
  const deadline = cj.spec.startingDeadlineSeconds;
  if (includeStartingDeadlineSeconds && deadline !== undefined) {
    const schedulingDeadline = now - deadline * 1000;
    if (schedulingDeadline > earliest) earliest = schedulingDeadline;
  }
  const t1 = schedule.next(earliest);
  const t2 = t1 === undefined ? undefined : schedule.next(t1);
  if (t1 === undefined || now < t1) return { earliest, missed: 'none' };
  if (t2 === undefined || now < t2) return { earliest, mostRecent: t1, missed: 'none' };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1)
    return {
      earliest,
      missed: 'none',
      error: 'time difference between two schedules is less than 1 second',
    };
  const elapsed = Math.trunc((now - t1) / 1000);
  const missedCount = Math.trunc(elapsed / between) + 1;
  // Jump close to now by the interval, one step early, and let the schedule find the exact time (for
  // schedules whose gaps differ, such as "30 6-16/4 * * 1-5").
  let mostRecent: number | undefined;
  const potentialEarliest = t1 + (missedCount - 2) * between * 1000;
  for (let t = schedule.next(potentialEarliest); t !== undefined && t <= now; t = schedule.next(t))
    mostRecent = t;
  const missed: MissedSchedules = missedCount > 100 ? 'many' : missedCount > 0 ? 'few' : 'none';
  return { earliest, mostRecent, missed };
}

/** The scheduled time to run now, if any (startingDeadlineSeconds narrows the window looked at). */
export function nextScheduleTime(
  cj: CronJob,
  now: number,
  schedule: CronSchedule,
): { time?: number; tooManyMissed: boolean; error?: string } {
  const recent = mostRecentScheduleTime(cj, now, schedule, true);
  if (recent.mostRecent === undefined || recent.mostRecent > now)
    return { tooManyMissed: false, error: recent.error };
  return { time: recent.mostRecent, tooManyMissed: recent.missed === 'many', error: recent.error };
}

/** How long until the controller should look at the CronJob again. */
export function nextScheduleTimeDuration(cj: CronJob, now: number, schedule: CronSchedule): number {
  const recent = mostRecentScheduleTime(cj, now, schedule, false);
  let from: number;
  if (recent.error) from = now;
  else if (recent.mostRecent === undefined) from = recent.missed === 'none' ? recent.earliest : now;
  else from = recent.mostRecent;
  const next = schedule.next(from);
  return next === undefined ? Number.POSITIVE_INFINITY : next + NEXT_SCHEDULE_DELTA_MS - now;
}
