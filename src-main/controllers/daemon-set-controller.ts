import { claimPods } from './claim-pods';
import { CONTROLLER_REVISION_HASH, type DaemonSet } from '../shared/apps-types';
import { deepEqual } from '../shared/deep-equal';
import type { Disposable } from '../shared/disposable';
import { matchesLabels, selectorRequirements } from '../shared/label-selector';
import { controllerRef } from '../shared/owner-refs';
import type { Node, Pod } from '../shared/pod-types';
import { controllerRevisionType, daemonSetType, nodeType, podType } from '../shared/resource-types';
import { ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { newControllerRevision, revisionData } from './controller-history';
import { objectKey, startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';
import { newDaemonPod } from './daemon-set-utils';
import { templateHash } from './deployment-util';
import type { EventRecorder } from '../machinery/event-recorder';
import { planDaemonSet } from './plan-daemon-set';
import { controllerOf } from './plan-replica-set';
import { pruneRevisions, syncUpdateRevision } from './revision-history';
import type { WorkQueueOptions } from '../machinery/work-queue';

/** Kubernetes' DaemonSet controller: one pod per node that should run it, rolling updates, revisions. */
export class DaemonSetController implements Disposable {
  private readonly loop: ControllerLoop;

  constructor(
    private readonly store: ObjectStore,
    private readonly recorder: EventRecorder,
    private readonly now: () => number = Date.now,
    queueOptions: WorkQueueOptions = {},
  ) {
    this.loop = startControllerLoop({
      store,
      name: 'daemonset-controller',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        if (type === daemonSetType) return [objectKey(event.object)];
        if (type === nodeType) return store.list(daemonSetType).items.map(objectKey);
        if (type !== podType && type !== controllerRevisionType) return [];
        return [event.object as Pod, event.previous as Pod | undefined].flatMap((o) =>
          o ? this.keysFor(o) : [],
        );
      },
      initialKeys: () => store.list(daemonSetType).items.map(objectKey),
      queue: queueOptions,
    });
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    this.loop.dispose();
  }

  private keysFor(obj: Pod): string[] {
    const namespace = obj.metadata.namespace;
    const owner = controllerOf(obj);
    if (owner) return owner.kind === 'DaemonSet' ? [`${namespace}/${owner.name}`] : [];
    return (this.store.list(daemonSetType, { namespace }).items as DaemonSet[])
      .filter((ds) => matchesLabels(selectorRequirements(ds.spec.selector), obj.metadata.labels))
      .map(objectKey);
  }

  private async reconcile(key: string): Promise<number | void> {
    const [namespace, name] = key.split('/') as [string, string];
    const ds = this.store.tryGet(daemonSetType, namespace, name) as DaemonSet | undefined;
    if (!ds) return;
    const selector = selectorRequirements(ds.spec.selector);
    const pods = await claimPods(this.store, ds, (pod) => matchesLabels(selector, pod.metadata.labels));
    const data = revisionData(ds.spec.template);
    const history = await syncUpdateRevision(
      this.store,
      ds,
      ds.spec.selector,
      ds.status?.collisionCount ?? 0,
      (cc, revision) => {
        const hash = templateHash(ds.spec.template, cc);
        const labels = { ...ds.spec.template.metadata?.labels, [CONTROLLER_REVISION_HASH]: hash };
        return newControllerRevision(ds, labels, data, revision, cc, hash);
      },
    );
    const hash = history.update.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? '';
    const nodes = this.store.list(nodeType).items as Node[];
    const plan = planDaemonSet({ ds, hash, nodes, pods, now: this.now() });

    for (const pod of plan.failed) {
      await this.recorder.record(
        ds,
        'Warning',
        'FailedDaemonPod',
        `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${pod.spec.nodeName}, will try to kill it`,
      );
    }
    await Promise.all(plan.createOn.map((node) => this.createPod(ds, node, hash)));
    await Promise.all(
      plan.delete.map(async (pod) => {
        await this.store
          .delete(podType, namespace, pod.metadata.name ?? '', { preconditions: { uid: pod.metadata.uid } })
          .catch(ignoreGoneOrChanged);
        await this.recorder.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      }),
    );
    const status = { ...plan.status, collisionCount: history.collisionCount || undefined };
    if (!deepEqual({ ...ds.status, conditions: undefined }, { ...status, conditions: undefined })) {
      await this.store
        .update(
          daemonSetType,
          { ...ds, status: { ...status, conditions: ds.status?.conditions } },
          {
            subresource: 'status',
          },
        )
        .catch(ignoreGoneOrChanged);
    }
    const liveHashes = new Set([
      hash,
      ...pods.map((p) => p.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? ''),
    ]);
    const live = new Set(
      history.revisions
        .filter((r) => liveHashes.has(r.metadata.labels?.[CONTROLLER_REVISION_HASH] ?? ''))
        .map((r) => r.metadata.name ?? ''),
    );
    live.add(history.update.metadata.name ?? '');
    await pruneRevisions(this.store, history.revisions, live, ds.spec.revisionHistoryLimit ?? 10);
    const minReady = ds.spec.minReadySeconds ?? 0;
    if (minReady > 0 && status.numberAvailable !== status.numberReady) return minReady * 1000;
  }

  private async createPod(ds: DaemonSet, node: string, hash: string): Promise<void> {
    const pod = newDaemonPod(ds, node, hash);
    pod.metadata.ownerReferences = [controllerRef(ds)];
    try {
      const created = await this.store.create(podType, pod);
      await this.recorder.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    } catch (err) {
      await this.recorder.record(ds, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
      throw err;
    }
  }
}
