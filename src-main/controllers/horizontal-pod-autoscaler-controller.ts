import type { Condition, KubeObject } from '../shared/api-types';
import type { HorizontalPodAutoscaler } from '../shared/autoscaling-types';
import { deepEqual } from '../shared/deep-equal';
import type { Disposable } from '../shared/disposable';
import { matchesLabels, selectorRequirements } from '../shared/label-selector';
import type { Pod } from '../shared/pod-types';
import { cpuMillis, memoryBytes } from '../shared/quantity';
import {
  deploymentType,
  horizontalPodAutoscalerType,
  podType,
  replicaSetType,
  statefulSetType,
  type ResourceType,
} from '../shared/resource-types';
import type { LabelSelector } from '../shared/workload-types';
import type { MetricsWindow } from '../shared/metrics-window';
import { ignoreGoneOrChanged } from '../store/api-error';
import type { ObjectStore } from '../store/object-store';
import { rfc3339 } from '../store/object-store';
import { objectKey, startControllerLoop, type ControllerLoop } from '../machinery/controller-loop';
import type { EventRecorder } from '../machinery/event-recorder';
import {
  emptyAutoscalerMemory,
  planAutoscaler,
  type AutoscalerMemory,
  type PodInfo,
  type PodMetricSample,
} from './plan-autoscaler';

const SCALABLE: Record<string, ResourceType> = {
  'apps/Deployment': deploymentType,
  'apps/ReplicaSet': replicaSetType,
  'apps/StatefulSet': statefulSetType,
};

function targetType(ref: HorizontalPodAutoscaler['spec']['scaleTargetRef']): ResourceType | undefined {
  const group = (ref.apiVersion ?? 'apps/v1').split('/').slice(0, -1).join('/');
  return SCALABLE[`${group}/${ref.kind}`];
}

function podInfo(pod: Pod): PodInfo {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const time = (t: string | undefined) => (t ? Date.parse(t) : undefined);
  return {
    name: pod.metadata.name!,
    phase: pod.status?.phase ?? 'Pending',
    deleting: !!pod.metadata.deletionTimestamp,
    ready: ready?.status === 'True',
    startTime: time(pod.status?.startTime),
    readyTransitionTime: time(ready?.lastTransitionTime),
    containers: (pod.spec.containers ?? []).map((c) => {
      const requests = c.resources?.requests ?? {};
      return {
        name: c.name,
        requests: {
          cpu: requests.cpu === undefined ? undefined : cpuMillis(requests.cpu),
          memory: requests.memory === undefined ? undefined : memoryBytes(requests.memory),
        },
      };
    }),
  };
}

/** Conditions keep their lastTransitionTime while their status stays the same. */
function withTransitionTimes(next: Condition[], previous: Condition[] | undefined, now: string): Condition[] {
  return next.map((c) => {
    const before = previous?.find((p) => p.type === c.type);
    return { ...c, lastTransitionTime: before?.status === c.status ? before.lastTransitionTime : now };
  });
}

/**
 * Kubernetes' HPA controller: after every metrics round (its resync) and on each spec change, computes the
 * desired replicas from the latest usage of the target's pods and writes them through the target's scale.
 */
