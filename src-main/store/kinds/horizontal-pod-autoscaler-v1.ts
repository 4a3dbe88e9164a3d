import type { Condition, KubeObject } from '../../shared/api-types';
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from '../../shared/autoscaling-types';
import type { ServedVersion } from '../kind-strategy';

// autoscaling/v1 as Kubernetes converts it (pkg/apis/autoscaling/v1/conversion.go): v1 has only a CPU
// utilization target, so what v2 says beyond it travels in annotations and comes back on the next write.
const METRICS = 'autoscaling.alpha.kubernetes.io/metrics';
const CURRENT_METRICS = 'autoscaling.alpha.kubernetes.io/current-metrics';
const CONDITIONS = 'autoscaling.alpha.kubernetes.io/conditions';
const BEHAVIOR = 'autoscaling.alpha.kubernetes.io/behavior';

interface HpaV1 extends KubeObject {
  spec?: {
    scaleTargetRef: HorizontalPodAutoscaler['spec']['scaleTargetRef'];
    minReplicas?: number;
    maxReplicas: number;
    targetCPUUtilizationPercentage?: number;
  };
  status?: {
    observedGeneration?: number;
    lastScaleTime?: string;
    currentReplicas?: number;
    desiredReplicas?: number;
    currentCPUUtilizationPercentage?: number;
  };
}

const isCpuUtilization = (m: MetricSpec) =>
  m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target.type === 'Utilization';

function parseAnnotation<T>(annotations: Record<string, string>, key: string): T | undefined {
  const text = annotations[key];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined; // a hand-edited annotation that is not JSON is dropped, as Kubernetes ignores it
  }
}

function withoutKeys(
  annotations: Record<string, string>,
  keys: string[],
): Record<string, string> | undefined {
  const rest = Object.fromEntries(Object.entries(annotations).filter(([k]) => !keys.includes(k)));
  return Object.keys(rest).length ? rest : undefined;
}

export function hpaToV1(stored: KubeObject): KubeObject {
  const hpa = stored as HorizontalPodAutoscaler;
  const metrics = hpa.spec?.metrics ?? [];
  const cpu = metrics.find(isCpuUtilization);
  const others = metrics.filter((m) => m !== cpu);
  const currentOthers = (hpa.status?.currentMetrics ?? []).filter(
    (m: MetricStatus) => !(m.type === 'Resource' && m.resource?.name === 'cpu'),
  );
  const currentCpu = hpa.status?.currentMetrics?.find(
    (m) => m.type === 'Resource' && m.resource?.name === 'cpu',
  );
  const annotations: Record<string, string> = { ...hpa.metadata.annotations };
  if (others.length) annotations[METRICS] = JSON.stringify(others);
  if (currentOthers.length) annotations[CURRENT_METRICS] = JSON.stringify(currentOthers);
  if (hpa.status?.conditions?.length) annotations[CONDITIONS] = JSON.stringify(hpa.status.conditions);
  if (hpa.spec?.behavior) annotations[BEHAVIOR] = JSON.stringify(hpa.spec.behavior);
  const status = hpa.status ?? {};
  const v1: HpaV1 = {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: { ...hpa.metadata, annotations: Object.keys(annotations).length ? annotations : undefined },
    spec: {
      scaleTargetRef: hpa.spec.scaleTargetRef,
      minReplicas: hpa.spec.minReplicas,
      maxReplicas: hpa.spec.maxReplicas,
      ...(cpu ? { targetCPUUtilizationPercentage: cpu.resource!.target.averageUtilization } : {}),
    },
    status: {
      observedGeneration: status.observedGeneration,
      lastScaleTime: status.lastScaleTime,
      currentReplicas: status.currentReplicas ?? 0,
      desiredReplicas: status.desiredReplicas ?? 0,
      ...(currentCpu?.resource?.current.averageUtilization !== undefined
        ? { currentCPUUtilizationPercentage: currentCpu.resource.current.averageUtilization }
        : {}),
    },
  };
  return v1;
}

export function hpaFromV1(input: KubeObject): KubeObject {
  const v1 = input as HpaV1;
  const annotations = v1.metadata?.annotations ?? {};
  const others = parseAnnotation<MetricSpec[]>(annotations, METRICS) ?? [];
  const target = v1.spec?.targetCPUUtilizationPercentage;
  const metrics: MetricSpec[] = [
    ...(target !== undefined
      ? [
          {
            type: 'Resource' as const,
            resource: { name: 'cpu', target: { type: 'Utilization' as const, averageUtilization: target } },
          },
        ]
      : []),
    ...others,
  ];
  const behavior = parseAnnotation<HorizontalPodAutoscaler['spec']['behavior']>(annotations, BEHAVIOR);
  const conditions = parseAnnotation<Condition[]>(annotations, CONDITIONS);
  const currentOthers = parseAnnotation<MetricStatus[]>(annotations, CURRENT_METRICS) ?? [];
  const current = v1.status?.currentCPUUtilizationPercentage;
  const currentMetrics: MetricStatus[] = [
    ...(current !== undefined
      ? [{ type: 'Resource' as const, resource: { name: 'cpu', current: { averageUtilization: current } } }]
      : []),
    ...currentOthers,
  ];
  const { targetCPUUtilizationPercentage: _dropped, ...spec } = v1.spec ?? ({} as NonNullable<HpaV1['spec']>);
  const { currentCPUUtilizationPercentage: _current, ...status } = v1.status ?? {};
  return {
    ...v1,
    apiVersion: 'autoscaling/v2',
    metadata: {
      ...v1.metadata,
      annotations: withoutKeys(annotations, [METRICS, CURRENT_METRICS, CONDITIONS, BEHAVIOR]),
    },
    spec: { ...spec, ...(metrics.length ? { metrics } : {}), ...(behavior ? { behavior } : {}) },
    ...(v1.status
      ? {
          status: {
            ...status,
            ...(currentMetrics.length ? { currentMetrics } : {}),
            ...(conditions ? { conditions } : {}),
          },
        }
      : {}),
  };
}

export const horizontalPodAutoscalerV1: ServedVersion = {
  version: 'v1',
  toStorage: hpaFromV1,
  fromStorage: hpaToV1,
};
