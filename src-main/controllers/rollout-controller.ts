import { deepEqual } from '../shared/deep-equal';
import type { Disposable } from '../shared/disposable';
import { controllerRefOf } from '../shared/owner-refs';
import { deploymentType, replicaSetType, serviceType } from '../shared/resource-types';
import {
  analysisRunType,
  CANARY_SERVICE_ANNOTATION,
  CANARY_WEIGHT_ANNOTATION,
  MANAGED_BY_ROLLOUTS_ANNOTATION,
  ROLLOUT_POD_TEMPLATE_HASH,
  rolloutType,
  type AnalysisRun,
  type Rollout,
} from '../shared/rollout-types';
import type { Service } from '../shared/service-types';
import type { Deployment, ReplicaSet } from '../shared/workload-types';
import { ApiError, ignoreGoneOrChanged } from '../store/api-error';
import type { KindRegistry } from '../store/kind-strategy';
import type { ObjectStore } from '../store/object-store';
import type { EventRecorder } from '../machinery/event-recorder';
import { objectKey, startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';
import { planRollout, type RolloutAction, type RolloutObserved } from './plan-rollout';
import { ensureStepAnalysisRun, stepAnalysisOf } from './rollout-analysis';

/** Argo Rollouts' Rollout controller: ReplicaSets per revision, steps, Service selectors and Skiff's traffic split. */
export class RolloutController implements Disposable {
  private readonly loop: ControllerLoop;

  constructor(
    private readonly store: ObjectStore,
    private readonly kinds: KindRegistry,
    private readonly recorder: EventRecorder,
    private readonly now: () => number = Date.now,
  ) {
    const isRollouts = (group: string, plural: string) => group === 'argoproj.io' && plural === 'rollouts';
    this.loop = startControllerLoop({
      store,
      name: 'rollout-controller',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        const { namespace } = event.object.metadata;
        if (isRollouts(type.group, type.plural)) return [objectKey(event.object)];
        if (type === replicaSetType || (type.group === 'argoproj.io' && type.plural === 'analysisruns')) {
          const owner = controllerRefOf(event.object);
          return owner?.kind === 'Rollout' ? [`${namespace}/${owner.name}`] : [];
        }
        if (type === serviceType || type === deploymentType)
          return this.rolloutsReferring(namespace, event.object.metadata.name ?? '');
        return [];
      },
      initialKeys: () => (this.served() ? store.list(rolloutType).items.map(objectKey) : []),
    });
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    this.loop.dispose();
  }

  private served(): boolean {
    return this.kinds.find(rolloutType.group, rolloutType.version, rolloutType.plural) !== undefined;
  }

  private rolloutsReferring(namespace: string | undefined, name: string): string[] {
    if (!this.served()) return [];
    return (this.store.list(rolloutType, { namespace }).items as Rollout[])
      .filter((r) => {
        const c = r.spec.strategy?.canary;
        const b = r.spec.strategy?.blueGreen;
        return [
          c?.canaryService,
          c?.stableService,
          b?.activeService,
          b?.previewService,
          r.spec.workloadRef?.name,
        ].includes(name);
      })
      .map(objectKey);
  }

  private async reconcile(key: string): Promise<number | void> {
    if (!this.served()) return;
    const [namespace, name] = key.split('/') as [string, string];
    const rollout = this.store.tryGet(rolloutType, namespace, name) as Rollout | undefined;
    if (!rollout || rollout.metadata.deletionTimestamp) return;
    const source = this.templateSource(rollout);
    if (!source) return 5000;
    const replicaSets = (this.store.list(replicaSetType, { namespace }).items as ReplicaSet[]).filter(
      (rs) => controllerRefOf(rs)?.uid === rollout.metadata.uid && !rs.metadata.deletionTimestamp,
    );
    const services: Record<string, Service | undefined> = {};
    const c = rollout.spec.strategy?.canary;
    const b = rollout.spec.strategy?.blueGreen;
    for (const s of [c?.canaryService, c?.stableService, b?.activeService, b?.previewService])
      if (s) services[s] = this.store.tryGet(serviceType, namespace, s) as Service | undefined;
    const observed: RolloutObserved = {
      ...source,
      replicaSets,
      services,
      analysis: stepAnalysisOf(this.store, rollout),
    };
    const now = this.now();
    let plan = planRollout(rollout, observed, now);
    if (plan.analysisStep !== undefined) {
      const run = await ensureStepAnalysisRun(this.store, rollout, plan.analysisStep);
      if (run) plan = planRollout(rollout, { ...observed, analysis: run }, now);
    }
    for (const action of plan.actions) await this.apply(rollout, action);
    if (plan.status.abort) await this.terminateAnalysis(rollout);
    if (!deepEqual(plan.status, rollout.status ?? {}))
      await this.store
        .update(rolloutType, { ...rollout, status: plan.status }, { subresource: 'status' })
        .catch(ignoreGoneOrChanged);
    return plan.requeueAfterMs !== undefined ? Math.max(50, plan.requeueAfterMs) : undefined;
  }

  /** The template and selector: the Rollout's own, or its workloadRef Deployment's. */
  private templateSource(rollout: Rollout): Pick<RolloutObserved, 'template' | 'selector'> | undefined {
    const ref = rollout.spec.workloadRef;
    if (!ref)
      return rollout.spec.template && rollout.spec.selector
        ? { template: rollout.spec.template, selector: rollout.spec.selector }
        : undefined;
    const deployment = this.store.tryGet(deploymentType, rollout.metadata.namespace, ref.name ?? '') as
      Deployment | undefined;
    if (!deployment) return undefined;
    return {
      template: deployment.spec.template,
      selector: rollout.spec.selector ?? deployment.spec.selector,
    };
  }

  private async terminateAnalysis(rollout: Rollout): Promise<void> {
    for (const run of this.store.list(analysisRunType, { namespace: rollout.metadata.namespace })
      .items as AnalysisRun[]) {
      if (controllerRefOf(run)?.uid !== rollout.metadata.uid || run.spec.terminate) continue;
      if (run.status?.phase && !['Pending', 'Running'].includes(run.status.phase)) continue;
      await this.store
        .update(analysisRunType, { ...run, spec: { ...run.spec, terminate: true } })
        .catch(ignoreGoneOrChanged);
    }
  }

  private async apply(rollout: Rollout, action: RolloutAction): Promise<void> {
    const namespace = rollout.metadata.namespace;
    switch (action.type) {
      case 'createReplicaSet':
        await this.store.create(replicaSetType, action.replicaSet).catch((err: unknown) => {
          if (!(err instanceof ApiError && err.code === 409)) throw err;
        });
        return;
      case 'scaleReplicaSet': {
        const rs = this.store.tryGet(replicaSetType, namespace, action.name) as ReplicaSet | undefined;
        if (!rs) return;
        const annotations = { ...rs.metadata.annotations };
        for (const [k, v] of Object.entries(action.annotations ?? {})) {
          if (v === null) delete annotations[k];
          else annotations[k] = v;
        }
        await this.store
          .update(replicaSetType, {
            ...rs,
            metadata: { ...rs.metadata, annotations },
            spec: { ...rs.spec, replicas: action.replicas },
          })
          .catch(ignoreGoneOrChanged);
        return;
      }
      case 'deleteReplicaSet':
        await this.store.delete(replicaSetType, namespace, action.name).catch(ignoreGoneOrChanged);
        return;
      case 'patchService': {
        const service = this.store.tryGet(serviceType, namespace, action.name) as Service | undefined;
        if (!service) return;
        const annotations: Record<string, string> = {
          ...service.metadata.annotations,
          [MANAGED_BY_ROLLOUTS_ANNOTATION]: rollout.metadata.name ?? '',
        };
        if (action.canary) {
          annotations[CANARY_WEIGHT_ANNOTATION] = String(action.canary.weight);
          annotations[CANARY_SERVICE_ANNOTATION] = action.canary.service;
        }
        const selector = { ...service.spec.selector, [ROLLOUT_POD_TEMPLATE_HASH]: action.hash };
        if (
          deepEqual(selector, service.spec.selector) &&
          deepEqual(annotations, service.metadata.annotations ?? {})
        )
          return;
        await this.store
          .update(serviceType, {
            ...service,
            metadata: { ...service.metadata, annotations },
            spec: { ...service.spec, selector },
          })
          .catch(ignoreGoneOrChanged);
        return;
      }
      case 'event':
        await this.recorder.record(rollout, action.eventType, action.reason, action.message);
        return;
    }
  }
}
