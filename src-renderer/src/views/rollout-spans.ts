import type { KubeEvent, Pod } from '@shared/pod-types';
import {
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  WAS_AVAILABLE_ANNOTATION,
  type Deployment,
  type ReplicaSet,
} from '@shared/workload-types';

export type RolloutOutcome = 'in-progress' | 'done' | 'failed' | 'rolled-back' | 'replaced';

/** One rollout of a Deployment: the time its revision took over, how it ended, and what happened meanwhile. */
export interface RolloutSpan {
  id: string; // namespace/deployment/revision
  namespace: string;
  deployment: string;
  revision: number;
  replicaSet: string;
  /** This revision returned to the template of that earlier revision (its ReplicaSet was reused). */
  rollbackTo?: number;
  start: number; // ms since the epoch
  /** When the outcome was reached; absent while in progress or when nothing recorded it. */
  end?: number;
  outcome: RolloutOutcome;
  /** Why it failed or was rolled back, or what holds it up while in progress. */
  reason?: string;
  progress?: { updated: number; ready: number; desired: number };
  /** The Deployment's, its ReplicaSets' and their pods' events during the rollout, newest first. */
  events: KubeEvent[];
}

export interface RolloutInput {
  deployments: Deployment[];
  replicaSets: ReplicaSet[];
  /** Optional: with pods, events find their ReplicaSet by ownerReferences instead of by name. */
  pods?: Pod[];
  events: KubeEvent[];
}

export interface Timeline {
  spans: RolloutSpan[];
  /** Events in no rollout, newest first. */
  loose: KubeEvent[];
}

// Event timestamps have whole seconds, so an event in the same second as an outcome still belongs to it.
const GRACE_MS = 1000;

const time = (text: string | undefined): number | undefined => {
  const ms = text ? Date.parse(text) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
};

/** The latest moment an event happened (it may stand for several occurrences, `count`). */
export const lastSeen = (e: KubeEvent): number =>
  time(e.lastTimestamp) ?? time(e.firstTimestamp) ?? time(e.metadata.creationTimestamp) ?? 0;

const firstSeen = (e: KubeEvent): number =>
  time(e.firstTimestamp) ?? time(e.metadata.creationTimestamp) ?? lastSeen(e);

const key = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;

const controllerUid = (o: { metadata: { ownerReferences?: { uid: string; controller?: boolean }[] } }) =>
  o.metadata.ownerReferences?.find((r) => r.controller)?.uid;

const revisionsOf = (rs: ReplicaSet): number[] =>
  [
    ...(rs.metadata.annotations?.[REVISION_HISTORY_ANNOTATION] ?? '').split(','),
    rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '',
  ]
    .map((r) => Number(r.trim()))
    .filter((r) => Number.isInteger(r) && r > 0);

interface Draft {
  span: RolloutSpan;
  rs: ReplicaSet;
  /** Events inside [start, windowEnd] belong to it. */
  windowEnd: number;
}

/** Every rollout of every Deployment given, and the events that belong to none. */
export function rolloutTimeline(input: RolloutInput): Timeline {
  const rsByKey = new Map(input.replicaSets.map((rs) => [key(rs.metadata.namespace, rs.metadata.name), rs]));
  const rsByUid = new Map(input.replicaSets.map((rs) => [rs.metadata.uid, rs]));
  const podByUid = new Map((input.pods ?? []).map((p) => [p.metadata.uid, p]));
  const podByKey = new Map((input.pods ?? []).map((p) => [key(p.metadata.namespace, p.metadata.name), p]));

  /** The Deployment an event is about (itself, one of its ReplicaSets, or one of their pods), and the ReplicaSet. */
  const subjectOf = (e: KubeEvent): { deploymentUid?: string; rs?: ReplicaSet } => {
    const object = e.involvedObject;
    const namespace = object.namespace ?? e.metadata.namespace;
    let rs: ReplicaSet | undefined;
    if (object.kind === 'Deployment') {
      const d = input.deployments.find(
        (d) => d.metadata.namespace === namespace && d.metadata.name === object.name,
      );
      return { deploymentUid: d?.metadata.uid };
    } else if (object.kind === 'ReplicaSet') {
      rs = rsByKey.get(key(namespace, object.name));
    } else if (object.kind === 'Pod') {
      const pod = (object.uid && podByUid.get(object.uid)) || podByKey.get(key(namespace, object.name));
      if (pod) rs = rsByUid.get(controllerUid(pod));
      // A pod that is gone: ReplicaSets name their pods `<replica set>-<suffix>`.
      else rs = rsByKey.get(key(namespace, (object.name ?? '').replace(/-[^-]*$/, '')));
    }
    return { deploymentUid: rs ? controllerUid(rs) : undefined, rs };
  };
  const subjects = input.events.map((e) => ({ event: e, ...subjectOf(e) }));
  const related: Related = { byDeployment: new Map(), startsByRs: new Map() };
  for (const { event, deploymentUid, rs } of subjects) {
    if (!deploymentUid) continue;
    related.byDeployment.set(deploymentUid, [...(related.byDeployment.get(deploymentUid) ?? []), event]);
    if (rs && event.involvedObject.kind === 'Pod' && event.reason === 'Started') {
      const uid = rs.metadata.uid ?? '';
      related.startsByRs.set(uid, [
        ...(related.startsByRs.get(uid) ?? []),
        lastSeen(event),
        firstSeen(event),
      ]);
    }
  }

  const drafts = new Map<string, Draft[]>(); // by Deployment uid, in revision order
  for (const d of input.deployments) {
    const owned = input.replicaSets.filter((rs) => controllerUid(rs) === d.metadata.uid);
    drafts.set(d.metadata.uid ?? '', spansOf(d, owned, related, input.pods));
  }
  const loose: KubeEvent[] = [];
  for (const { event, deploymentUid, rs } of subjects) {
    const candidates = deploymentUid ? drafts.get(deploymentUid) : undefined;
    const home = candidates && placeEvent(event, candidates, rs);
    if (home) home.span.events.push(event);
    else loose.push(event);
  }

  const newestFirst = (a: KubeEvent, b: KubeEvent) => lastSeen(b) - lastSeen(a);
  const spans = [...drafts.values()].flat().map((d) => d.span);
  for (const span of spans) span.events.sort(newestFirst);
  return { spans, loose: loose.sort(newestFirst) };
}

interface Related {
  /** every event about a Deployment, its ReplicaSets or their pods, by the Deployment's uid */
  byDeployment: Map<string, KubeEvent[]>;
  /** when containers of a ReplicaSet's pods started, by the ReplicaSet's uid */
  startsByRs: Map<string, number[]>;
}

/**
 * An event goes to the rollout whose window holds its latest occurrence (else its first); a pod's or a
 * ReplicaSet's event prefers a rollout of its own ReplicaSet, so a failing pod's repeated back-offs stay with
 * the revision that made it, while old pods stopped during a newer rollout show in that one.
 */
function placeEvent(e: KubeEvent, drafts: Draft[], rs: ReplicaSet | undefined): Draft | undefined {
  const times = [lastSeen(e), firstSeen(e)];
  const holding = (pool: Draft[]) => {
    for (const t of times) {
      const found = pool.filter((d) => d.span.start - GRACE_MS <= t && t <= d.windowEnd);
      if (found.length) return found[found.length - 1];
    }
    return undefined;
  };
  const own = rs ? drafts.filter((d) => d.rs.metadata.uid === rs.metadata.uid) : [];
  return holding(own) ?? holding(drafts);
}

function spansOf(d: Deployment, owned: ReplicaSet[], related: Related, pods: Pod[] | undefined): Draft[] {
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
