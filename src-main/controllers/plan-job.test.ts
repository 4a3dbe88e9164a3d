import { describe, expect, it } from 'vitest';
import type { Job, JobSpec } from '../shared/batch-types';
import { JOB_COMPLETION_INDEX_ANNOTATION, JOB_TRACKING_FINALIZER } from '../shared/batch-types';
import type { Pod } from '../shared/pod-types';
import { formatIndexes, matchPodFailurePolicy, newJobPod } from './job-pods';
import { planJob, podBackoffRemaining } from './plan-job';

// The core cases of Kubernetes' pkg/controller/job/job_controller_test.go (TestControllerSyncJob,
// TestSyncJobPastDeadline, TestSyncJobWithJobPodFailurePolicy, TestJobBackoff), as tables over planJob.
const NOW = Date.parse('2024-05-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
let seq = 0;

function job(spec: Partial<JobSpec>, status: Job['status'] = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'foobar', namespace: 'default', uid: 'job-uid' },
    spec: {
      parallelism: 2,
      completions: 5,
      backoffLimit: 6,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
      ...spec,
    },
    status: { startTime: iso(NOW - 1000), ...status },
  };
}

type PodState = 'Running' | 'Pending' | 'Succeeded' | 'Failed' | 'Terminating';
function pods(
  state: PodState,
  n: number,
  extra: { index?: number; exitCode?: number; finishedAt?: number; counted?: boolean } = {},
): Pod[] {
  return Array.from({ length: n }, () => {
    seq++;
    const phase = state === 'Terminating' ? 'Running' : state;
    const terminated =
      phase === 'Succeeded' || phase === 'Failed'
        ? {
            exitCode: extra.exitCode ?? (phase === 'Failed' ? 1 : 0),
            finishedAt: iso(extra.finishedAt ?? NOW - 60_000),
          }
        : undefined;
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `foobar-${seq}`,
        namespace: 'default',
        uid: `pod-${seq}`,
        creationTimestamp: iso(NOW - 100_000 + seq),
        finalizers: extra.counted ? undefined : [JOB_TRACKING_FINALIZER],
        ...(state === 'Terminating' ? { deletionTimestamp: iso(NOW) } : {}),
        ...(extra.index !== undefined
          ? { annotations: { [JOB_COMPLETION_INDEX_ANNOTATION]: String(extra.index) } }
          : {}),
      },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
      status: {
        phase,
        containerStatuses: terminated
          ? [
              {
                name: 'c',
                ready: false,
                restartCount: 0,
                image: 'busybox',
                imageID: '',
                state: { terminated },
              },
            ]
          : [],
      },
    } as Pod;
  });
}

