import type { Job } from './batch-types';

// How a Job reads in a table: kubectl 1.32's STATUS, COMPLETIONS and DURATION columns (printers.go printJob).

export function jobStatus(job: Job): string {
  const has = (type: string) => job.status?.conditions?.some((c) => c.type === type && c.status === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  return 'Running';
}

export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec.completions !== undefined) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** From startTime to completionTime (or now while it runs); undefined before it starts. */
export function jobDurationMs(job: Job, now: number): number | undefined {
  const start = job.status?.startTime;
  if (!start) return undefined;
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now;
  return end - Date.parse(start);
}
