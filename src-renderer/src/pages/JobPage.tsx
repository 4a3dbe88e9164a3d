import type { Job } from '@shared/batch-types';
import { jobCompletions, jobStatus } from '@shared/job-display';
import type { Pod } from '@shared/pod-types';
import { jobType } from '@shared/resource-types';
import { EditYaml } from '../components/EditYaml';
import { ExportYaml } from '../components/ExportYaml';
import { ObjectEvents } from '../objects/ObjectEvents';
import { ObjectPage } from '../objects/ObjectPage';
import { objectRoute } from '../routing/app-route';
import { RouteLink } from '../routing/route-context';
import { podsFailure } from '../status/failing-reason';
import { DeleteButton } from '../undo/DeleteButton';

const tone = (s: string) => (s === 'Complete' ? 'ok' : s === 'Failed' ? 'bad' : 'warn');

/** A Job's page: its state, its pods (each a link to its page, logs one click away), events, YAML. */
export function JobPage({
  job,
  pods,
  now,
  onOpenLogs,
}: {
  job: Job;
  pods: Pod[];
  now: number;
  onOpenLogs: (uid: string | undefined) => void;
}) {
  const status = jobStatus(job);
  const cron = job.metadata.ownerReferences?.find((o) => o.kind === 'CronJob');
  const name = job.metadata.name ?? '';
  return (
    <ObjectPage
      kind="Job"
      object={job}
      view="jobs"
      listLabel="Jobs"
      status={{ text: status, tone: tone(status) }}
      failure={podsFailure(pods)}
      {...(cron ? { owner: { kind: 'CronJob', name: cron.name } } : {})}
      now={now}
      actions={
        <>
          <EditYaml object={job} type={jobType} />
          <span className="toolbar-end">
            <DeleteButton object={job} type={jobType} />
          </span>
        </>
      }
      tabs={[
        {
          id: 'overview',
          label: 'Overview',
          content: (
            <>
              <p>
                {status} · {jobCompletions(job)} completions · active {job.status?.active ?? 0}, failed{' '}
                {job.status?.failed ?? 0}
                {job.status?.completedIndexes ? ` · indexes ${job.status.completedIndexes}` : ''}
              </p>
              <ul aria-label={`Pods of Job ${name}`}>
                {pods.map((p) => (
                  <li key={p.metadata.uid}>
                    <RouteLink to={objectRoute('pods', p.metadata.name ?? '', p.metadata.namespace)}>
                      {p.metadata.name}
                    </RouteLink>{' '}
                    {p.status?.phase ?? 'Pending'}{' '}
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Logs of pod ${p.metadata.name}`}
                      onClick={() => onOpenLogs(p.metadata.uid)}
                    >
                      Logs
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ),
        },
        { id: 'events', label: 'Events', content: <ObjectEvents kind="Job" object={job} now={now} /> },
        { id: 'yaml', label: 'YAML', content: <ExportYaml object={job} /> },
      ]}
    />
  );
}
