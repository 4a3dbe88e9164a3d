import type { Disposable } from '../shared/disposable';
import type { Node, Pod } from '../shared/pod-types';
import { namespaceType, nodeType, persistentVolumeClaimType, podType } from '../shared/resource-types';
import type { PersistentVolumeClaim } from '../shared/storage-types';
import { claimsOf } from '../shared/claim-users';
import type { SchedulingDecision } from '../scheduling/plan-scheduling';
import { ApiError } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { rfc3339 } from '../store/object-store';
import { NODE_NAME } from '../shared/node-name';
import { planScheduling } from '../scheduling/plan-scheduling';
import type { EventRecorder } from '../machinery/event-recorder';
import { WorkQueue } from '../machinery/work-queue';

const KEY = 'pending-pods';

/** Binds pending pods to the node when they fit; otherwise marks them Unschedulable and says why. */
export class Scheduler implements Disposable {
  private readonly queue: WorkQueue;
  private readonly subscription: Disposable;

  constructor(
    private readonly store: ObjectStore,
    private readonly recorder: EventRecorder,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.queue = new WorkQueue(() => this.reconcile(), {
      onError: (_k, err) => console.error('scheduler:', err),
    });
    this.subscription = store.subscribe((event, type) => {
      if (type === nodeType || type === persistentVolumeClaimType) this.queue.add(KEY);
      if (type !== podType) return;
      const pod = event.object as Pod;
      const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
      if (!pod.spec.nodeName || event.type === 'DELETED' || finished) this.queue.add(KEY);
    });
    this.queue.add(KEY);
  }

  idle(): Promise<void> {
    return this.queue.idle();
  }

  dispose(): void {
    this.subscription.dispose();
    this.queue.dispose();
  }

  private async reconcile(): Promise<void> {
    const pods = this.store.list(podType).items as Pod[];
    const pending = pods.filter((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp);
    if (pending.length === 0) return;
    const node = this.store.tryGet(nodeType, undefined, NODE_NAME) as Node | undefined;
    const blocked: SchedulingDecision[] = [];
    const schedulable = pending.filter((pod) => {
      const problem = this.claimProblem(pod);
      if (problem) blocked.push({ pod, bind: false, message: problem });
      return !problem;
    });
    const placed = pods.filter((p) => p.spec.nodeName === NODE_NAME);
    // The plan already placed every pod against what is left, so the writes go out together: a burst of pods
    // is bound in one group commit rather than one fsync after another.
    const namespaces = new Map(
      this.store.list(namespaceType).items.map((n) => [n.metadata.name ?? '', n.metadata.labels ?? {}]),
    );
    const decisions = [
      ...blocked,
      ...planScheduling(schedulable, placed, node, (ns) => namespaces.get(ns) ?? {}),
    ];
    await Promise.all(decisions.map((decision) => this.apply(decision)));
  }

  private async apply(decision: SchedulingDecision): Promise<void> {
    const pod = decision.pod;
    try {
      if (decision.bind) {
        await this.store.update(
          podType,
          { ...pod, spec: { ...pod.spec, nodeName: NODE_NAME } },
          { subresource: 'binding' },
        );
        await this.recorder.record(
          pod,
          'Normal',
          'Scheduled',
          `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${NODE_NAME}`,
        );
        return;
      }
      const already = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
      if (already?.status !== 'False' || already.message !== decision.message) {
        const condition = {
          type: 'PodScheduled',
          status: 'False' as const,
          reason: 'Unschedulable',
          message: decision.message,
          lastTransitionTime: rfc3339(this.now()),
        };
        const conditions = [
          ...(pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'),
          condition,
        ];
        await this.store.update(
          podType,
          { ...pod, status: { ...pod.status, phase: 'Pending', conditions } },
          { subresource: 'status' },
        );
      }
      await this.recorder.record(pod, 'Warning', 'FailedScheduling', decision.message);
    } catch (err) {
      if (!(err instanceof ApiError && (err.code === 404 || err.code === 409))) throw err;
    }
  }

  /** The volume binding filter: every claim the pod mounts must exist, be bound and not be going away. */
  private claimProblem(pod: Pod): string | undefined {
    for (const name of claimsOf(pod)) {
      const claim = this.store.tryGet(persistentVolumeClaimType, pod.metadata.namespace, name) as
        PersistentVolumeClaim | undefined;
      if (!claim) return `0/1 nodes are available: persistentvolumeclaim "${name}" not found.`;
      if (claim.metadata.deletionTimestamp)
        return `0/1 nodes are available: persistentvolumeclaim "${name}" is being deleted.`;
      if (claim.status?.phase !== 'Bound')
        return '0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.';
    }
    return undefined;
  }
}
