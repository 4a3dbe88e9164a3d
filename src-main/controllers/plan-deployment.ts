import { deepEqual } from '../shared/deep-equal';
import { controllerRef } from '../shared/owner-refs';
import type { Pod } from '../shared/pod-types';
import {
  CHANGE_CAUSE_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  POD_TEMPLATE_HASH,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  type Deployment,
  type DeploymentCondition,
  type ReplicaSet,
} from '../shared/workload-types';
import {
  byCreation,
  equalIgnoreHash,
  newReplicaSetReplicas,
  resolveFenceposts,
  specReplicas,
  sumSpec,
  sumStatus,
  templateHash,
} from './deployment-util';
import { revisionOf } from '../shared/deployment-rollback';
import { controllerOf } from './plan-replica-set';

// Kubernetes' Deployment controller (sync.go, rolling.go, recreate.go, progress.go) as a pure planner: one
// step of a rollout per call, like the controller's own sync, plus the status it should then report.

export type DeploymentAction =
  | { type: 'create-rs'; rs: ReplicaSet }
  | { type: 'scale'; rs: ReplicaSet; replicas: number }
  | { type: 'update-rs-annotations'; rs: ReplicaSet; annotations: Record<string, string> }
  | { type: 'delete-rs'; rs: ReplicaSet };

export interface DeploymentPlan {
  actions: DeploymentAction[];
  revision?: string;
  status: NonNullable<Deployment['status']>;
  /** When to look again even if nothing changes (the progress deadline). */
  requeueMs?: number;
}

const isRolling = (d: Deployment) => (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

function newReplicaSetFor(d: Deployment, revision: number, replicas: number): ReplicaSet {
  const hash = templateHash(d.spec.template, d.status?.collisionCount ?? 0);
  const template = structuredClone(d.spec.template);
  template.metadata = {
    ...template.metadata,
    labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash },
  };
  const changeCause = d.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      annotations: {
        [REVISION_ANNOTATION]: String(revision),
        [DESIRED_REPLICAS_ANNOTATION]: String(d.spec.replicas ?? 1),
        [MAX_REPLICAS_ANNOTATION]: String(
          (d.spec.replicas ?? 1) + (isRolling(d) ? resolveFenceposts(d).maxSurge : 0),
        ),
        ...(changeCause ? { [CHANGE_CAUSE_ANNOTATION]: changeCause } : {}),
      },
      ownerReferences: [controllerRef(d)],
    },
    spec: {
      replicas,
      minReadySeconds: d.spec.minReadySeconds ?? 0,
      selector: {
        ...d.spec.selector,
        matchLabels: { ...d.spec.selector.matchLabels, [POD_TEMPLATE_HASH]: hash },
      },
      template,
    },
  };
}

/** Kubernetes' proportional scaling when replicas change mid-rollout: spread the change over active ReplicaSets. */
function scaleProportionally(
  d: Deployment,
  newRS: ReplicaSet | undefined,
  all: ReplicaSet[],
): DeploymentAction[] {
  const replicas = d.spec.replicas ?? 1;
  const active = all.filter((rs) => specReplicas(rs) > 0);
  if (active.length === 0) return newRS ? [{ type: 'scale', rs: newRS, replicas }] : [];
  if (active.length === 1)
    return specReplicas(active[0]!) === replicas ? [] : [{ type: 'scale', rs: active[0]!, replicas }];
  const allowed = replicas + (isRolling(d) ? resolveFenceposts(d).maxSurge : 0);
  const toAdd = allowed - sumSpec(all);
  if (toAdd === 0) return [];
  const total = sumSpec(active);
  // Scaling up favours the biggest and newest; scaling down takes from the smallest and oldest first.
  const ordered = [...active].sort((a, b) =>
    toAdd > 0
      ? specReplicas(b) - specReplicas(a) || byCreation(b, a)
      : specReplicas(a) - specReplicas(b) || byCreation(a, b),
  );
  const shares = ordered.map((rs) => Math.trunc((specReplicas(rs) * toAdd) / total));
  shares[0]! += toAdd - shares.reduce((n, s) => n + s, 0);
  return ordered
    .map((rs, i) => ({ type: 'scale' as const, rs, replicas: Math.max(0, specReplicas(rs) + shares[i]!) }))
    .filter((a) => a.replicas !== specReplicas(a.rs));
}