describe('planJob (TestControllerSyncJob)', () => {
  const cases: {
    name: string;
    job: Job;
    pods: Pod[];
    create?: number;
    deleted?: number;
    active?: number;
    succeeded?: number;
    failed?: number;
    uncountedSucceeded?: number;
    uncountedFailed?: number;
    condition?: string;
    reason?: string;
  }[] = [
    { name: 'job start', job: job({}), pods: [], create: 2, active: 2 },
    { name: 'WQ job start', job: job({ completions: undefined }), pods: [], create: 2, active: 2 },
    { name: 'pending pods', job: job({}), pods: pods('Pending', 2), active: 2 },
    { name: 'correct # of pods', job: job({}), pods: pods('Running', 2), active: 2 },
    {
      name: 'too few active pods',
      job: job({}, { succeeded: 1 }),
      pods: [...pods('Running', 1), ...pods('Succeeded', 1, { counted: true })],
      create: 1,
      active: 2,
      succeeded: 1,
    },
    { name: 'too many active pods', job: job({}), pods: pods('Running', 3), deleted: 1, active: 2 },
    {
      name: 'new succeeded pod goes through uncountedTerminatedPods',
      job: job({}),
      pods: [...pods('Running', 1), ...pods('Succeeded', 1)],
      create: 1,
      active: 2,
      succeeded: 0,
      uncountedSucceeded: 1,
    },
    {
      name: 'uncounted pod whose finalizer is gone is counted',
      job: job({}, { uncountedTerminatedPods: { succeeded: ['pod-x'] } }),
      pods: pods('Running', 2),
      active: 2,
      succeeded: 1,
    },
    {
      name: 'only new failed pod, within backoff',
      job: job({}, { failed: 0 }),
      pods: [...pods('Running', 1), ...pods('Failed', 1, { finishedAt: NOW - 1000 })],
      create: 0,
      active: 1,
      uncountedFailed: 1,
    },
    {
      name: 'failed pod past its backoff is replaced',
      job: job({}, { failed: 1 }),
      pods: [...pods('Running', 1), ...pods('Failed', 1, { finishedAt: NOW - 11_000, counted: true })],
      create: 1,
      active: 2,
      failed: 1,
    },
    {
      name: 'job finish: completions reached → SuccessCriteriaMet, then Complete',
      job: job({}, { succeeded: 5 }),
      pods: pods('Succeeded', 5, { counted: true }),
      active: 0,
      succeeded: 5,
      condition: 'Complete',
      reason: 'CompletionsReached',
    },
    {
      name: 'WQ job finishing: one success, others still running',
      job: job({ completions: undefined }, { succeeded: 1 }),
      pods: [...pods('Running', 1), ...pods('Succeeded', 1, { counted: true })],
      active: 1,
      succeeded: 1,
    },
    {
      name: 'WQ job all finished',
      job: job({ completions: undefined }, { succeeded: 2 }),
      pods: pods('Succeeded', 2, { counted: true }),
      active: 0,
      succeeded: 2,
      condition: 'Complete',
    },
    {
      name: 'more than backoffLimit failures: FailureTarget, pods deleted',
      job: job({ backoffLimit: 1 }, { failed: 2 }),
      pods: [...pods('Running', 1), ...pods('Failed', 2, { counted: true })],
      deleted: 1,
      active: 0,
      failed: 2,
      condition: 'FailureTarget',
      reason: 'BackoffLimitExceeded',
    },
    {
      name: 'backoffLimit exceeded and nothing running: Failed',
      job: job({ backoffLimit: 1 }, { failed: 2 }),
      pods: pods('Failed', 2, { counted: true }),
      active: 0,
      failed: 2,
      condition: 'Failed',
      reason: 'BackoffLimitExceeded',
    },
    {
      name: 'suspended job deletes its pods',
      job: job({ suspend: true }),
      pods: pods('Running', 2),
      deleted: 2,
      active: 0,
      condition: 'Suspended',
      reason: 'JobSuspended',
    },
    {
      name: 'terminating pods are replaced at once (TerminatingOrFailed)',
      job: job({}),
      pods: [...pods('Running', 1), ...pods('Terminating', 1)],
      create: 1,
      active: 2,
    },
    {
      name: 'terminating pods wait with podReplacementPolicy Failed',
      job: job({ podReplacementPolicy: 'Failed' }),
      pods: [...pods('Running', 1), ...pods('Terminating', 1)],
      create: 0,
      active: 1,
    },
  ];
  it.each(cases)('$name', (c) => {
    const plan = planJob(c.job, c.pods, NOW);
    expect(plan.create.length).toBe(c.create ?? 0);
    expect(plan.delete.length).toBe(c.deleted ?? 0);
    expect(plan.status.active).toBe(c.active);
    expect(plan.status.succeeded).toBe(c.succeeded ?? 0);
    expect(plan.status.failed).toBe(c.failed ?? 0);
    expect(plan.status.uncountedTerminatedPods?.succeeded?.length ?? 0).toBe(c.uncountedSucceeded ?? 0);
    expect(plan.status.uncountedTerminatedPods?.failed?.length ?? 0).toBe(c.uncountedFailed ?? 0);
    const condition = plan.status.conditions?.find((x) => x.type === c.condition);
    if (c.condition)
      expect(condition).toMatchObject({ status: 'True', ...(c.reason ? { reason: c.reason } : {}) });
    else expect(plan.status.conditions?.filter((x) => x.status === 'True') ?? []).toEqual([]);
  });

  it('sets completionTime and a Completed event with Complete', () => {
    const plan = planJob(job({}, { succeeded: 5 }), pods('Succeeded', 5, { counted: true }), NOW);
    expect(plan.status.completionTime).toBe(iso(NOW));
    expect(plan.status.conditions?.map((c) => c.type)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(plan.events).toEqual([{ type: 'Normal', reason: 'Completed', message: 'Job completed' }]);
  });

  it('removes finalizers of the pods it records as uncounted', () => {
    const done = pods('Succeeded', 1);
    const plan = planJob(job({}), done, NOW);
    expect(plan.removeFinalizers).toEqual(done);
  });
});

describe('activeDeadlineSeconds (TestSyncJobPastDeadline)', () => {
  it('fails with DeadlineExceeded once the deadline passed, deleting active pods', () => {
    const j = job({ activeDeadlineSeconds: 10 }, { startTime: iso(NOW - 15_000) });
    const plan = planJob(j, pods('Running', 2), NOW);
    expect(plan.delete).toHaveLength(2);
    expect(plan.status.conditions?.[0]).toMatchObject({
      type: 'FailureTarget',
      reason: 'DeadlineExceeded',
      message: 'Job was active longer than specified deadline',
    });
  });
  it('looks again when the deadline is due', () => {
    const j = job({ activeDeadlineSeconds: 10 }, { startTime: iso(NOW - 4_000) });
    expect(planJob(j, pods('Running', 2), NOW).requeueAfterMs).toBe(6_000);
  });
  it('ends Failed once its pods are gone', () => {
    const j = job(
      { activeDeadlineSeconds: 10 },
      {
        startTime: iso(NOW - 15_000),
        conditions: [
          {
            type: 'FailureTarget',
            status: 'True',
            reason: 'DeadlineExceeded',
            message: 'Job was active longer than specified deadline',
          },
        ],
      },
    );
    const plan = planJob(j, [], NOW);
    expect(plan.status.conditions?.map((c) => c.type)).toEqual(['FailureTarget', 'Failed']);
    expect(plan.events[0]).toMatchObject({ type: 'Warning', reason: 'DeadlineExceeded' });
  });
});

describe('Indexed jobs', () => {
  it('creates the lowest pending indexes and records completed ones', () => {
    const j = job({ completionMode: 'Indexed', completions: 4, parallelism: 2 });
    const plan = planJob(
      j,
      [...pods('Succeeded', 1, { index: 0 }), ...pods('Running', 1, { index: 2 })],
      NOW,
    );
    expect(plan.create).toEqual([{ index: 1 }]);
    expect(plan.status).toMatchObject({ completedIndexes: '0', succeeded: 1, active: 2 });
  });
  it('deletes duplicate and completed indexes', () => {
    const j = job(
      { completionMode: 'Indexed', completions: 3, parallelism: 3 },
      { completedIndexes: '0', succeeded: 1 },
    );
    const plan = planJob(j, [...pods('Running', 1, { index: 0 }), ...pods('Running', 2, { index: 1 })], NOW);
    expect(plan.delete).toHaveLength(2);
    expect(plan.create).toEqual([{ index: 2 }]);
  });
  it('builds the pod of an index: annotation, label, hostname, JOB_COMPLETION_INDEX', () => {
    const pod = newJobPod(job({ completionMode: 'Indexed', completions: 3 }), 2);
    expect(pod.metadata.generateName).toBe('foobar-2-');
    expect(pod.metadata.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION]).toBe('2');
    expect(pod.spec.hostname).toBe('foobar-2');
    expect(pod.spec.containers[0]?.env?.[0]?.name).toBe('JOB_COMPLETION_INDEX');
    expect(pod.metadata.finalizers).toEqual([JOB_TRACKING_FINALIZER]);
  });
  it('formats completed indexes as Kubernetes does', () => {
    expect(formatIndexes([5, 1, 3, 4, 7, 0])).toBe('0-1,3-5,7');
  });
});

