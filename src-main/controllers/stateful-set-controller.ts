import { claimPods } from './claim-pods';
import type { KubeObject } from '../shared/api-types';
import { CONTROLLER_REVISION_HASH, type ControllerRevision, type StatefulSet } from '../shared/apps-types';
import { deepEqual } from '../shared/deep-equal';
import type { Disposable } from '../shared/disposable';
import { matchesLabels, selectorRequirements } from '../shared/label-selector';
import type { Pod } from '../shared/pod-types';
import {
  controllerRevisionType,
  persistentVolumeClaimType,
  podType,
  statefulSetType,
} from '../shared/resource-types';
import type { PersistentVolumeClaim } from '../shared/storage-types';
import { ApiError, ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { newControllerRevision, revisionData, templateOf } from './controller-history';
import { objectKey, startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';
import type { EventRecorder } from '../machinery/event-recorder';
import { controllerOf } from './plan-replica-set';
import { completeRollingUpdate, planStatefulSet, type StatefulSetAction } from './plan-stateful-set';
import { pruneRevisions, syncUpdateRevision } from './revision-history';
import { isMemberOf } from './stateful-set-utils';
import type { WorkQueueOptions } from '../machinery/work-queue';

/** Kubernetes' StatefulSet controller: ordered pods with stable names and claims, revisions, rolling updates. */
export class StatefulSetController implements Disposable {
  private readonly loop: ControllerLoop;

  constructor(
    private readonly store: ObjectStore,
    private readonly recorder: EventRecorder,
    private readonly now: () => number = Date.now,
    queueOptions: WorkQueueOptions = {},
  ) {
    this.loop = startControllerLoop({
      store,
      name: 'statefulset-controller',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        if (type === statefulSetType) return [objectKey(event.object)];
        if (type !== podType && type !== controllerRevisionType && type !== persistentVolumeClaimType)
          return [];
        return [event.object, event.previous].flatMap((o) => (o ? this.keysFor(o) : []));
      },
      initialKeys: () => store.list(statefulSetType).items.map(objectKey),
      queue: queueOptions,
    });
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    this.loop.dispose();
  }

  /** A pod, revision or claim concerns its controller, or every set of its namespace whose selector matches it. */
  private keysFor(obj: KubeObject): string[] {
    const namespace = obj.metadata.namespace;
    const owner = controllerOf(obj as Pod);
    if (owner) return owner.kind === 'StatefulSet' ? [`${namespace}/${owner.name}`] : [];
    return (this.store.list(statefulSetType, { namespace }).items as StatefulSet[])
      .filter((s) => matchesLabels(selectorRequirements(s.spec.selector), obj.metadata.labels))
      .map(objectKey);
  }

  private async reconcile(key: string): Promise<number | void> {
    const [namespace, name] = key.split('/') as [string, string];
    const set = this.store.tryGet(statefulSetType, namespace, name) as StatefulSet | undefined;
    if (!set) return;
    const selector = selectorRequirements(set.spec.selector);
    const pods = await claimPods(
      this.store,
      set,
      (pod) => matchesLabels(selector, pod.metadata.labels) && isMemberOf(set, pod),
    );
    const history = await syncUpdateRevision(
      this.store,
      set,
      set.spec.selector,
      set.status?.collisionCount ?? 0,
      (cc, revision) =>
        newControllerRevision(
          set,
          set.spec.template.metadata?.labels,
          revisionData(set.spec.template),
          revision,
          cc,
        ),
    );
    const update = history.update;
    const current = history.revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    const claims = new Map(
      (this.store.list(persistentVolumeClaimType, { namespace }).items as PersistentVolumeClaim[]).map(
        (c) => [c.metadata.name ?? '', c],
      ),
    );
    const asTemplate = (r: ControllerRevision) => ({
      name: r.metadata.name ?? '',
      template: templateOf(r) ?? set.spec.template,
    });
    const plan = planStatefulSet({
      set,
      current: asTemplate(current),
      update: asTemplate(update),
      collisionCount: history.collisionCount,
      pods,
      claims,
      now: this.now(),
    });
    for (const action of plan.actions) await this.apply(set, action);

    const status = completeRollingUpdate(set, plan.status);
    if (!deepEqual({ ...set.status, conditions: undefined }, { ...status, conditions: undefined })) {
      await this.store
        .update(
          statefulSetType,
          { ...set, status: { ...status, conditions: set.status?.conditions } },
          {
            subresource: 'status',
          },
        )
        .catch(ignoreGoneOrChanged);
    }
    const live = new Set([
      status.currentRevision ?? '',
      status.updateRevision ?? '',
      ...pods.map((p) => p.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? ''),
    ]);
    await pruneRevisions(this.store, history.revisions, live, set.spec.revisionHistoryLimit ?? 10);
    const minReady = set.spec.minReadySeconds ?? 0;
    if (minReady > 0 && status.availableReplicas !== status.readyReplicas) return minReady * 1000;
  }

  private async apply(set: StatefulSet, action: StatefulSetAction): Promise<void> {
    const setName = set.metadata.name;
    switch (action.type) {
      case 'createClaim': {
        const claimName = action.claim.metadata.name;
        try {
          await this.store.create(persistentVolumeClaimType, action.claim);
          await this.recorder.record(
            set,
            'Normal',
            'SuccessfulCreate',
            `create Claim ${claimName} Pod ${action.pod} in StatefulSet ${setName} success`,
          );
        } catch (err) {
          if (err instanceof ApiError && err.code === 409) return;
          await this.recorder.record(
            set,
            'Warning',
            'FailedCreate',
            `create Claim ${claimName} for Pod ${action.pod} in StatefulSet ${setName} failed error: ${(err as Error).message}`,
          );
          throw err;
        }
        return;
      }
      case 'createPod':
        try {
          await this.store.create(podType, action.pod);
          await this.recorder.record(
            set,
            'Normal',
            'SuccessfulCreate',
            `create Pod ${action.pod.metadata.name} in StatefulSet ${setName} successful`,
          );
        } catch (err) {
          if (err instanceof ApiError && err.code === 409) return;
          await this.recorder.record(
            set,
            'Warning',
            'FailedCreate',
            `create Pod ${action.pod.metadata.name} in StatefulSet ${setName} failed error: ${(err as Error).message}`,
          );
          throw err;
        }
        return;
      case 'deletePod': {
        const pod = action.pod;
        if (action.why === 'failed')
          await this.recorder.record(
            set,
            'Warning',
            'RecreatingFailedPod',
            `StatefulSet ${set.metadata.namespace}/${setName} is recreating failed Pod ${pod.metadata.name}`,
          );
        await this.store
          .delete(podType, pod.metadata.namespace, pod.metadata.name ?? '', {
            preconditions: { uid: pod.metadata.uid },
          })
          .catch(ignoreGoneOrChanged);
        await this.recorder.record(
          set,
          'Normal',
          'SuccessfulDelete',
          `delete Pod ${pod.metadata.name} in StatefulSet ${setName} successful`,
        );
        return;
      }
      case 'updatePod':
        await this.store.update(podType, action.pod).catch(ignoreGoneOrChanged);
        await this.recorder.record(
          set,
          'Normal',
          'SuccessfulUpdate',
          `update Pod ${action.pod.metadata.name} in StatefulSet ${setName} successful`,
        );
        return;
      case 'updateClaimOwners':
        await this.store
          .update(persistentVolumeClaimType, {
            ...action.claim,
            metadata: {
              ...action.claim.metadata,
              ownerReferences: action.ownerReferences.length ? action.ownerReferences : undefined,
            },
          })
          .catch(ignoreGoneOrChanged);
        return;
    }
  }
}
