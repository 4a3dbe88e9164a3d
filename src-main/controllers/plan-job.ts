import type { Job, JobCondition, JobStatus } from '../shared/batch-types';
import { finishedCondition } from '../shared/batch-types';
import type { Pod } from '../shared/pod-types';
import {
  completionIndex,
  finishTime,
  formatIndexes,
  hasTrackingFinalizer,
  isActive,
  isReady,
  isTerminal,
  isTerminating,
  matchPodFailurePolicy,
  parseIndexes,
} from './job-pods';

// One sync of Kubernetes 1.32's Job controller (pkg/controller/job/job_controller.go, syncJob and
// manageJob), as a pure decision. Terminated pods are counted through status.uncountedTerminatedPods and the
// batch.kubernetes.io/job-tracking finalizer, so each is counted exactly once even across restarts.
// With JobSuccessPolicy and JobManagedBy on (1.32's defaults), the terminal condition waits: FailureTarget or
// SuccessCriteriaMet first, then Failed or Complete once no pod is left running or terminating.

export const POD_BACKOFF_INITIAL_MS = 10_000;
export const POD_BACKOFF_MAX_MS = 360_000;

export interface JobEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface JobPlan {
  /** Pods to create; for an Indexed Job, each with its completion index. */
  create: { index?: number }[];
  delete: Pod[];
  /** Pods whose tracking finalizer goes, after `status` is written (their uids are in it). */
  removeFinalizers: Pod[];
  status: JobStatus;
  events: JobEvent[];
  /** Look again after this long (backoff, activeDeadlineSeconds, ttl). */
  requeueAfterMs?: number;
}

const rfc3339 = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

function setCondition(
  conditions: JobCondition[],
  type: JobCondition['type'],
  status: JobCondition['status'],
  reason: string,
  message: string,
  now: number,
): JobCondition[] {
  const existing = conditions.find((c) => c.type === type);
  if (existing && existing.status === status && existing.reason === reason) return conditions;
  const next: JobCondition = {
    type,
    status,
    lastProbeTime: rfc3339(now),
    lastTransitionTime: existing?.status === status ? existing.lastTransitionTime : rfc3339(now),
    reason,
    message,
  };
  return existing ? conditions.map((c) => (c === existing ? next : c)) : [...conditions, next];
}

const conditionTrue = (conditions: JobCondition[], type: JobCondition['type']) =>
  conditions.find((c) => c.type === type && c.status === 'True');

/** The wait before replacing failed pods: 10 s doubling per failure since the last success, 6 min at most. */
export function podBackoffRemaining(pods: Pod[], now: number): number {
  const finished = pods
    .filter(isTerminal)
    .map((p) => ({ failed: p.status?.phase === 'Failed', at: finishTime(p, now) }));
  const lastSuccess = Math.max(-Infinity, ...finished.filter((f) => !f.failed).map((f) => f.at));
  const failures = finished.filter((f) => f.failed && f.at > lastSuccess);
  if (failures.length === 0) return 0;
  const lastFailure = Math.max(...failures.map((f) => f.at));
  const backoff = Math.min(POD_BACKOFF_INITIAL_MS * 2 ** (failures.length - 1), POD_BACKOFF_MAX_MS);
  return Math.max(0, lastFailure + backoff - now);
}

