import { useCallback, useMemo, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { CronJob, Job } from '@shared/batch-types';
import { manualJobFromCronJob, manualRunName } from '@shared/cron-job-run';
import { jobCompletions, jobDurationMs, jobStatus } from '@shared/job-display';
import type { Pod } from '@shared/pod-types';
import { collectionPath, cronJobType, jobType, objectPath, podType } from '@shared/resource-types';
import { useKubeList } from '../api/use-kube-list';
import { EditYaml } from '../components/EditYaml';
import { ErrorNotice } from '../components/ErrorNotice';
import { NotFoundPage } from '../objects/NotFoundPage';
import { JobPage } from '../pages/JobPage';
import { objectRoute } from '../routing/app-route';
import { lastOpened } from '../routing/recent-objects';
import { useNavigation } from '../routing/route-context';
import { formatAge } from '../components/format-age';
import { ResourceTable, type Column } from '../components/ResourceTable';
import { useSkiff } from '../state/skiff-context';
import { useNow } from '../state/use-now';
import { useRowSelection } from '../state/use-row-selection';
import { DeleteButton } from '../undo/DeleteButton';
import { jobsOfCronJob, latestPod, podsOfJob } from './job-relations';

const statusClass = (s: string) => (s === 'Complete' ? 'ok' : s === 'Failed' ? 'bad' : 'warn');

/** CronJobs and Jobs: each run with its status, duration and completions; a run's logs in one click. */
export function JobsView({ namespace }: { namespace: string }) {
  const now = useNow();
  const { client } = useSkiff();
  const ns = namespace || undefined;
  const cronJobs = useKubeList<CronJob>(cronJobType, ns);
  const jobs = useKubeList<Job>(jobType, ns);
  const pods = useKubeList<Pod>(podType, ns);
  const [cronFilter, setCronFilter] = useState<string | undefined>();
  const allJobs = useMemo(() => jobs.data?.items ?? [], [jobs.data]);
  const allPods = useMemo(() => pods.data?.items ?? [], [pods.data]);
  const { route, go } = useNavigation();
  const { selected, open } = useRowSelection('jobs', allJobs);
  // a run's logs are its pod's page, Logs tab
  const openLogs = useCallback(
    (uid: string | undefined) => {
      const pod = allPods.find((p) => p.metadata.uid === uid);
      if (pod) go(objectRoute('pods', pod.metadata.name ?? '', pod.metadata.namespace, 'logs'));
    },
    [allPods, go],
  );
  const shownJob = allJobs.find((j) => j.metadata.uid === selected);
  const cron = (cronJobs.data?.items ?? []).find((c) => c.metadata.uid === cronFilter);
  const rows = cron ? jobsOfCronJob(cron, allJobs) : allJobs;

  const runNow = useMutation({
    mutationFn: (cj: CronJob) =>
      client.create(
        collectionPath(jobType, cj.metadata.namespace),
        manualJobFromCronJob(cj, manualRunName(cj)),
      ),
  });
  const suspend = useMutation({
    mutationFn: ({ cj, value }: { cj: CronJob; value: boolean }) =>
      client.mergePatch(objectPath(cronJobType, cj.metadata.name ?? '', cj.metadata.namespace), {
        spec: { suspend: value },
      }),
  });

  const cronColumns = useMemo(
    (): Column<CronJob>[] => [
      {
        header: 'Name',
        cell: (cj) => (
          <button
            type="button"
            className="link-button"
            title={`Show only the runs of CronJob ${cj.metadata.name}`}
            onClick={() => setCronFilter((f) => (f === cj.metadata.uid ? undefined : cj.metadata.uid))}
          >
            {cj.metadata.name}
          </button>
        ),
      },
      ...(namespace ? [] : [{ header: 'Namespace', cell: (cj: CronJob) => cj.metadata.namespace }]),
      { header: 'Schedule', cell: (cj) => <code>{cj.spec.schedule}</code> },
      { header: 'Time zone', cell: (cj) => cj.spec.timeZone ?? 'UTC', width: '9em' },
      { header: 'Suspended', cell: (cj) => (cj.spec.suspend ? 'Yes' : 'No'), width: '6em' },
      { header: 'Active', cell: (cj) => cj.status?.active?.length ?? 0, width: '5em' },
      {
        header: 'Last schedule',
        cell: (cj) =>
          cj.status?.lastScheduleTime ? `${formatAge(cj.status.lastScheduleTime, now)} ago` : '—',
        width: '8em',
      },
      {
        header: 'Actions',
        cell: (cj) => (
          <span className="row-actions">
            <button
              type="button"
              className="link-button"
              aria-label={`Run CronJob ${cj.metadata.name} now`}
              onClick={() => runNow.mutate(cj)}
            >
              Run now
            </button>
            <button
              type="button"
              className="link-button"
              aria-label={`${cj.spec.suspend ? 'Resume' : 'Suspend'} CronJob ${cj.metadata.name}`}
              onClick={() => suspend.mutate({ cj, value: !cj.spec.suspend })}
            >
              {cj.spec.suspend ? 'Resume' : 'Suspend'}
            </button>
            <EditYaml object={cj} type={cronJobType} />
            <DeleteButton object={cj} type={cronJobType} />
          </span>
        ),
        width: '20em',
      },
    ],
    [namespace, now, runNow, suspend],
  );

  const jobColumns = useMemo(
    (): Column<Job>[] => [
      {
        header: 'Name',
        cell: (job) => (
          <button type="button" className="link-button" onClick={() => open(job.metadata.uid)}>
            {job.metadata.name}
          </button>
        ),
      },
      ...(namespace ? [] : [{ header: 'Namespace', cell: (job: Job) => job.metadata.namespace }]),
      {
        header: 'Status',
        cell: (job) => {
          const status = jobStatus(job);
          return <span className={`pod-status pod-status-${statusClass(status)}`}>{status}</span>;
        },
        width: '9em',
      },
      { header: 'Completions', cell: (job) => jobCompletions(job), width: '7em' },
      {
        header: 'Duration',
        cell: (job) => {
          const ms = jobDurationMs(job, now);
          return ms === undefined ? '' : formatAge(new Date(now - ms).toISOString(), now);
        },
        width: '6em',
      },
      { header: 'Age', cell: (job) => formatAge(job.metadata.creationTimestamp, now), width: '5em' },
      {
        header: 'Actions',
        cell: (job) => (
          <span className="row-actions">
            <button
              type="button"
              className="link-button"
              aria-label={`Logs of Job ${job.metadata.name}`}
              onClick={() => {
                const pod = latestPod(job, allPods);
                if (pod) openLogs(pod.metadata.uid);
                else open(job.metadata.uid);
              }}
            >
              Logs
            </button>
            <EditYaml object={job} type={jobType} />
            <DeleteButton object={job} type={jobType} />
          </span>
        ),
        width: '14em',
      },
    ],
    [namespace, now, open, openLogs, allPods],
  );

  if (route.name !== undefined)
    return shownJob ? (
      <JobPage job={shownJob} pods={podsOfJob(shownJob, allPods)} now={now} onOpenLogs={openLogs} />
    ) : (
      <NotFoundPage kind="Job" view="jobs" listLabel="Jobs" loading={jobs.isPending} />
    );
  return (
    <section aria-labelledby="jobs-title">
      <h1 id="jobs-title">Jobs</h1>
      <h2>CronJobs</h2>
      <ErrorNotice error={cronJobs.error ?? runNow.error ?? suspend.error} />
      <ResourceTable
        label="CronJobs"
        items={cronJobs.data?.items ?? []}
        columns={cronColumns}
        empty="No CronJobs here."
      />
      <h2>{cron ? `Runs of ${cron.metadata.name}` : 'Jobs'}</h2>
      {cron && (
        <button type="button" className="link-button" onClick={() => setCronFilter(undefined)}>
          Show all Jobs
        </button>
      )}
      <ErrorNotice error={jobs.error} />
      <ResourceTable
        label="Jobs"
        items={rows}
        columns={jobColumns}
        empty="No Jobs here."
        current={lastOpened('jobs')}
      />
    </section>
  );
}