function rollingStep(d: Deployment, newRS: ReplicaSet, old: ReplicaSet[]): DeploymentAction[] {
  const replicas = d.spec.replicas ?? 1;
  const all = [...old, newRS];
  if (specReplicas(newRS) > replicas) return [{ type: 'scale', rs: newRS, replicas }];
  if (specReplicas(newRS) < replicas) {
    const target = newReplicaSetReplicas(d, all, newRS);
    if (target !== specReplicas(newRS)) return [{ type: 'scale', rs: newRS, replicas: target }];
  }
  const oldActive = old.filter((rs) => specReplicas(rs) > 0).sort(byCreation);
  if (oldActive.length === 0) return [];
  const { maxUnavailable } = resolveFenceposts(d);
  const minAvailable = replicas - maxUnavailable;
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumSpec(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return [];
  const actions: DeploymentAction[] = [];
  const after = new Map(oldActive.map((rs) => [rs, specReplicas(rs)]));
  // First the old pods that are not available anyway.
  let cleaned = 0;
  for (const rs of oldActive) {
    if (cleaned >= maxScaledDown) break;
    const unhealthy = specReplicas(rs) - (rs.status?.availableReplicas ?? 0);
    if (unhealthy <= 0) continue;
    const n = Math.min(maxScaledDown - cleaned, unhealthy);
    after.set(rs, specReplicas(rs) - n);
    cleaned += n;
  }
  // Then available ones, as long as enough stay available.
  const available = sumStatus(all, 'availableReplicas');
  let budget = available - minAvailable;
  for (const rs of oldActive) {
    if (budget <= 0) break;
    const current = after.get(rs)!;
    if (current === 0) continue;
    const n = Math.min(current, budget);
    after.set(rs, current - n);
    budget -= n;
  }
  for (const [rs, replicasAfter] of after)
    if (replicasAfter !== specReplicas(rs)) actions.push({ type: 'scale', rs, replicas: replicasAfter });
  return actions;
}

function oldPodsRunning(old: ReplicaSet[], pods: Pod[]): boolean {
  const oldUids = new Set(old.map((rs) => rs.metadata.uid));
  return (
    sumStatus(old, 'replicas') > 0 ||
    pods.some(
      (p) =>
        oldUids.has(controllerOf(p)?.uid) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
    )
  );
}

function condition(
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
  now: string,
  previous?: DeploymentCondition,
): DeploymentCondition {
  const same = previous && previous.status === status && previous.reason === reason;
  return {
    type,
    status,
    reason,
    message,
    lastUpdateTime: same && previous.message === message ? (previous.lastUpdateTime ?? now) : now,
    lastTransitionTime: previous && previous.status === status ? (previous.lastTransitionTime ?? now) : now,
  };
}

export function planDeployment(d: Deployment, owned: ReplicaSet[], pods: Pod[], now: number): DeploymentPlan {
  const nowText = new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const replicas = d.spec.replicas ?? 1;
  let newRS = owned.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  const old = owned.filter((rs) => rs !== newRS);
  const maxOldRevision = Math.max(0, ...old.map(revisionOf));
  const actions: DeploymentAction[] = [];
  let createdNew = false;
  let event: 'NewReplicaSetCreated' | 'FoundNewReplicaSet' | undefined;

  // Returning to an old template reuses its ReplicaSet under the next revision number.
  if (newRS && revisionOf(newRS) <= maxOldRevision) {
    const history = [newRS.metadata.annotations?.[REVISION_HISTORY_ANNOTATION], String(revisionOf(newRS))]
      .filter(Boolean)
      .join(',');
    const annotations: Record<string, string> = {
      ...newRS.metadata.annotations,
      [REVISION_ANNOTATION]: String(maxOldRevision + 1),
      [REVISION_HISTORY_ANNOTATION]: history,
    };
    const cause = d.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
    if (cause) annotations[CHANGE_CAUSE_ANNOTATION] = cause;
    actions.push({ type: 'update-rs-annotations', rs: newRS, annotations });
    newRS = { ...newRS, metadata: { ...newRS.metadata, annotations } };
    event = 'FoundNewReplicaSet';
  }
  const revision = newRS ? revisionOf(newRS) : maxOldRevision + 1;
  const isDeleting = d.metadata.deletionTimestamp !== undefined;
  const scalingEvent = owned.some(
    (rs) =>
      specReplicas(rs) > 0 && rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] !== String(replicas),
  );

  if (isDeleting) {
    // Nothing new while the Deployment is going; the garbage collector removes what it owns.
  } else if (d.spec.paused || (scalingEvent && newRS)) {
    const scaled = scaleProportionally(d, newRS, owned);
    actions.push(...scaled);
    // Record the new size on every active ReplicaSet, so the next sync sees the scaling done and rolls on.
    for (const rs of owned) {
      const outdated =
        specReplicas(rs) > 0 && rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] !== String(replicas);
      if (outdated && !scaled.some((a) => a.type === 'scale' && a.rs === rs))
        actions.push({ type: 'scale', rs, replicas: specReplicas(rs) });
    }
  } else if (!isRolling(d)) {
    const activeOld = old.filter((rs) => specReplicas(rs) > 0);
    if (activeOld.length > 0)
      actions.push(...activeOld.map((rs) => ({ type: 'scale' as const, rs, replicas: 0 })));
    else if (!oldPodsRunning(old, pods)) {
      if (!newRS) {
        newRS = newReplicaSetFor(d, revision, replicas);
        actions.push({ type: 'create-rs', rs: newRS });
        createdNew = true;
      } else if (specReplicas(newRS) !== replicas) actions.push({ type: 'scale', rs: newRS, replicas });
    }
  } else {
    if (!newRS) {
      const placeholder = newReplicaSetFor(d, revision, 0);
      const initial = newReplicaSetReplicas(d, [...old, placeholder], placeholder);
      newRS = newReplicaSetFor(d, revision, initial);
      actions.push({ type: 'create-rs', rs: newRS });
      createdNew = true;
    } else {
      actions.push(...rollingStep(d, newRS, old));
    }
  }

  // Status, from the ReplicaSets as they are now (the next sync sees the effect of these actions).
  const all = [...old, ...(newRS && !createdNew ? [newRS] : [])];
  const { maxUnavailable } = isRolling(d) ? resolveFenceposts(d) : { maxUnavailable: 0 };
  const available = sumStatus(all, 'availableReplicas');
  const status: NonNullable<Deployment['status']> = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sumStatus(all, 'replicas'),
    updatedReplicas: createdNew ? 0 : (newRS?.status?.replicas ?? 0),
    readyReplicas: sumStatus(all, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, replicas - available),
    ...(d.status?.collisionCount ? { collisionCount: d.status.collisionCount } : {}),
  };
  const previous = d.status?.conditions ?? [];
  const prevProgressing = previous.find((c) => c.type === 'Progressing');
  const availableCondition =
    available >= replicas - maxUnavailable
      ? condition(
          'Available',
          'True',
          'MinimumReplicasAvailable',
          'Deployment has minimum availability.',
          nowText,
          previous.find((c) => c.type === 'Available'),
        )
      : condition(
          'Available',
          'False',
          'MinimumReplicasUnavailable',
          'Deployment does not have minimum availability.',
          nowText,
          previous.find((c) => c.type === 'Available'),
        );
  const rsName = newRS?.metadata.name ?? '';
  const complete =
    status.updatedReplicas === replicas && status.replicas === replicas && available === replicas;
  const oldBefore = (d.status?.replicas ?? 0) - (d.status?.updatedReplicas ?? 0);
  const progressed =
    status.updatedReplicas! > (d.status?.updatedReplicas ?? 0) ||
    status.replicas! - status.updatedReplicas! < oldBefore ||
    status.readyReplicas! > (d.status?.readyReplicas ?? 0) ||
    available > (d.status?.availableReplicas ?? 0);
  const deadline = d.spec.progressDeadlineSeconds ?? 600;
  let progressing: DeploymentCondition;
  let requeueMs: number | undefined;
  if (d.spec.paused)
    progressing = condition(
      'Progressing',
      'Unknown',
      'DeploymentPaused',
      'Deployment is paused',
      nowText,
      prevProgressing,
    );
  else if (createdNew)
    progressing = condition(
      'Progressing',
      'True',
      'NewReplicaSetCreated',
      `Created new replica set "${rsName}"`,
      nowText,
      prevProgressing,
    );
  else if (complete)
    progressing = condition(
      'Progressing',
      'True',
      'NewReplicaSetAvailable',
      `ReplicaSet "${rsName}" has successfully progressed.`,
      nowText,
      prevProgressing,
    );
  else if (event === 'FoundNewReplicaSet')
    progressing = condition(
      'Progressing',
      'True',
      'FoundNewReplicaSet',
      `Found new replica set "${rsName}"`,
      nowText,
      prevProgressing,
    );
  else if (
    progressed ||
    !prevProgressing ||
    prevProgressing.reason === 'NewReplicaSetAvailable' ||
    prevProgressing.reason === 'DeploymentPaused'
  ) {
    progressing = {
      ...condition(
        'Progressing',
        'True',
        'ReplicaSetUpdated',
        `ReplicaSet "${rsName}" is progressing.`,
        nowText,
        prevProgressing,
      ),
      lastUpdateTime: nowText,
    };
  } else {
    const since = Date.parse(prevProgressing.lastUpdateTime ?? prevProgressing.lastTransitionTime ?? nowText);
    if (prevProgressing.reason === 'ProgressDeadlineExceeded' || now > since + deadline * 1000) {
      progressing = condition(
        'Progressing',
        'False',
        'ProgressDeadlineExceeded',
        `ReplicaSet "${rsName}" has timed out progressing.`,
        nowText,
        prevProgressing,
      );
    } else {
      progressing = prevProgressing;
    }
  }
  // requeueStuckDeployment: a rollout in progress is looked at again when its deadline passes, even if
  // nothing else happens by then.
  if (
    !d.spec.paused &&
    !['NewReplicaSetAvailable', 'ProgressDeadlineExceeded'].includes(progressing.reason ?? '')
  ) {
    const since = Date.parse(progressing.lastUpdateTime ?? progressing.lastTransitionTime ?? nowText);
    requeueMs = Math.max(0, since + deadline * 1000 - now) + 100;
  }
  // Conditions of other types (Skiff's RolledBack) are kept, as Kubernetes' SetDeploymentCondition does.
  const others = previous.filter((c) => c.type !== 'Available' && c.type !== 'Progressing');
  status.conditions = [availableCondition, progressing, ...others];
  if (deepEqual(status.conditions, previous)) status.conditions = previous;
  return { actions, revision: String(revision), status, ...(requeueMs !== undefined ? { requeueMs } : {}) };
}

/** Old ReplicaSets beyond revisionHistoryLimit that hold no pods, oldest revision first. */
export function replicaSetsToCleanUp(d: Deployment, owned: ReplicaSet[]): ReplicaSet[] {
  const limit = d.spec.revisionHistoryLimit ?? 10;
  const newRS = owned.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  const idle = owned.filter(
    (rs) =>
      rs !== newRS &&
      specReplicas(rs) === 0 &&
      (rs.status?.replicas ?? 0) === 0 &&
      !rs.metadata.deletionTimestamp,
  );
  const extra = idle.length - limit;
  return extra > 0 ? [...idle].sort((a, b) => revisionOf(a) - revisionOf(b)).slice(0, extra) : [];
}
