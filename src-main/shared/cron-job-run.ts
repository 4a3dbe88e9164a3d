import type { CronJob, Job } from './batch-types';

// The Job a CronJob's template makes: by the controller at a scheduled time (getJobFromTemplate2), or by hand
// as `kubectl create job <name> --from=cronjob/<cronjob>` does (the UI's "Run now"). Pure, shared with the UI.

function baseJob(cj: CronJob, name: string, annotations: Record<string, string>): Job {
  const template = structuredClone(cj.spec.jobTemplate);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cj.metadata.namespace,
      labels: { ...template.metadata?.labels },
      annotations: { ...template.metadata?.annotations, ...annotations },
      ownerReferences: [
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          name: cj.metadata.name ?? '',
          uid: cj.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: template.spec,
  };
}

/** What kubectl create job --from=cronjob/x sends (annotation cronjob.kubernetes.io/instantiate: manual). */
export function manualJobFromCronJob(cj: CronJob, name: string): Job {
  const job = baseJob(cj, name, { 'cronjob.kubernetes.io/instantiate': 'manual' });
  // kubectl does not set blockOwnerDeletion
  job.metadata.ownerReferences = job.metadata.ownerReferences?.map(({ blockOwnerDeletion: _, ...r }) => r);
  return job;
}

/** A name for a manual run: `<cronjob>-manual-<5 random characters>`, within 63 characters. */
export function manualRunName(cj: CronJob, random: () => number = Math.random): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const suffix = Array.from({ length: 5 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  return `${(cj.metadata.name ?? 'job').slice(0, 50)}-manual-${suffix}`;
}

/** The scheduled time as Kubernetes writes it: RFC 3339 in the CronJob's time zone (UTC when none). */
export function scheduledTimestamp(ms: number, timeZone: string | undefined): string {
  const zone = timeZone ?? 'UTC';
  if (zone === 'UTC' || zone === 'Etc/UTC') return new Date(ms).toISOString().replace('.000Z', 'Z');
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  for (const p of format.formatToParts(new Date(ms))) parts[p.type] = p.value;
  const wall = Date.UTC(
    +parts.year!,
    +parts.month! - 1,
    +parts.day!,
    +parts.hour!,
    +parts.minute!,
    +parts.second!,
  );
  const offsetMin = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
  if (offsetMin === 0)
    return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`;
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/** The Job the controller makes for one scheduled time: `<cronjob>-<minutes since epoch>`. */
export function scheduledJobFromCronJob(cj: CronJob, scheduledMs: number): Job {
  return baseJob(cj, `${cj.metadata.name}-${Math.floor(scheduledMs / 60_000)}`, {
    'batch.kubernetes.io/cronjob-scheduled-timestamp': scheduledTimestamp(scheduledMs, cj.spec.timeZone),
  });
}
