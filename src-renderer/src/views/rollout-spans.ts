import type { KubeEvent, Pod } from '@shared/pod-types';
import type { Deployment, ReplicaSet } from '@shared/workload-types';
import { firstSeen, lastSeen } from './event-times';
import { GRACE_MS, controllerUid, revisionDrafts, type Draft, type Related } from './rollout-revisions';

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

const key = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;

/** Every rollout of every Deployment given, and the events that belong to none. */
export function rolloutTimeline(input: RolloutInput): Timeline {
  const rsByKey = new Map(input.replicaSets.map((rs) => [key(rs.metadata.namespace, rs.metadata.name), rs]));
  const rsByUid = new Map(input.replicaSets.map((rs) => [rs.metadata.uid, rs]));
  const podByUid = new Map((input.pods ?? []).map((p) => [p.metadata.uid, p]));
  const podByKey = new Map((input.pods ?? []).map((p) => [key(p.metadata.namespace, p.metadata.name), p]));
  const deploymentByKey = new Map(
    input.deployments.map((d) => [key(d.metadata.namespace, d.metadata.name), d]),
  );
  // An event names its object's uid: one about an earlier object of the same name is not about this one.
  const same = <T extends { metadata: { uid?: string } }>(found: T | undefined, uid: string | undefined) =>
    found && (!uid || found.metadata.uid === uid) ? found : undefined;

  /** The Deployment an event is about (itself, one of its ReplicaSets, or one of their pods), and the ReplicaSet. */
  const subjectOf = (e: KubeEvent): { deploymentUid?: string; rs?: ReplicaSet } => {
    const object = e.involvedObject;
    const namespace = object.namespace ?? e.metadata.namespace;
    let rs: ReplicaSet | undefined;
    if (object.kind === 'Deployment') {
      return {
        deploymentUid: same(deploymentByKey.get(key(namespace, object.name)), object.uid)?.metadata.uid,
      };
    } else if (object.kind === 'ReplicaSet') {
      rs = same(rsByKey.get(key(namespace, object.name)), object.uid);
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
  const add = <T>(map: Map<string, T[]>, at: string, ...values: T[]) => {
    const list = map.get(at);
    if (list) list.push(...values);
    else map.set(at, values);
  };
  for (const { event, deploymentUid, rs } of subjects) {
    if (!deploymentUid) continue;
    add(related.byDeployment, deploymentUid, event);
    if (rs && event.involvedObject.kind === 'Pod' && event.reason === 'Started')
      add(related.startsByRs, rs.metadata.uid ?? '', lastSeen(event), firstSeen(event));
  }

  const drafts = new Map<string, Draft[]>(); // by Deployment uid, in revision order
  const replicaSetsByOwner = new Map<string, ReplicaSet[]>();
  for (const rs of input.replicaSets) add(replicaSetsByOwner, controllerUid(rs) ?? '', rs);
  for (const d of input.deployments) {
    const owned = replicaSetsByOwner.get(d.metadata.uid ?? '') ?? [];
    drafts.set(d.metadata.uid ?? '', revisionDrafts(d, owned, related, input.pods));
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
