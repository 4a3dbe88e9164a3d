import { describe, expect, it } from 'vitest';
import type { Job } from '../shared/batch-types';
import type { AnalysisRun } from '../shared/rollout-types';
import { measurementJobName, planAnalysisRun } from './plan-analysis-run';

// The job provider: a Job per measurement, its exit deciding; failureLimit, count and interval as Argo reads them.

const T0 = Date.parse('2026-01-01T00:00:00Z');
const jobMetric = (extra: Record<string, unknown> = {}) => ({
  name: 'smoke',
  provider: { job: { spec: { template: { spec: { containers: [{ name: 'c', image: 'x' }] } } } } },
  ...extra,
});
const run = (
  metrics: Array<Record<string, unknown>>,
  status?: AnalysisRun['status'],
  terminate = false,
): AnalysisRun => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AnalysisRun',
  metadata: { name: 'r', namespace: 'ns', uid: 'abcdef0123' },
  spec: { metrics, ...(terminate ? { terminate } : {}) },
  ...(status ? { status } : {}),
});
const finished = (type: 'Complete' | 'Failed') =>
  ({ status: { conditions: [{ type, status: 'True' }] } }) as unknown as Job;

/** Runs the planner n times, finishing each measurement's Job as `outcomes` says. */
function walk(r: AnalysisRun, outcomes: Array<'Complete' | 'Failed'>, stepMs = 5000) {
  const jobs = new Map<string, Job>();
  let now = T0;
  let current = r;
  for (let i = 0; i < 20; i++) {
    const plan = planAnalysisRun(current, jobs, now);
    current = { ...current, status: plan.status };
    for (const create of plan.createJobs) {
      const outcome = outcomes[create.index];
      if (outcome) jobs.set(create.name, finished(outcome));
    }
    if (!['Running', 'Pending'].includes(plan.status.phase ?? ''))
      return { status: plan.status, jobs: jobs.size };
    now += stepMs;
  }
  return { status: current.status!, jobs: jobs.size };
}

describe('planAnalysisRun (job provider)', () => {
  it('names a measurement Job as Argo does, short enough for a label', () => {
    expect(measurementJobName(run([]), 'Smoke_Test', 2)).toBe('abcdef01.smoke-test.2');
  });

  it.each([
    ['one passing Job', jobMetric(), ['Complete'], 'Successful', 1, undefined],
    [
      'one failing Job',
      jobMetric(),
      ['Failed'],
      'Failed',
      1,
      'Metric "smoke" assessed Failed due to failed (1) > failureLimit (0)',
    ],
    [
      'failureLimit 1 tolerates one failure of 3',
      jobMetric({ count: 3, interval: '5s', failureLimit: 1 }),
      ['Failed', 'Complete', 'Complete'],
      'Successful',
      3,
      undefined,
    ],
    [
      'failureLimit 1 fails on the second failure',
      jobMetric({ count: 3, interval: '5s', failureLimit: 1 }),
      ['Failed', 'Failed', 'Complete'],
      'Failed',
      2,
      'Metric "smoke" assessed Failed due to failed (2) > failureLimit (1)',
    ],
    [
      'a provider Skiff lacks is an Error',
      { name: 'prom', provider: { prometheus: {} } },
      [],
      'Error',
      0,
      'provider "prometheus" is not supported by Skiff (only job)',
    ],
  ] as const)('%s', (_name, metric, outcomes, phase, jobs, message) => {
    const result = walk(run([metric]), [...outcomes]);
    expect(result.status.phase).toBe(phase);
    expect(result.jobs).toBe(jobs);
    expect(result.status.message).toBe(message);
  });

  it('waits for the interval between measurements', () => {
    const r = run([jobMetric({ count: 2, interval: '10s' })]);
    const first = planAnalysisRun(r, new Map(), T0);
    expect(first.createJobs).toHaveLength(1);
    const jobs = new Map([[first.createJobs[0]!.name, finished('Complete')]]);
    const second = planAnalysisRun({ ...r, status: first.status }, jobs, T0 + 1000);
    expect(second.createJobs).toHaveLength(0);
    expect(second.requeueAfterMs).toBe(10_000);
    const third = planAnalysisRun({ ...r, status: second.status }, jobs, T0 + 11_000);
    expect(third.createJobs).toHaveLength(1);
  });

  it('a terminated run with nothing failed is Successful ("Run Terminated")', () => {
    const plan = planAnalysisRun(run([jobMetric({ interval: '5s' })], undefined, true), new Map(), T0);
    expect(plan.status).toMatchObject({ phase: 'Successful', message: 'Run Terminated' });
    expect(plan.createJobs).toEqual([]);
  });
});
