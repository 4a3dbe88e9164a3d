import { deepEqual } from '../shared/deep-equal';
import type { Disposable } from '../shared/disposable';
import { matchesLabels, selectorRequirements } from '../shared/label-selector';
import type { Pod } from '../shared/pod-types';
import { deploymentType, podType, replicaSetType } from '../shared/resource-types';
import {
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  REVISION_ANNOTATION,
  AUTO_ROLLBACK_ANNOTATION,
  WAS_AVAILABLE_ANNOTATION,
  type Deployment,
  type ReplicaSet,
} from '../shared/workload-types';
import { ApiError, ignoreGoneOrChanged } from '../store/api-error';
import { controllerRef } from '../shared/owner-refs';
import type { ObjectStore } from '../store/object-store';
import { rollbackDeployment } from '../store/deployment-rollback';
import { revisionOf } from '../shared/deployment-rollback';
import { equalIgnoreHash, resolveFenceposts } from './deployment-util';
import type { EventRecorder } from '../machinery/event-recorder';
import { planDeployment, replicaSetsToCleanUp, type DeploymentAction } from './plan-deployment';
import { controllerOf } from './plan-replica-set';
import { objectKey, startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';

/** Rolls Deployments out through ReplicaSets, one planned step per sync, and reports their status. */
export class DeploymentController implements Disposable {
  private readonly loop: ControllerLoop;

  constructor(
    private readonly store: ObjectStore,
    private readonly recorder: EventRecorder,
    private readonly now: () => number = Date.now,
  ) {
    this.loop = startControllerLoop({
      store,
      name: 'deployment-controller',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        if (type === deploymentType) return [objectKey(event.object)];
        if (type === replicaSetType) return this.ownersOf(event.object as ReplicaSet);
        if (type === podType && event.type === 'DELETED') {
          const rsRef = controllerOf(event.object as Pod);
          const rs =
            rsRef &&
            (store.tryGet(replicaSetType, event.object.metadata.namespace, rsRef.name) as
              ReplicaSet | undefined);
          return rs ? this.ownersOf(rs) : [];
        }
        return [];
      },
      initialKeys: () => store.list(deploymentType).items.map(objectKey),
    });
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    this.loop.dispose();
  }

  /** The Deployment that owns a ReplicaSet, or (for an orphan) every Deployment whose selector matches it. */
  private ownersOf(rs: ReplicaSet): string[] {
    const owner = controllerOf(rs as never);
    if (owner) return owner.kind === 'Deployment' ? [`${rs.metadata.namespace}/${owner.name}`] : [];
    return (this.store.list(deploymentType, { namespace: rs.metadata.namespace }).items as Deployment[])
      .filter((d) => matchesLabels(selectorRequirements(d.spec.selector), rs.metadata.labels))
      .map(objectKey);
  }

  private async reconcile(key: string): Promise<number | void> {
    const [namespace, name] = key.split('/') as [string, string];
    const d = this.store.tryGet(deploymentType, namespace, name) as Deployment | undefined;
    if (!d) return;
    const selector = selectorRequirements(d.spec.selector);
    const inNamespace = this.store.list(replicaSetType, { namespace }).items as ReplicaSet[];
    for (const orphan of inNamespace.filter(
      (rs) =>
        !controllerOf(rs as never) &&
        !rs.metadata.deletionTimestamp &&
        matchesLabels(selector, rs.metadata.labels),
    )) {
      const ref = controllerRef(d);
      await this.store
        .update(replicaSetType, {
          ...orphan,
          metadata: {
            ...orphan.metadata,
            ownerReferences: [...(orphan.metadata.ownerReferences ?? []), ref],
          },
        })
        .catch(ignoreGoneOrChanged);
    }
    const owned = (this.store.list(replicaSetType, { namespace }).items as ReplicaSet[]).filter(
      (rs) => controllerOf(rs as never)?.uid === d.metadata.uid,
    );
    const pods = this.store.list(podType, { namespace }).items as Pod[];
    const plan = planDeployment(d, owned, pods, this.now());
    if (
      d.metadata.annotations?.[AUTO_ROLLBACK_ANNOTATION] === 'true' &&
      !d.spec.paused &&
      !d.metadata.deletionTimestamp
    ) {
      const failure = rolloutFailure(d, plan.status, owned, pods);
      if (failure && (await this.autoRollback(d, owned, failure))) return;
    }
    for (const action of plan.actions) await this.apply(d, action);
    const newRS = owned.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
    const complete = plan.status.conditions?.some(
      (c) => c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable',
    );
    if (complete && newRS && newRS.metadata.annotations?.[WAS_AVAILABLE_ANNOTATION] !== 'true') {
      const annotations = { ...newRS.metadata.annotations, [WAS_AVAILABLE_ANNOTATION]: 'true' };
      await this.store
        .update(replicaSetType, { ...newRS, metadata: { ...newRS.metadata, annotations } })
        .catch(ignoreGoneOrChanged);
    }

    const latest = this.store.tryGet(deploymentType, namespace, name) as Deployment | undefined;
    if (!latest) return;
    if (plan.revision && latest.metadata.annotations?.[REVISION_ANNOTATION] !== plan.revision) {
      await this.store
        .update(deploymentType, {
          ...latest,
          metadata: {
            ...latest.metadata,
            annotations: { ...latest.metadata.annotations, [REVISION_ANNOTATION]: plan.revision },
          },
        })
        .catch(ignoreGoneOrChanged);
    }
    const current = this.store.tryGet(deploymentType, namespace, name) as Deployment | undefined;
    if (current && !deepEqual(current.status, plan.status)) {
      await this.store
        .update(deploymentType, { ...current, status: plan.status }, { subresource: 'status' })
        .catch(ignoreGoneOrChanged);
    }
    if (
      plan.actions.length === 0 &&
      plan.status.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable')
    ) {
      for (const rs of replicaSetsToCleanUp(d, owned)) {
        await this.store
          .delete(replicaSetType, namespace, rs.metadata.name ?? '', {
            preconditions: { uid: rs.metadata.uid },
          })
          .catch(ignoreGoneOrChanged);
      }
    }
    return plan.requeueMs;
  }

  /** Returns to the newest earlier revision that was once available; says why, as an event and a condition. */
  private async autoRollback(
    d: Deployment,
    owned: ReplicaSet[],
    failure: { reason: string; message: string },
  ): Promise<boolean> {
    const current = Number(d.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
    const target = owned
      .filter(
        (rs) => revisionOf(rs) < current && rs.metadata.annotations?.[WAS_AVAILABLE_ANNOTATION] === 'true',
      )
      .sort((a, b) => revisionOf(b) - revisionOf(a))[0];
    if (!target) return false;
    const namespace = d.metadata.namespace ?? 'default';
    const name = d.metadata.name ?? '';
    await rollbackDeployment(this.store, namespace, name, { rollbackTo: { revision: revisionOf(target) } });
    const message = `Rolled back from revision ${current} to revision ${revisionOf(target)}: ${failure.message}`;
    await this.recorder.record(d, 'Warning', 'RolledBack', message);
    const latest = this.store.get(deploymentType, namespace, name) as Deployment;
    const condition = {
      type: 'RolledBack',
      status: 'True' as const,
      reason: failure.reason,
      message,
      lastUpdateTime: new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      lastTransitionTime: new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    const conditions = [
      ...(latest.status?.conditions ?? []).filter((c) => c.type !== 'RolledBack'),
      condition,
    ];
    await this.store
      .update(
        deploymentType,
        { ...latest, status: { ...latest.status, conditions } },
        { subresource: 'status' },
      )
      .catch(ignoreGoneOrChanged);
    return true;
  }

  private async apply(d: Deployment, action: DeploymentAction): Promise<void> {
    const namespace = d.metadata.namespace;
    switch (action.type) {
      case 'create-rs': {
        try {
          await this.store.create(replicaSetType, action.rs);
          await this.recorder.record(
            d,
            'Normal',
            'ScalingReplicaSet',
            `Scaled up replica set ${action.rs.metadata.name} from 0 to ${action.rs.spec.replicas}`,
          );
        } catch (err) {
          if (!(err instanceof ApiError && err.code === 409)) throw err;
          // A ReplicaSet of that name with another template: a hash collision. Count it, and the next name differs.
          const fresh = this.store.get(deploymentType, namespace, d.metadata.name ?? '') as Deployment;
          await this.store.update(
            deploymentType,
            {
              ...fresh,
              status: { ...fresh.status, collisionCount: (fresh.status?.collisionCount ?? 0) + 1 },
            },
            { subresource: 'status' },
          );
        }
        return;
      }
      case 'scale': {
        const rs = this.store.tryGet(replicaSetType, namespace, action.rs.metadata.name ?? '') as
          ReplicaSet | undefined;
        if (!rs) return;
        const from = rs.spec.replicas ?? 0;
        const surge =
          (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate' ? resolveFenceposts(d).maxSurge : 0;
        const annotations = {
          ...rs.metadata.annotations,
          [DESIRED_REPLICAS_ANNOTATION]: String(d.spec.replicas ?? 1),
          [MAX_REPLICAS_ANNOTATION]: String((d.spec.replicas ?? 1) + surge),
        };
        await this.store
          .update(replicaSetType, {
            ...rs,
            metadata: { ...rs.metadata, annotations },
            spec: { ...rs.spec, replicas: action.replicas },
          })
          .catch(ignoreGoneOrChanged);
        if (from !== action.replicas) {
          await this.recorder.record(
            d,
            'Normal',
            'ScalingReplicaSet',
            `Scaled ${action.replicas > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${action.replicas}`,
          );
        }
        return;
      }
      case 'update-rs-annotations': {
        const rs = this.store.tryGet(replicaSetType, namespace, action.rs.metadata.name ?? '') as
          ReplicaSet | undefined;
        if (rs)
          await this.store
            .update(replicaSetType, { ...rs, metadata: { ...rs.metadata, annotations: action.annotations } })
            .catch(ignoreGoneOrChanged);
        return;
      }
      case 'delete-rs':
        await this.store
          .delete(replicaSetType, namespace, action.rs.metadata.name ?? '')
          .catch(ignoreGoneOrChanged);
    }
  }
}

/** Why a rollout counts as failed for auto-rollback: its deadline passed, or its new pods crash-loop. */
export function rolloutFailure(
  d: Deployment,
  status: NonNullable<Deployment['status']>,
  owned: ReplicaSet[],
  pods: Pod[],
): { reason: string; message: string } | undefined {
  const progressing = status.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return {
      reason: 'ProgressDeadlineExceeded',
      message: `the rollout made no progress for ${d.spec.progressDeadlineSeconds ?? 600}s`,
    };
  }
  const newRS = owned.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  const looping = pods.find(
    (p) =>
      controllerOf(p)?.uid === newRS?.metadata.uid &&
      (p.status?.containerStatuses ?? []).some(
        (c) => c.state.waiting?.reason === 'CrashLoopBackOff' && c.restartCount >= 3,
      ),
  );
  return looping
    ? {
        reason: 'CrashLoopBackOff',
        message: `pod ${looping.metadata.name} of the new revision is crash-looping`,
      }
    : undefined;
}
