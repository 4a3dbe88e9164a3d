import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/api-types';
import type { CronJob, Job } from '../../shared/batch-types';
import { cronJobStrategy } from './cron-job-strategy';
import { jobStrategy } from './job-strategy';

const reader = { list: () => [] };
const template = (restartPolicy?: string) => ({
  spec: { ...(restartPolicy ? { restartPolicy } : {}), containers: [{ name: 'c', image: 'busybox' }] },
});

function createJob(spec: Record<string, unknown>): { job: Job; causes: string[] } {
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'u-1' },
    spec,
  } as unknown as Job;
  jobStrategy.prepareForCreate!(job as KubeObject, reader);
  return { job, causes: jobStrategy.validate(job, undefined, reader).map((c) => `${c.field}: ${c.message}`) };
}

describe('Job defaults and validation', () => {
  it('defaults as Kubernetes and generates the selector and labels', () => {
    const { job, causes } = createJob({ template: template('Never') });
    expect(causes).toEqual([]);
    expect(job.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } },
    });
    expect(job.spec.template.metadata?.labels).toEqual({
      'controller-uid': 'u-1',
      'batch.kubernetes.io/controller-uid': 'u-1',
      'job-name': 'pi',
      'batch.kubernetes.io/job-name': 'pi',
    });
  });

  it('leaves completions unset when parallelism is given (a work queue)', () => {
    expect(createJob({ parallelism: 3, template: template('Never') }).job.spec.completions).toBeUndefined();
  });

  it.each([undefined, 'Always'])('refuses restartPolicy %s (it defaults to Always)', (policy) => {
    expect(createJob({ template: template(policy) }).causes).toEqual([
      expect.stringMatching(
        /^spec\.template\.spec\.restartPolicy: Required value: valid values: "OnFailure", "Never"/,
      ),
    ]);
  });

  it('refuses a selector it did not generate unless manualSelector', () => {
    const { causes } = createJob({ selector: { matchLabels: { a: 'b' } }, template: template('Never') });
    expect(causes).toContainEqual(
      expect.stringMatching(/^spec\.selector: Invalid value: `selector` not auto-generated/),
    );
  });

  it('needs completions for Indexed', () => {
    expect(
      createJob({ completionMode: 'Indexed', parallelism: 2, template: template('Never') }).causes,
    ).toEqual(['spec.completions: Required value: when completion mode is Indexed']);
  });
});

function cronJob(spec: Record<string, unknown>, name = 'nightly'): string[] {
  const cj = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default', uid: 'c-1' },
    spec: { jobTemplate: { spec: { template: template('OnFailure') } }, ...spec },
  } as unknown as CronJob;
  cronJobStrategy.prepareForCreate!(cj as KubeObject, reader);
  return cronJobStrategy.validate(cj, undefined, reader).map((c) => `${c.field}: ${c.message}`);
}

describe('CronJob validation', () => {
  it('accepts a standard schedule and a known time zone', () => {
    expect(cronJob({ schedule: '*/5 9-17 * * mon-fri', timeZone: 'Europe/Paris' })).toEqual([]);
    expect(cronJob({ schedule: '@hourly' })).toEqual([]);
  });
  it.each([
    [
      { schedule: '61 * * * *' },
      'spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
    ],
    [
      { schedule: 'CRON_TZ=UTC * * * * *' },
      'spec.schedule: Invalid value: "CRON_TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ],
    [
      { schedule: '* * * * *', timeZone: 'Europe/Pariss' },
      'spec.timeZone: Invalid value: "Europe/Pariss": unknown time zone Europe/Pariss',
    ],
    [
      { schedule: '* * * * *', timeZone: 'Local' },
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone',
    ],
    [
      { schedule: '* * * * *', concurrencyPolicy: 'Never' },
      'spec.concurrencyPolicy: Unsupported value: "Never"',
    ],
  ])('refuses %j', (spec, message) => {
    expect(cronJob(spec)[0]).toContain(message);
  });
  it('refuses names longer than 52 characters', () => {
    expect(cronJob({ schedule: '* * * * *' }, 'x'.repeat(53))[0]).toMatch(
      /^metadata\.name: .*no more than 52 characters/,
    );
  });
});
