import type { Job } from '../shared/batch-types';
import type { AnalysisRun } from '../shared/rollout-types';
import { durationSeconds } from './rollout-steps';

// Argo Rollouts' AnalysisRun rules (analysis/analysis.go) for the `job` provider, pure: a measurement is a Job,
// Successful when it completes and Failed when it fails; a metric fails once failed > failureLimit, succeeds
// once `count` measurements are in; the run takes the worst phase of its metrics.

export type Phase = 'Pending' | 'Running' | 'Successful' | 'Failed' | 'Error' | 'Inconclusive';

interface Metric {
  name: string;
  count?: number | string;
  interval?: string;
  initialDelay?: string;
  failureLimit?: number | string;
  inconclusiveLimit?: number | string;
  provider?: {
    job?: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec: Job['spec'];
    };
  } & Record<string, unknown>;
}

interface Measurement {
  phase: Phase;
  startedAt?: string;
  finishedAt?: string;
  metadata?: Record<string, string>;
  message?: string;
}

export interface MetricResult {
  name: string;
  phase: Phase;
  measurements?: Measurement[];
  count?: number;
  successful?: number;
  failed?: number;
  inconclusive?: number;
  error?: number;
  message?: string;
}

export interface AnalysisRunPlan {
  createJobs: Array<{ metric: string; index: number; name: string; job: Metric['provider'] & object }>;
  status: NonNullable<AnalysisRun['status']>;
  requeueAfterMs?: number;
}

const num = (v: number | string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
const rfc3339 = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const WORST: Phase[] = ['Error', 'Failed', 'Inconclusive', 'Running', 'Pending', 'Successful'];

/** Argo's job name for a measurement: `<run uid>.<metric>.<index>` (kept short enough to be a label value). */
export const measurementJobName = (run: AnalysisRun, metric: string, index: number) =>
  `${(run.metadata.uid ?? '').slice(0, 8)}.${metric
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40)}.${index}`;

function jobPhase(job: Job | undefined): Phase {
  const done = (type: string) => job?.status?.conditions?.some((c) => c.type === type && c.status === 'True');
  if (done('Complete')) return 'Successful';
  if (done('Failed')) return 'Failed';
  return 'Running';
}

export function planAnalysisRun(run: AnalysisRun, jobs: Map<string, Job>, now: number): AnalysisRunPlan {
  const createJobs: AnalysisRunPlan['createJobs'] = [];
  let requeue: number | undefined;
  const wake = (ms: number) => (requeue = Math.min(requeue ?? Infinity, Math.max(50, ms)));
  const startedAt = run.status?.startedAt ?? rfc3339(now);
  const terminated = !!run.spec.terminate;
  const previous = (run.status?.metricResults ?? []) as unknown as MetricResult[];
  const results: MetricResult[] = [];
  for (const metric of run.spec.metrics as unknown as Metric[]) {
    const before = previous.find((r) => r.name === metric.name);
    const measurements: Measurement[] = structuredClone(before?.measurements ?? []);
    if (!metric.provider?.job) {
      const other = Object.keys(metric.provider ?? {})[0] ?? 'none';
      results.push({
        name: metric.name,
        phase: 'Error',
        message: `provider "${other}" is not supported by Skiff (only job)`,
        error: 1,
      });
      continue;
    }
    // Bring running measurements up to date from their Jobs.
    measurements.forEach((m, i) => {
      if (m.phase !== 'Running') return;
      const phase = jobPhase(jobs.get(measurementJobName(run, metric.name, i)));
      if (phase !== 'Running') Object.assign(m, { phase, finishedAt: rfc3339(now) });
    });
    const count = num(metric.count, metric.interval ? 0 : 1);
    const failureLimit = num(metric.failureLimit, 0);
    const inconclusiveLimit = num(metric.inconclusiveLimit, 0);
    const tally = (p: Phase) => measurements.filter((m) => m.phase === p).length;
    const failed = tally('Failed');
    const successful = tally('Successful');
    const running = measurements.some((m) => m.phase === 'Running');
    let phase: Phase = 'Running';
    let message: string | undefined;
    if (failed > failureLimit) {
      phase = 'Failed';
      message = `Metric "${metric.name}" assessed Failed due to failed (${failed}) > failureLimit (${failureLimit})`;
    } else if (tally('Inconclusive') > inconclusiveLimit) phase = 'Inconclusive';
    else if (count > 0 && measurements.length >= count && !running) phase = 'Successful';
    else if (terminated && !running) phase = 'Successful';
    else if (!running && !terminated) {
      const last = measurements.at(-1);
      const delay =
        measurements.length === 0
          ? (durationSeconds(metric.initialDelay ?? '0') ?? 0)
          : (durationSeconds(metric.interval ?? '0') ?? 0);
      const from = last?.finishedAt ? Date.parse(last.finishedAt) : Date.parse(startedAt);
      if (now >= from + delay * 1000) {
        const index = measurements.length;
        const name = measurementJobName(run, metric.name, index);
        measurements.push({ phase: 'Running', startedAt: rfc3339(now), metadata: { 'job-name': name } });
        createJobs.push({ metric: metric.name, index, name, job: metric.provider });
      } else wake(from + delay * 1000 - now);
    }
    results.push({
      name: metric.name,
      phase,
      measurements,
      count: measurements.length,
      successful,
      failed,
      ...(message ? { message } : {}),
    });
  }
  const phase = results.length ? WORST.find((p) => results.some((r) => r.phase === p))! : 'Successful';
  const failedMetric = results.find((r) => r.phase === phase && r.message);
  const status: NonNullable<AnalysisRun['status']> = {
    phase,
    startedAt,
    metricResults: results as unknown as Array<Record<string, unknown>>,
    ...(failedMetric?.message && phase !== 'Running'
      ? { message: failedMetric.message }
      : terminated && phase === 'Successful'
        ? { message: 'Run Terminated' }
        : {}),
  };
  return { createJobs, status, ...(requeue !== undefined ? { requeueAfterMs: requeue } : {}) };
}