export function planJob(job: Job, pods: Pod[], now: number): JobPlan {
  const plan: JobPlan = { create: [], delete: [], removeFinalizers: [], status: {}, events: [] };
  const spec = job.spec;
  const indexed = spec.completionMode === 'Indexed';
  const completions = spec.completions;
  const parallelism = spec.parallelism ?? 1;
  const backoffLimit = spec.backoffLimit ?? 6;
  const old = job.status ?? {};
  let conditions = [...(old.conditions ?? [])];
  const later = (ms: number) =>
    (plan.requeueAfterMs = plan.requeueAfterMs === undefined ? ms : Math.min(plan.requeueAfterMs, ms));

  // 1. Counting terminated pods: uncounted → counters once their finalizer is gone; newly terminated → uncounted.
  const byUid = new Map(pods.map((p) => [p.metadata.uid ?? '', p]));
  const uncountedSucceeded = new Set(old.uncountedTerminatedPods?.succeeded ?? []);
  const uncountedFailed = new Set(old.uncountedTerminatedPods?.failed ?? []);
  let succeeded = old.succeeded ?? 0;
  let failed = old.failed ?? 0;
  const completed = indexed ? parseIndexes(old.completedIndexes, completions ?? 0) : new Set<number>();
  for (const [set, bump] of [
    [uncountedSucceeded, () => succeeded++],
    [uncountedFailed, () => failed++],
  ] as const) {
    for (const uid of [...set]) {
      const pod = byUid.get(uid);
      if (pod && hasTrackingFinalizer(pod)) continue;
      set.delete(uid);
      bump();
    }
  }
  let policyFailure: string | undefined;
  for (const pod of pods) {
    if (!isTerminal(pod) || !hasTrackingFinalizer(pod)) continue;
    const uid = pod.metadata.uid ?? '';
    if (uncountedSucceeded.has(uid) || uncountedFailed.has(uid)) {
      plan.removeFinalizers.push(pod);
      continue;
    }
    if (pod.status?.phase === 'Succeeded') {
      // An Indexed Job counts by index (completedIndexes is its own record), the others by uid.
      const index = indexed ? completionIndex(pod, completions ?? 0) : undefined;
      if (index !== undefined) completed.add(index);
      if (!indexed) uncountedSucceeded.add(uid);
    } else {
      const match = spec.podFailurePolicy ? matchPodFailurePolicy(job, pod) : undefined;
      if (match?.action === 'FailJob') policyFailure ??= match.message;
      if (match?.action !== 'Ignore') {
        uncountedFailed.add(uid);
      }
    }
    plan.removeFinalizers.push(pod);
  }
  const active = pods.filter(isActive);
  const terminating = pods.filter(isTerminating).length;
  const totalFailed = failed + uncountedFailed.size;
  const totalSucceeded = indexed ? completed.size : succeeded + uncountedSucceeded.size;
  const hasUncounted = uncountedSucceeded.size + uncountedFailed.size > 0;

  // 2. Suspension, start time.
  let startTime = old.startTime;
  const finished = finishedCondition(job);
  if (!finished) {
    const suspended = conditionTrue(conditions, 'Suspended');
    if (spec.suspend) {
      if (!suspended) {
        conditions = setCondition(conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now);
        plan.events.push({ type: 'Normal', reason: 'Suspended', message: 'Job suspended' });
      }
    } else {
      if (suspended) {
        conditions = setCondition(conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', now);
        plan.events.push({ type: 'Normal', reason: 'Resumed', message: 'Job resumed' });
        startTime = rfc3339(now); // activeDeadlineSeconds starts over
      }
      startTime ??= rfc3339(now);
    }
  }

  // 3. Has the Job reached an end? A target first, the terminal condition once no pod runs.
  let target = conditions.find(
    (c) => (c.type === 'FailureTarget' || c.type === 'SuccessCriteriaMet') && c.status === 'True',
  );
  if (!finished && !target) {
    const restartsOnFailure =
      spec.template.spec.restartPolicy === 'OnFailure'
        ? active.reduce(
            (sum, p) =>
              sum +
              [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])].reduce(
                (s, c) => s + (c.restartCount ?? 0),
                0,
              ),
            0,
          )
        : 0;
    const pastBackoffOnFailure =
      spec.template.spec.restartPolicy === 'OnFailure' &&
      (backoffLimit === 0 ? restartsOnFailure > 0 : restartsOnFailure >= backoffLimit);
    const deadline = spec.activeDeadlineSeconds;
    const startedAt = startTime ? Date.parse(startTime) : undefined;
    const sinceStart = startedAt === undefined ? 0 : now - startedAt;
    let failure: [string, string] | undefined;
    if (policyFailure) failure = ['PodFailurePolicy', policyFailure];
    else if (totalFailed > backoffLimit || pastBackoffOnFailure)
      failure = ['BackoffLimitExceeded', 'Job has reached the specified backoff limit'];
    else if (deadline !== undefined && startedAt !== undefined && !spec.suspend) {
      if (sinceStart >= deadline * 1000)
        failure = ['DeadlineExceeded', 'Job was active longer than specified deadline'];
      else later(deadline * 1000 - sinceStart);
    }
    const complete =
      completions === undefined ? totalSucceeded > 0 && active.length === 0 : totalSucceeded >= completions;
    if (failure) {
      conditions = setCondition(conditions, 'FailureTarget', 'True', failure[0], failure[1], now);
    } else if (complete) {
      conditions = setCondition(
        conditions,
        'SuccessCriteriaMet',
        'True',
        'CompletionsReached',
        'Reached expected number of succeeded pods',
        now,
      );
    }
    target = conditions.find(
      (c) => (c.type === 'FailureTarget' || c.type === 'SuccessCriteriaMet') && c.status === 'True',
    );
  }

  let completionTime = old.completionTime;
  if (!finished && target) {
    plan.delete.push(...active);
    if (active.length === 0 && terminating === 0 && !hasUncounted && plan.removeFinalizers.length === 0) {
      if (target.type === 'FailureTarget') {
        conditions = setCondition(
          conditions,
          'Failed',
          'True',
          target.reason ?? '',
          target.message ?? '',
          now,
        );
        plan.events.push({
          type: 'Warning',
          reason: target.reason ?? 'Failed',
          message: target.message ?? '',
        });
      } else {
        conditions = setCondition(
          conditions,
          'Complete',
          'True',
          'CompletionsReached',
          'Reached expected number of succeeded pods',
          now,
        );
        completionTime = rfc3339(now);
        plan.events.push({ type: 'Normal', reason: 'Completed', message: 'Job completed' });
      }
    }
  } else if (!finished && spec.suspend) {
    plan.delete.push(...active);
  } else if (!finished) {
    manage(job, active, terminating, totalSucceeded, completed, parallelism, pods, now, plan, later);
  }

  const activeAfter = active.length - plan.delete.length + plan.create.length;
  plan.status = {
    ...(conditions.length ? { conditions } : {}),
    ...(startTime ? { startTime } : {}),
    ...(completionTime ? { completionTime } : {}),
    active: Math.max(0, activeAfter),
    ready: active.filter((p) => isReady(p) && !plan.delete.includes(p)).length,
    succeeded: indexed ? completed.size : succeeded,
    failed,
    terminating: terminating + plan.delete.length,
    ...(indexed ? { completedIndexes: formatIndexes(completed) } : {}),
    uncountedTerminatedPods: {
      ...(uncountedSucceeded.size ? { succeeded: [...uncountedSucceeded] } : {}),
      ...(uncountedFailed.size ? { failed: [...uncountedFailed] } : {}),
    },
  };
  return plan;
}

