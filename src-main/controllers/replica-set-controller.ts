import { deepEqual } from '../shared/deep-equal';
import type { Disposable } from '../shared/disposable';
import { matchesLabels, selectorRequirements } from '../shared/label-selector';
import type { Pod } from '../shared/pod-types';
import type { KubeObject } from '../shared/api-types';
import {
  podType,
  replicaSetType,
  replicationControllerType,
  type ResourceType,
} from '../shared/resource-types';
import { replicaSetOf, type ReplicaSet, type ReplicationController } from '../shared/workload-types';
import { ignoreGoneOrChanged } from '../store/api-error';
import { controllerRef } from '../shared/owner-refs';
import type { ObjectStore } from '../store/object-store';
import type { EventRecorder } from '../machinery/event-recorder';
import { controllerOf, planReplicaSet } from './plan-replica-set';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './slow-start-batch';
import { objectKey, startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';
import type { WorkQueueOptions } from '../machinery/work-queue';

/** A kind the ReplicaSet controller runs: ReplicaSets, and ReplicationControllers through their ReplicaSet view. */
export interface ReplicatedKind {
  type: ResourceType;
  /** The object as the ReplicaSet the planner reads (same name, uid and status). */
  asReplicaSet(obj: KubeObject): ReplicaSet;
}

export const REPLICA_SETS: ReplicatedKind = { type: replicaSetType, asReplicaSet: (o) => o as ReplicaSet };
/** Kubernetes runs ReplicationControllers with the ReplicaSet controller over a conversion; so does Skiff. */
export const REPLICATION_CONTROLLERS: ReplicatedKind = {
  type: replicationControllerType,
  asReplicaSet: (o) => replicaSetOf(o as ReplicationController),
};

/** Keeps each ReplicaSet's count of pods: creates, adopts, releases and deletes them, and reports status. */
export class ReplicaSetController implements Disposable {
  private readonly loop: ControllerLoop;

  constructor(
    private readonly store: ObjectStore,
    private readonly recorder: EventRecorder,
    private readonly now: () => number = Date.now,
    queueOptions: WorkQueueOptions = {},
    private readonly kind: ReplicatedKind = REPLICA_SETS,
  ) {
    this.loop = startControllerLoop({
      store,
      name: kind === REPLICA_SETS ? 'replicaset-controller' : 'replication-controller',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        if (type === kind.type) return [objectKey(event.object)];
        if (type !== podType) return [];
        return [event.object as Pod, event.previous as Pod | undefined].flatMap((pod) =>
          pod ? this.keysFor(pod) : [],
        );
      },
      initialKeys: () => store.list(kind.type).items.map(objectKey),
      queue: queueOptions,
    });
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    this.loop.dispose();
  }

  /** A pod change concerns its controller, or (for an orphan) every ReplicaSet whose selector matches it. */
  private keysFor(pod: Pod): string[] {
    const namespace = pod.metadata.namespace;
    const owner = controllerOf(pod);
    if (owner) return owner.kind === this.kind.type.kind ? [`${namespace}/${owner.name}`] : [];
    return this.store
      .list(this.kind.type, { namespace })
      .items.map((o) => this.kind.asReplicaSet(o))
      .filter((rs) => matchesLabels(selectorRequirements(rs.spec.selector), pod.metadata.labels))
      .map(objectKey);
  }

  private async reconcile(key: string): Promise<number | void> {
    const [namespace, name] = key.split('/') as [string, string];
    const object = this.store.tryGet(this.kind.type, namespace, name);
    if (!object) return;
    const rs = this.kind.asReplicaSet(object);
    const pods = this.store.list(podType, { namespace }).items as Pod[];
    const plan = planReplicaSet(rs, pods, this.now());
    for (const pod of plan.adopt) {
      const refs = [...(pod.metadata.ownerReferences ?? []), controllerRef(object)];
      await this.store
        .update(podType, { ...pod, metadata: { ...pod.metadata, ownerReferences: refs } })
        .catch(ignoreGoneOrChanged);
    }
    for (const pod of plan.release) {
      const refs = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata.uid);
      await this.store
        .update(podType, {
          ...pod,
          metadata: { ...pod.metadata, ownerReferences: refs.length ? refs : undefined },
        })
        .catch(ignoreGoneOrChanged);
    }
    await slowStartBatch(plan.create, SLOW_START_INITIAL_BATCH_SIZE, () => this.createPod(rs, object));
    await Promise.all(
      plan.delete.map(async (pod) => {
        await this.store
          .delete(podType, namespace, pod.metadata.name ?? '', { preconditions: { uid: pod.metadata.uid } })
          .catch(ignoreGoneOrChanged);
        await this.recorder.record(object, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      }),
    );
    if (!deepEqual({ ...rs.status, conditions: undefined }, { ...plan.status, conditions: undefined })) {
      await this.store
        .update(
          this.kind.type,
          { ...object, status: { ...rs.status, ...plan.status } },
          { subresource: 'status' },
        )
        .catch(ignoreGoneOrChanged);
    }
    // Availability after minReadySeconds has no event of its own: look again when it is due.
    const minReady = rs.spec.minReadySeconds ?? 0;
    if (minReady > 0 && plan.status.availableReplicas !== plan.status.readyReplicas) return minReady * 1000;
  }

  private async createPod(rs: ReplicaSet, owner: KubeObject): Promise<void> {
    const template = rs.spec.template;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${rs.metadata.name}-`,
        namespace: rs.metadata.namespace,
        labels: { ...template.metadata?.labels },
        ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        ownerReferences: [controllerRef(owner)],
      },
      spec: structuredClone(template.spec),
    };
    try {
      const created = await this.store.create(podType, pod);
      await this.recorder.record(
        owner,
        'Normal',
        'SuccessfulCreate',
        `Created pod: ${created.metadata.name}`,
      );
    } catch (err) {
      await this.recorder.record(
        owner,
        'Warning',
        'FailedCreate',
        `Error creating: ${(err as Error).message}`,
      );
      throw err;
    }
  }
}
