import type { KubeEvent, Pod } from '@shared/pod-types';
import {
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  WAS_AVAILABLE_ANNOTATION,
  type Deployment,
  type ReplicaSet,
} from '@shared/workload-types';
import { firstSeen, lastSeen, time } from './event-times';
import type { RolloutSpan } from './rollout-spans';

// How each revision of a Deployment becomes a span: when it began, how and when it ended.

// Event timestamps have whole seconds, so an event in the same second as an outcome still belongs to it.
export const GRACE_MS = 1000;

export const controllerUid = (o: {
  metadata: { ownerReferences?: { uid: string; controller?: boolean }[] };
}) => o.metadata.ownerReferences?.find((r) => r.controller)?.uid;

const revisionsOf = (rs: ReplicaSet): number[] =>
  [
    ...(rs.metadata.annotations?.[REVISION_HISTORY_ANNOTATION] ?? '').split(','),
    rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '',
  ]
    .map((r) => Number(r.trim()))
    .filter((r) => Number.isInteger(r) && r > 0);

export interface Draft {
  span: RolloutSpan;
  rs: ReplicaSet;
  /** Events inside [start, windowEnd] belong to it. */
  windowEnd: number;
}

export interface Related {
  /** every event about a Deployment, its ReplicaSets or their pods, by the Deployment's uid */
  byDeployment: Map<string, KubeEvent[]>;
  /** when containers of a ReplicaSet's pods started, by the ReplicaSet's uid */
  startsByRs: Map<string, number[]>;
}

/** One span per revision of the Deployment, in revision order, their events not yet placed. */
export function revisionDrafts(
  d: Deployment,
  owned: ReplicaSet[],
  related: Related,
  pods: Pod[] | undefined,
): Draft[] {
  const events = (related.byDeployment.get(d.metadata.uid ?? '') ?? []).filter(
    (e) => e.involvedObject.kind === 'Deployment',
  );
  const namespace = d.metadata.namespace ?? '';
  const deployment = d.metadata.name ?? '';
  const revisions = owned
    .flatMap((rs) =>
      revisionsOf(rs).map((revision, i, all) => ({
        rs,
        revision,
        rollbackTo: i > 0 ? all[i - 1] : undefined,
      })),
    )
    .sort((a, b) => a.revision - b.revision);
  const rolledBackEvents = events.filter((e) => e.reason === 'RolledBack');
  const rolledBackNote = (revision: number): string | undefined => {
    const from = `from revision ${revision} `;
    const event = rolledBackEvents.find((e) => e.message?.includes(from));
    const condition = d.status?.conditions?.find((c) => c.type === 'RolledBack' && c.message?.includes(from));
    const message = event?.message ?? condition?.message;
    return message === undefined ? undefined : message.replace(/^[^:]*:\s*/, '');
  };

  const drafts: Draft[] = [];
  for (const [i, r] of revisions.entries()) {
    const previous = drafts[i - 1];
    const start =
      r.rollbackTo === undefined || !previous
        ? (time(r.rs.metadata.creationTimestamp) ?? 0)
        : rollbackStart(r.rs, previous, events, pods);
    drafts.push({
      rs: r.rs,
      windowEnd: Infinity,
      span: {
        id: `${namespace}/${deployment}/${r.revision}`,
        namespace,
        deployment,
        revision: r.revision,
        replicaSet: r.rs.metadata.name ?? '',
        ...(r.rollbackTo !== undefined ? { rollbackTo: r.rollbackTo } : {}),
        start,
        outcome: 'in-progress',
        events: [],
      },
    });
  }

  for (const [i, draft] of drafts.entries()) {
    const next = drafts[i + 1];
    const span = draft.span;
    if (next) {
      const note = rolledBackNote(span.revision);
      if (next.span.rollbackTo !== undefined || note !== undefined) {
        Object.assign(span, { outcome: 'rolled-back', end: next.span.start }, note ? { reason: note } : {});
        draft.windowEnd = next.span.start;
      } else if (draft.rs.metadata.annotations?.[WAS_AVAILABLE_ANNOTATION] === 'true') {
        span.outcome = 'done';
        const done = doneTime(draft, next.span.start, events, related, pods);
        if (done !== undefined) span.end = done;
        draft.windowEnd = (done ?? next.span.start) + GRACE_MS;
      } else {
        Object.assign(span, { outcome: 'replaced', end: next.span.start });
        draft.windowEnd = next.span.start;
      }
    } else {
      settleCurrent(d, draft, pods);
    }
  }
  return drafts;
}