function manage(
  job: Job,
  active: Pod[],
  terminating: number,
  succeeded: number,
  completed: Set<number>,
  parallelism: number,
  pods: Pod[],
  now: number,
  plan: JobPlan,
  later: (ms: number) => void,
): void {
  const spec = job.spec;
  const onlyFailed =
    (spec.podReplacementPolicy ?? (spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed')) === 'Failed';
  const waiting = onlyFailed ? terminating : 0;
  const backoff = podBackoffRemaining(pods, now);
  if (spec.completionMode === 'Indexed') {
    const completions = spec.completions ?? 0;
    const seen = new Set<number>();
    const keep: Pod[] = [];
    for (const pod of [...active].sort((a, b) =>
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? ''),
    )) {
      const index = completionIndex(pod, completions);
      if (index === undefined || completed.has(index) || seen.has(index)) plan.delete.push(pod);
      else {
        seen.add(index);
        keep.push(pod);
      }
    }
    if (onlyFailed)
      for (const pod of pods.filter(isTerminating)) {
        const index = completionIndex(pod, completions);
        if (index !== undefined) seen.add(index);
      }
    const excess = keep.length - parallelism;
    if (excess > 0) plan.delete.push(...keep.slice(-excess));
    let room = parallelism - keep.length - waiting;
    if (room <= 0) return;
    if (backoff > 0) return later(backoff);
    for (let i = 0; i < completions && room > 0; i++) {
      if (completed.has(i) || seen.has(i)) continue;
      plan.create.push({ index: i });
      room--;
    }
    return;
  }
  let wantActive: number;
  if (spec.completions === undefined) wantActive = succeeded > 0 ? active.length : parallelism;
  else wantActive = Math.max(0, Math.min(spec.completions - succeeded, parallelism));
  if (active.length > wantActive) {
    const newestFirst = [...active].sort((a, b) =>
      (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''),
    );
    plan.delete.push(...newestFirst.slice(0, active.length - wantActive));
    return;
  }
  const diff = wantActive - active.length - waiting;
  if (diff <= 0) return;
  if (backoff > 0) return later(backoff);
  for (let i = 0; i < diff; i++) plan.create.push({});
}
