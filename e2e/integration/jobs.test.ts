import { describe, expect, it } from 'vitest';
import { kubectl } from '../support/kubectl';
import { podLog } from '../support/pods';
import { api } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';

// Jobs and CronJobs on the real engine, driven as a user would (the API and the real kubectl 1.32).
const jobOf = (name: string, command: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name },
  spec: {
    ...spec,
    template: {
      spec: {
        restartPolicy: 'Never',
        terminationGracePeriodSeconds: 1,
        containers: [{ name: 'main', image: 'skiff-test/tools:v1', command: ['sh', '-c', command] }],
      },
    },
  },
});

describe('Jobs and CronJobs on the real engine', () => {
  const f = useSkiffServer('jobs');
  const jobs = () => `/apis/batch/v1/namespaces/${f.ns}/jobs`;
  const podsOf = async (job: string) =>
    (
      await api(
        f.skiff,
        `/api/v1/namespaces/${f.ns}/pods?labelSelector=batch.kubernetes.io%2Fjob-name%3D${job}`,
      )
    ).body.items as any[];
  const conditionTypes = async (job: string) =>
    (((await api(f.skiff, `${jobs()}/${job}`)).body.status?.conditions ?? []) as any[])
      .filter((c) => c.status === 'True')
      .map((c) => c.type);
  const timed = async (label: string, body: () => Promise<void>) => {
    const start = Date.now();
    await body();
    console.log(`[jobs.test] ${label}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
  };

  it('runs 3 completions 2 at a time to Complete; kubectl wait and kubectl logs job/x work', async () => {
    await timed('3 completions, parallelism 2', async () => {
      const created = await api(f.skiff, jobs(), {
        method: 'POST',
        body: jobOf('three', 'echo done', { completions: 3, parallelism: 2 }),
      });
      expect(created.status).toBe(201);
      expect(created.body.spec).toMatchObject({
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        suspend: false,
      });
      expect(created.body.spec.selector.matchLabels).toEqual({
        'batch.kubernetes.io/controller-uid': created.body.metadata.uid,
      });
      await kubectl(f.skiff, ['wait', '--for=condition=complete', 'job/three', '--timeout=60s'], f.ns);
      const job = (await api(f.skiff, `${jobs()}/three`)).body;
      expect(job.status).toMatchObject({ succeeded: 3, active: 0, failed: 0 });
      expect(job.status.completionTime).toBeDefined();
      expect(job.status.conditions.map((c: any) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
      const pods = await podsOf('three');
      expect(pods).toHaveLength(3);
      expect(pods.every((p) => p.status.phase === 'Succeeded' && !p.metadata.finalizers)).toBe(true);
      const logs = await kubectl(f.skiff, ['logs', 'job/three'], f.ns);
      expect(logs.stdout.trim()).toBe('done');
      const table = await kubectl(f.skiff, ['get', 'jobs'], f.ns);
      expect(table.stdout).toMatch(/NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE/);
      expect(table.stdout).toMatch(/three\s+Complete\s+3\/3/);
      const events = (
        await api(f.skiff, `/api/v1/namespaces/${f.ns}/events?fieldSelector=involvedObject.name%3Dthree`)
      ).body.items as any[];
      expect(events.map((e) => e.reason)).toEqual(expect.arrayContaining(['SuccessfulCreate', 'Completed']));
    });
  });

  it('a failing Job stops at backoffLimit with Failed / BackoffLimitExceeded', async () => {
    await timed('backoffLimit 1', async () => {
      await api(f.skiff, jobs(), { method: 'POST', body: jobOf('fails', 'exit 3', { backoffLimit: 1 }) });
      // The second pod waits out the 10 s pod failure backoff, as on a cluster.
      await kubectl(f.skiff, ['wait', '--for=condition=failed', 'job/fails', '--timeout=60s'], f.ns);
      const job = (await api(f.skiff, `${jobs()}/fails`)).body;
      expect(job.status.failed).toBe(2);
      const failed = job.status.conditions.find((c: any) => c.type === 'Failed');
      expect(failed).toMatchObject({
        reason: 'BackoffLimitExceeded',
        message: 'Job has reached the specified backoff limit',
      });
      expect(await conditionTypes('fails')).toEqual(['FailureTarget', 'Failed']);
    });
  });

  it('an Indexed Job gives each pod its JOB_COMPLETION_INDEX and hostname', async () => {
    await timed('Indexed, 3 completions', async () => {
      await api(f.skiff, jobs(), {
        method: 'POST',
        body: jobOf('indexed', 'echo index=$JOB_COMPLETION_INDEX host=$(hostname)', {
          completions: 3,
          parallelism: 3,
          completionMode: 'Indexed',
        }),
      });
      await kubectl(f.skiff, ['wait', '--for=condition=complete', 'job/indexed', '--timeout=60s'], f.ns);
      const job = (await api(f.skiff, `${jobs()}/indexed`)).body;
      expect(job.status).toMatchObject({ completedIndexes: '0-2', succeeded: 3 });
      const lines = await Promise.all(
        (await podsOf('indexed')).map(async (p) => {
          const index = p.metadata.annotations['batch.kubernetes.io/job-completion-index'];
          return [index, (await podLog(f.skiff, f.ns, p.metadata.name)).text.trim()];
        }),
      );
      expect(lines.sort()).toEqual([
        ['0', 'index=0 host=indexed-0'],
        ['1', 'index=1 host=indexed-1'],
        ['2', 'index=2 host=indexed-2'],
      ]);
    });
  });

  it('activeDeadlineSeconds stops a Job that runs too long (DeadlineExceeded)', async () => {
    await timed('activeDeadlineSeconds 2', async () => {
      await api(f.skiff, jobs(), {
        method: 'POST',
        body: jobOf('slow', 'sleep 300', { activeDeadlineSeconds: 2 }),
      });
      await kubectl(f.skiff, ['wait', '--for=condition=failed', 'job/slow', '--timeout=60s'], f.ns);
      const job = (await api(f.skiff, `${jobs()}/slow`)).body;
      expect(job.status.conditions.find((c: any) => c.type === 'Failed')).toMatchObject({
        reason: 'DeadlineExceeded',
        message: 'Job was active longer than specified deadline',
      });
      expect(job.status.active).toBe(0);
      // The deleted pod ended Failed and left once counted.
      await expect.poll(async () => (await podsOf('slow')).length, { timeout: 20_000 }).toBe(0);
    });
  });

  it('refuses a template that restarts Always, naming the field (422)', async () => {
    const body = jobOf('bad', 'true');
    (body.spec.template.spec as any).restartPolicy = 'Always';
    const res = await api(f.skiff, jobs(), { method: 'POST', body });
    expect(res.status).toBe(422);
    expect(res.body.details.causes[0].field).toBe('spec.template.spec.restartPolicy');
  });

  it('kubectl create job --from=cronjob/x runs the CronJob template; CronJob columns print', async () => {
    await timed('create job --from=cronjob', async () => {
      const cj = await api(f.skiff, `/apis/batch/v1/namespaces/${f.ns}/cronjobs`, {
        method: 'POST',
        body: {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'nightly' },
          spec: {
            schedule: '0 3 * * *',
            timeZone: 'Europe/Paris',
            jobTemplate: { spec: jobOf('x', 'echo from-cron').spec },
          },
        },
      });
      expect(cj.status).toBe(201);
      expect(cj.body.spec).toMatchObject({
        concurrencyPolicy: 'Allow',
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
      });
      await kubectl(f.skiff, ['create', 'job', 'manual', '--from=cronjob/nightly'], f.ns);
      await kubectl(f.skiff, ['wait', '--for=condition=complete', 'job/manual', '--timeout=60s'], f.ns);
      const job = (await api(f.skiff, `${jobs()}/manual`)).body;
      expect(job.metadata.ownerReferences[0]).toMatchObject({
        kind: 'CronJob',
        name: 'nightly',
        controller: true,
      });
      expect((await kubectl(f.skiff, ['logs', 'job/manual'], f.ns)).stdout.trim()).toBe('from-cron');
      const table = await kubectl(f.skiff, ['get', 'cronjobs'], f.ns);
      expect(table.stdout).toMatch(/nightly\s+0 3 \* \* \*\s+Europe\/Paris\s+False\s+0\s+<none>/);
      const bad = await api(f.skiff, `/apis/batch/v1/namespaces/${f.ns}/cronjobs`, {
        method: 'POST',
        body: { ...cj.body, metadata: { name: 'bad' }, spec: { ...cj.body.spec, timeZone: 'Mars/Olympus' } },
      });
      expect(bad.status).toBe(422);
      expect(bad.body.details.causes[0].field).toBe('spec.timeZone');
    });
  });

  it('ttlSecondsAfterFinished deletes the Job and its pods', async () => {
    await timed('ttlSecondsAfterFinished 1', async () => {
      await api(f.skiff, jobs(), {
        method: 'POST',
        body: jobOf('short', 'true', { ttlSecondsAfterFinished: 1 }),
      });
      await expect
        .poll(async () => (await api(f.skiff, `${jobs()}/short`)).status, { timeout: 60_000 })
        .toBe(404);
      await expect.poll(async () => (await podsOf('short')).length, { timeout: 20_000 }).toBe(0);
    });
  });
});
