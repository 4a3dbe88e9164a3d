import type { Disposable } from '../shared/disposable';
import { deepEqual } from '../shared/deep-equal';
import { matchesLabels, selectorRequirements } from '../shared/label-selector';
import type { Pod } from '../shared/pod-types';
import { podDisruptionBudgetType } from '../shared/policy-resource-types';
import type { PodDisruptionBudget } from '../shared/policy-types';
import {
  deploymentType,
  podType,
  replicaSetType,
  replicationControllerType,
  statefulSetType,
  type ResourceType,
} from '../shared/resource-types';
import { ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';
import type { EventRecorder } from '../machinery/event-recorder';
import { planDisruption } from '../shared/plan-disruption';

// Keeps each PodDisruptionBudget's status (pkg/controller/disruption): how many of its pods are healthy, how
// many must be, and how many may be disrupted now. Evictions read it (store/evict-pod.ts).

const keyOf = (namespace: string | undefined, name: string | undefined) => `${namespace ?? ''}/${name ?? ''}`;
const SCALED: ResourceType[] = [deploymentType, replicaSetType, statefulSetType, replicationControllerType];

/** The pods a budget covers: none for a missing selector, every pod of the namespace for an empty one. */
export function podsOfBudget(pdb: PodDisruptionBudget, pods: Pod[]): Pod[] {
  if (!pdb.spec?.selector) return [];
  const requirements = selectorRequirements(pdb.spec.selector);
  return pods.filter((p) => matchesLabels(requirements, p.metadata.labels));
}

export class DisruptionController implements Disposable {
  private readonly loop: ControllerLoop;

  constructor(
    private readonly store: ObjectStore,
    private readonly recorder: EventRecorder,
    private readonly now: () => Date = () => new Date(),
  ) {
    const budgetsIn = (namespace: string | undefined) =>
      store
        .list(podDisruptionBudgetType, { namespace })
        .items.map((b) => keyOf(b.metadata.namespace, b.metadata.name));
    this.loop = startControllerLoop({
      store,
      name: 'disruption-controller',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        if (type === podDisruptionBudgetType)
          return [keyOf(event.object.metadata.namespace, event.object.metadata.name)];
        if (type === podType || SCALED.includes(type)) return budgetsIn(event.object.metadata.namespace);
        return [];
      },
      initialKeys: () => budgetsIn(undefined),
    });
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    this.loop.dispose();
  }

  /** The replicas a pod's controller asks for (a Deployment's for the ReplicaSets it owns), keyed by its uid. */
  private scaleOf(pod: Pod): { uid: string; replicas: number } | undefined {
    const namespace = pod.metadata.namespace;
    const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
    if (!owner) return undefined;
    const read = (type: ResourceType, name: string, uid: string) => {
      const found = this.store.tryGet(type, namespace, name);
      if (!found || found.metadata.uid !== uid) return undefined;
      return found;
    };
    if (owner.kind === 'ReplicaSet' && owner.apiVersion === 'apps/v1') {
      const rs = read(replicaSetType, owner.name, owner.uid);
      if (!rs) return undefined;
      const parent = rs.metadata.ownerReferences?.find((r) => r.controller && r.kind === 'Deployment');
      const target = parent ? read(deploymentType, parent.name, parent.uid) : rs;
      if (!target) return undefined;
      return {
        uid: target.metadata.uid ?? '',
        replicas: (target.spec as { replicas?: number }).replicas ?? 1,
      };
    }
    const type =
      owner.kind === 'StatefulSet' && owner.apiVersion === 'apps/v1'
        ? statefulSetType
        : owner.kind === 'ReplicationController' && owner.apiVersion === 'v1'
          ? replicationControllerType
          : undefined;
    const target = type && read(type, owner.name, owner.uid);
    if (!target) return undefined;
    return { uid: target.metadata.uid ?? '', replicas: (target.spec as { replicas?: number }).replicas ?? 1 };
  }

  private async reconcile(key: string): Promise<number | void> {
    const [namespace, name] = key.split('/') as [string, string];
    const pdb = this.store.tryGet(podDisruptionBudgetType, namespace, name) as
      PodDisruptionBudget | undefined;
    if (!pdb || pdb.metadata.deletionTimestamp) return;
    const pods = podsOfBudget(pdb, this.store.list(podType, { namespace }).items as Pod[]);
    const now = this.now();
    const plan = planDisruption({ pdb, pods, scaleOf: (p) => this.scaleOf(p), now });
    if (plan.kind === 'failed') void this.recorder.record(pdb, 'Warning', plan.reason, plan.message);
    if (!deepEqual(plan.status, pdb.status))
      await this.store
        .update(podDisruptionBudgetType, { ...pdb, status: plan.status }, { subresource: 'status' })
        .catch(ignoreGoneOrChanged);
    if (plan.kind === 'status' && plan.recheckAt)
      return Math.max(0, plan.recheckAt.getTime() - now.getTime());
  }
}
