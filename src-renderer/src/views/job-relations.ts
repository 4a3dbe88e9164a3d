import type { CronJob, Job } from '@shared/batch-types';
import type { Pod } from '@shared/pod-types';

// Which Jobs a CronJob ran and which pods a Job made (by controller ownerReference). Pure.

const controllerUid = (o: { metadata: { ownerReferences?: { uid: string; controller?: boolean }[] } }) =>
  o.metadata.ownerReferences?.find((r) => r.controller)?.uid;

const newestFirst = (
  a: { metadata: { creationTimestamp?: string } },
  b: { metadata: { creationTimestamp?: string } },
) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '');

export function jobsOfCronJob(cj: CronJob, jobs: Job[]): Job[] {
  return jobs.filter((j) => controllerUid(j) === cj.metadata.uid).sort(newestFirst);
}

export function podsOfJob(job: Job, pods: Pod[]): Pod[] {
  return pods.filter((p) => controllerUid(p) === job.metadata.uid).sort(newestFirst);
}

/** The pod whose log a Job's "Logs" shows: its newest pod (the last attempt). */
export function latestPod(job: Job, pods: Pod[]): Pod | undefined {
  return podsOfJob(job, pods)[0];
}