describe('pod failure policy (TestSyncJobWithJobPodFailurePolicy)', () => {
  const policy = (action: 'FailJob' | 'Ignore' | 'Count') => ({
    rules: [{ action, onExitCodes: { operator: 'In' as const, values: [5] } }],
  });
  it('FailJob on a matching exit code fails the Job with reason PodFailurePolicy', () => {
    const failed = pods('Failed', 1, { exitCode: 5 });
    const plan = planJob(
      job({ podFailurePolicy: policy('FailJob') }),
      [...pods('Running', 1), ...failed],
      NOW,
    );
    expect(plan.status.conditions?.[0]).toMatchObject({
      type: 'FailureTarget',
      reason: 'PodFailurePolicy',
      message: `Container c for pod default/${failed[0]!.metadata.name} failed with exit code 5 matching FailJob rule at index 0`,
    });
  });
  it('Ignore does not count the failure', () => {
    const plan = planJob(
      job({ podFailurePolicy: policy('Ignore'), backoffLimit: 0 }),
      pods('Failed', 1, { exitCode: 5 }),
      NOW,
    );
    expect(plan.status.uncountedTerminatedPods?.failed).toBeUndefined();
    expect(plan.status.conditions ?? []).toEqual([]);
    expect(plan.removeFinalizers).toHaveLength(1);
  });
  it('Count counts it against backoffLimit', () => {
    const plan = planJob(
      job({ podFailurePolicy: policy('Count'), backoffLimit: 0 }),
      pods('Failed', 1, { exitCode: 5 }),
      NOW,
    );
    expect(plan.status.conditions?.[0]).toMatchObject({
      type: 'FailureTarget',
      reason: 'BackoffLimitExceeded',
    });
  });
  it('matches the DisruptionTarget condition', () => {
    const [pod] = pods('Failed', 1);
    pod!.status!.conditions = [{ type: 'DisruptionTarget', status: 'True' }];
    const j = job({
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
    });
    expect(matchPodFailurePolicy(j, pod!)).toEqual({
      action: 'Ignore',
      message: `Pod default/${pod!.metadata.name} has condition DisruptionTarget matching Ignore rule at index 0`,
    });
  });
});

describe('pod failure backoff (TestJobBackoff)', () => {
  it.each([
    [1, 1_000, 9_000],
    [2, 1_000, 19_000],
    [3, 1_000, 39_000],
    [7, 1_000, 359_000],
    [9, 1_000, 359_000],
    [1, 20_000, 0],
  ])('%i failures, the last %i ms ago → wait %i ms', (failures, ago, want) => {
    const failed = Array.from(
      { length: failures },
      (_, i) => pods('Failed', 1, { finishedAt: NOW - ago - (failures - 1 - i) * 1000 })[0]!,
    );
    const list = failed.map((p, i) => (i === failures - 1 ? p : p));
    expect(podBackoffRemaining(list, NOW)).toBe(want);
  });
  it('a success resets the count', () => {
    const list = [
      ...pods('Failed', 3, { finishedAt: NOW - 5000 }),
      ...pods('Succeeded', 1, { finishedAt: NOW - 4000 }),
    ];
    expect(podBackoffRemaining(list, NOW)).toBe(0);
  });
});