export class HorizontalPodAutoscalerController implements Disposable {
  private readonly loop: ControllerLoop;
  private readonly memory = new Map<string, AutoscalerMemory>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: ObjectStore,
    private readonly metrics: { window: MetricsWindow; onRound(listener: () => void): () => void },
    private readonly recorder: EventRecorder,
    private readonly now: () => number = Date.now,
  ) {
    this.loop = startControllerLoop({
      store,
      name: 'horizontal-pod-autoscaler',
      reconcile: (key) => this.reconcile(key),
      keysFor: (event, type) => {
        if (type !== horizontalPodAutoscalerType) return [];
        if (event.type === 'DELETED') {
          this.memory.delete(objectKey(event.object));
          return [];
        }
        // Status writes (ours) do not call for a new decision; a new or changed spec does.
        const changed = event.object.metadata.generation !== event.previous?.metadata.generation;
        return event.type === 'ADDED' || changed ? [objectKey(event.object)] : [];
      },
      initialKeys: () => [],
      queue: { concurrency: 1 },
    });
    this.unsubscribe = metrics.onRound(() => {
      for (const hpa of store.list(horizontalPodAutoscalerType).items) this.loop.add(objectKey(hpa));
    });
  }

  idle(): Promise<void> {
    return this.loop.idle();
  }

  dispose(): void {
    this.unsubscribe();
    this.loop.dispose();
  }

  private async reconcile(key: string): Promise<void> {
    const [namespace, name] = key.split('/') as [string, string];
    const hpa = this.store.tryGet(horizontalPodAutoscalerType, namespace, name) as
      HorizontalPodAutoscaler | undefined;
    if (!hpa || hpa.metadata.deletionTimestamp) return;
    const ref = hpa.spec.scaleTargetRef;
    const type = targetType(ref);
    const target = type ? this.store.tryGet(type, namespace, ref.name) : undefined;
    if (!type || !target) {
      const why = type
        ? `${type.plural}.${type.group} "${ref.name}" not found`
        : `no matches for kind "${ref.kind}" in group "${(ref.apiVersion ?? '').split('/').slice(0, -1).join('/')}": Skiff scales Deployments, ReplicaSets and StatefulSets (apps/v1)`;
      const message = `the HPA controller was unable to get the target's current scale: ${why}`;
      await this.recorder.record(hpa, 'Warning', 'FailedGetScale', why);
      await this.writeStatus(hpa, {
        conditions: [{ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message }],
      });
      return;
    }
    const spec = target.spec as { replicas?: number; selector: LabelSelector };
    const selector = selectorRequirements(spec.selector);
    const pods = (this.store.list(podType, { namespace }).items as Pod[]).filter((p) =>
      matchesLabels(selector, p.metadata.labels),
    );
    const metrics = new Map<string, PodMetricSample>();
    for (const pod of pods) {
      const sample = this.metrics.window.latestPodSample(namespace, pod.metadata.name!);
      if (!sample) continue;
      metrics.set(pod.metadata.name!, {
        timestamp: sample.timestamp,
        windowMs: sample.windowMs,
        containers: sample.containers.map((c) => ({
          name: c.name,
          cpuMillis: Math.ceil(c.cpuNanoCores / 1e6), // MilliValue() rounds up
          memoryBytes: c.memoryBytes,
        })),
      });
    }
    const now = this.now();
    const memory = this.memory.get(key) ?? emptyAutoscalerMemory();
    const plan = planAutoscaler({
      hpa,
      currentReplicas: spec.replicas ?? 1,
      pods: pods.map(podInfo),
      metrics,
      now,
      memory,
    });
    this.memory.set(key, plan.memory);
    for (const warning of plan.warnings)
      await this.recorder.record(hpa, 'Warning', warning.reason, warning.message);
    let lastScaleTime = hpa.status?.lastScaleTime;
    if (plan.rescale) {
      try {
        await this.store.update(type, {
          ...target,
          spec: { ...spec, replicas: plan.desiredReplicas },
        } as KubeObject);
        lastScaleTime = rfc3339(new Date(now));
        await this.recorder.record(
          hpa,
          'Normal',
          'SuccessfulRescale',
          `New size: ${plan.desiredReplicas}; reason: ${plan.rescaleReason ?? 'All metrics below target'}`,
        );
      } catch (err) {
        // the planner counted the rescale as done; it was not
        this.memory.set(key, {
          ...plan.memory,
          scaleUpEvents: memory.scaleUpEvents,
          scaleDownEvents: memory.scaleDownEvents,
        });
        const message = `the HPA controller was unable to update the target scale: ${(err as Error).message}`;
        await this.recorder.record(hpa, 'Warning', 'FailedRescale', message);
        await this.writeStatus(hpa, {
          currentReplicas: spec.replicas ?? 1,
          conditions: [{ type: 'AbleToScale', status: 'False', reason: 'FailedUpdateScale', message }],
        });
        return;
      }
    }
    await this.writeStatus(hpa, {
      currentReplicas: spec.replicas ?? 1,
      desiredReplicas: plan.desiredReplicas,
      currentMetrics: plan.currentMetrics,
      conditions: plan.conditions,
      lastScaleTime,
    });
  }

  private async writeStatus(
    hpa: HorizontalPodAutoscaler,
    status: Partial<NonNullable<HorizontalPodAutoscaler['status']>>,
  ): Promise<void> {
    const before = hpa.status ?? {};
    const conditions = status.conditions ?? [];
    const merged = [
      ...conditions,
      ...(before.conditions ?? []).filter((c) => !conditions.some((n) => n.type === c.type)),
    ];
    const next = {
      ...before,
      ...status,
      observedGeneration: hpa.metadata.generation,
      conditions: withTransitionTimes(merged, before.conditions, rfc3339(new Date(this.now()))),
    };
    if (deepEqual(next, before)) return;
    await this.store
      .update(horizontalPodAutoscalerType, { ...hpa, status: next }, { subresource: 'status' })
      .catch(ignoreGoneOrChanged);
  }
}