/**
 * When a rollback to a reused ReplicaSet began: nothing records it directly, so it is the first sign of it
 * after the previous rollout started — the ReplicaSet scaled up, the previous one scaled down, or a new pod.
 */
function rollbackStart(
  rs: ReplicaSet,
  previous: Draft,
  events: KubeEvent[],
  pods: Pod[] | undefined,
): number {
  const after = previous.span.start;
  const signs = events
    .filter(
      (e) =>
        e.reason === 'RolledBack' ||
        (e.reason === 'ScalingReplicaSet' &&
          (e.message?.startsWith(`Scaled up replica set ${rs.metadata.name} `) ||
            e.message?.startsWith(`Scaled down replica set ${previous.span.replicaSet} `))),
    )
    .map((e) => [lastSeen(e), firstSeen(e)].find((t) => t >= after))
    .concat(
      (pods ?? [])
        .filter((p) => controllerUid(p) === rs.metadata.uid)
        .map((p) => time(p.metadata.creationTimestamp))
        .filter((t) => t !== undefined && t >= after),
    )
    .filter((t): t is number => t !== undefined);
  return signs.length ? Math.min(...signs) : after;
}

/** When a finished rollout (no longer current) completed: its last scaling step or its last pod turning ready. */
function doneTime(
  draft: Draft,
  before: number,
  events: KubeEvent[],
  related: Related,
  pods: Pod[] | undefined,
): number | undefined {
  // Timestamps have whole seconds: a pod may turn ready in the second the next rollout begins, but a scaling
  // step in that second is the next rollout's, and this one's first step says when it began, not finished.
  const inside = (t: number | undefined) => t !== undefined && t >= draft.span.start && t <= before;
  const firstStep = `Scaled up replica set ${draft.span.replicaSet} from 0 `;
  const moments = [
    ...events
      .filter((e) => e.reason === 'ScalingReplicaSet' && !e.message?.startsWith(firstStep))
      .map((e) => [lastSeen(e), firstSeen(e)].find((t) => inside(t) && t < before)),
    ...(related.startsByRs.get(draft.rs.metadata.uid ?? '') ?? []).filter(inside),
    ...(pods ?? [])
      .filter((p) => controllerUid(p) === draft.rs.metadata.uid)
      .map((p) => p.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True'))
      .map((ready) => time(ready?.lastTransitionTime))
      .filter(inside),
  ].filter((t): t is number => t !== undefined);
  return moments.length ? Math.max(...moments) : undefined;
}

/** The current revision's outcome, from the Deployment's Progressing condition (Kubernetes' reasons). */
function settleCurrent(d: Deployment, draft: Draft, pods: Pod[] | undefined): void {
  const span = draft.span;
  const progressing = d.status?.conditions?.find((c) => c.type === 'Progressing');
  const aboutThis = progressing?.message?.includes(`"${span.replicaSet}"`) ?? false;
  const observed = (d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
  const at = time(progressing?.lastUpdateTime) ?? time(progressing?.lastTransitionTime);
  if (observed && aboutThis && progressing?.reason === 'NewReplicaSetAvailable') {
    span.outcome = 'done';
    if (at !== undefined) span.end = at;
    draft.windowEnd = (at ?? Infinity) + GRACE_MS;
    return;
  }
  if (observed && aboutThis && progressing?.reason === 'ProgressDeadlineExceeded') {
    Object.assign(span, { outcome: 'failed', reason: 'progress deadline exceeded' });
    if (at !== undefined) span.end = at;
    // still the current revision: Kubernetes keeps trying it, so what its pods do next belongs to it
    draft.windowEnd = Infinity;
    return;
  }
  span.outcome = 'in-progress';
  span.progress = {
    updated: d.status?.updatedReplicas ?? 0,
    ready: draft.rs.status?.readyReplicas ?? 0,
    desired: d.spec.replicas ?? 1,
  };
  const looping = (pods ?? []).some(
    (p) =>
      controllerUid(p) === draft.rs.metadata.uid &&
      (p.status?.containerStatuses ?? []).some((c) => c.state.waiting?.reason === 'CrashLoopBackOff'),
  );
  if (d.spec.paused) span.reason = 'paused';
  else if (looping) span.reason = 'pods crash-looping';
}
