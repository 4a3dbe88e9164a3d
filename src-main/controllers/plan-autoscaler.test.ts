import { describe, expect, it } from 'vitest';
import type { Condition } from '../shared/api-types';
import type { HPAScalingRules, HorizontalPodAutoscaler, MetricSpec } from '../shared/autoscaling-types';
import {
  type AutoscalerMemory,
  type AutoscalerPlan,
  emptyAutoscalerMemory,
  planAutoscaler,
  type PodInfo,
  type PodMetricSample,
} from './plan-autoscaler';

// Cases ported from the controller tests of Kubernetes' pkg/controller/podautoscaler/horizontal_test.go, named
// after the Go tests. Its harness: one pod per reported CPU request (else per status replica), each with two
// containers requesting half of it and using half of the reported level, a Ready condition that changed when
// the pod started (the zero time unless given), metrics taken now over one minute; tolerance 0.1, CPU
// initialization period 2 minutes, initial readiness delay 10 seconds. Kubernetes' `recommendations: []` (an
// empty but non-nil history) is a memory holding one expired recommendation here; its nil is the empty memory.

const NOW = Date.parse('2026-11-23T12:00:00Z');
const ZERO = Date.parse('0001-01-01T00:00:00Z');
const hot = NOW;
const cool = NOW - 3 * 60_000;
const EMPTY_HISTORY: AutoscalerMemory = {
  recommendations: [{ timestamp: NOW - 3_600_000, replicas: 0 }],
  scaleUpEvents: [],
  scaleDownEvents: [],
};

interface TestCase {
  minReplicas: number;
  maxReplicas: number;
  specReplicas: number;
  CPUTarget?: number;
  metricsTarget?: MetricSpec[];
  scaleUpRules?: HPAScalingRules;
  scaleDownRules?: HPAScalingRules;
  reportedLevels: number[];
  reportedCPURequests?: number[]; // millicores
  reportedPodReadiness?: boolean[];
  reportedPodStartTime?: number[];
  memory?: AutoscalerMemory;
}

function hpaFor(tc: TestCase): HorizontalPodAutoscaler {
  const behavior = tc.scaleUpRules || tc.scaleDownRules;
  const metrics: MetricSpec[] = [
    ...(tc.CPUTarget
      ? [
          {
            type: 'Resource' as const,
            resource: {
              name: 'cpu',
              target: { type: 'Utilization' as const, averageUtilization: tc.CPUTarget },
            },
          },
        ]
      : []),
    ...(tc.metricsTarget ?? []),
  ];
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'test-hpa', namespace: 'test-namespace' },
    spec: {
      scaleTargetRef: { apiVersion: 'v1', kind: 'ReplicationController', name: 'test-rc' },
      minReplicas: tc.minReplicas,
      maxReplicas: tc.maxReplicas,
      metrics,
      ...(behavior ? { behavior: { scaleUp: tc.scaleUpRules, scaleDown: tc.scaleDownRules } } : {}),
    },
    status: { currentReplicas: tc.specReplicas, desiredReplicas: tc.specReplicas },
  };
}

function run(tc: TestCase): AutoscalerPlan {
  const count = tc.reportedCPURequests ? tc.reportedCPURequests.length : tc.specReplicas;
  const pods: PodInfo[] = Array.from({ length: count }, (_, i) => {
    const request = (tc.reportedCPURequests?.[i] ?? 1000) / 2;
    const start = tc.reportedPodStartTime?.[i] ?? ZERO;
    return {
      name: `test-pod-${i}`,
      phase: 'Running',
      deleting: false,
      ready: tc.reportedPodReadiness?.[i] ?? true,
      startTime: start,
      readyTransitionTime: start,
      containers: [
        { name: 'container1', requests: { cpu: request } },
        { name: 'container2', requests: { cpu: request } },
      ],
    };
  });
  const metrics = new Map<string, PodMetricSample>(
    tc.reportedLevels.map((level, i) => [
      `test-pod-${i}`,
      {
        timestamp: NOW,
        windowMs: 60_000,
        containers: [
          { name: 'container1', cpuMillis: level / 2, memoryBytes: (1024 * 1024) / 2 },
          { name: 'container2', cpuMillis: level / 2, memoryBytes: (1024 * 1024) / 2 },
        ],
      },
    ]),
  );
  return planAutoscaler({
    hpa: hpaFor(tc),
    currentReplicas: tc.specReplicas,
    pods,
    metrics,
    now: NOW,
    memory: tc.memory ?? emptyAutoscalerMemory(),
    options: { cpuInitializationPeriodMs: 2 * 60_000, delayOfInitialReadinessStatusMs: 10_000 },
  });
}

type Expected = [type: string, status: Condition['status'], reason: string][];
const statusOk: Expected = [
  ['AbleToScale', 'True', 'SucceededRescale'],
  ['ScalingActive', 'True', 'ValidMetricFound'],
  ['ScalingLimited', 'False', 'DesiredWithinRange'],
];
/** statusOkWithOverrides */
const ok = (...overrides: Expected): Expected =>
  statusOk.map((c) => overrides.filter((o) => o[0] === c[0]).at(-1) ?? c);
const conditionsOf = (plan: AutoscalerPlan) => plan.conditions.map((c) => [c.type, c.status, c.reason]);
const cpu = (...levels: number[]) => levels;
const ones = (n: number) => Array<number>(n).fill(1000);

describe('planAutoscaler (horizontal_test.go)', () => {
  it.each<{ name: string; tc: TestCase; desired: number; conditions?: Expected; utilization?: number }>([
    {
      name: 'TestScaleUp',
      tc: {
        minReplicas: 2,
        maxReplicas: 6,
        specReplicas: 3,
        CPUTarget: 30,
        reportedLevels: cpu(300, 500, 700),
        reportedCPURequests: ones(3),
      },
      desired: 5,
      utilization: 50,
    },
    {
      name: 'TestScaleUpUnreadyLessScale',
      tc: {
        minReplicas: 2,
        maxReplicas: 6,
        specReplicas: 3,
        CPUTarget: 30,
        reportedLevels: cpu(300, 500, 700),
        reportedCPURequests: ones(3),
        reportedPodReadiness: [false, true, true],
      },
      desired: 4,
      utilization: 60,
    },
    {
      name: 'TestScaleUpHotCpuLessScale',
      tc: {
        minReplicas: 2,
        maxReplicas: 6,
        specReplicas: 3,
        CPUTarget: 30,
        reportedLevels: cpu(300, 500, 700),
        reportedCPURequests: ones(3),
        reportedPodStartTime: [hot, cool, cool],
      },
      desired: 4,
      utilization: 60,
    },
    {
      name: 'TestScaleDown',
      tc: {
        minReplicas: 2,
        maxReplicas: 6,
        specReplicas: 5,
        CPUTarget: 50,
        reportedLevels: cpu(100, 300, 500, 250, 250),
        reportedCPURequests: ones(5),
        memory: EMPTY_HISTORY,
      },
      desired: 3,
      utilization: 28,
    },
    {
      name: 'TestScaleDownStabilizeInitialSize',
      tc: {
        minReplicas: 2,
        maxReplicas: 6,
        specReplicas: 5,
        CPUTarget: 50,
        reportedLevels: cpu(100, 300, 500, 250, 250),
        reportedCPURequests: ones(5),
      },
      desired: 5,
      conditions: ok(['AbleToScale', 'True', 'ScaleDownStabilized']),
      utilization: 28,
    },
    {
      name: 'TestZeroReplicas',
      tc: {
        minReplicas: 3,
        maxReplicas: 5,
        specReplicas: 0,
        CPUTarget: 90,
        reportedLevels: [],
        reportedCPURequests: [],
      },
      desired: 0,
      conditions: [
        ['AbleToScale', 'True', 'SucceededGetScale'],
        ['ScalingActive', 'False', 'ScalingDisabled'],
      ],
    },
    {
      name: 'TestTooFewReplicas',
      tc: {
        minReplicas: 3,
        maxReplicas: 5,
        specReplicas: 2,
        CPUTarget: 90,
        reportedLevels: [],
        reportedCPURequests: [],
      },
      desired: 3,
      conditions: [['AbleToScale', 'True', 'SucceededRescale']],
    },
    {
      name: 'TestTooManyReplicas',
      tc: {
        minReplicas: 3,
        maxReplicas: 5,
        specReplicas: 10,
        CPUTarget: 90,
        reportedLevels: [],
        reportedCPURequests: [],
      },
      desired: 5,
      conditions: [['AbleToScale', 'True', 'SucceededRescale']],
    },
    {
      name: 'TestMaxReplicas',
      tc: {
        minReplicas: 2,
        maxReplicas: 5,
        specReplicas: 3,
        CPUTarget: 90,
        reportedLevels: cpu(8000, 9500, 1000),
        reportedCPURequests: [900, 1000, 1100],
      },
      desired: 5,
      conditions: ok(['ScalingLimited', 'True', 'TooManyReplicas']),
    },
    {
      name: 'TestMinReplicas',
      tc: {
        minReplicas: 2,
        maxReplicas: 5,
        specReplicas: 3,
        CPUTarget: 90,
        reportedLevels: cpu(10, 95, 10),
        reportedCPURequests: [900, 1000, 1100],
        memory: EMPTY_HISTORY,
      },
      desired: 2,
      conditions: ok(['ScalingLimited', 'True', 'TooFewReplicas']),
    },
    {
      name: 'TestZeroMinReplicasDesiredZero',
      tc: {
        minReplicas: 0,
        maxReplicas: 5,
        specReplicas: 3,
        CPUTarget: 90,
        reportedLevels: cpu(0, 0, 0),
        reportedCPURequests: [900, 1000, 1100],
        memory: EMPTY_HISTORY,
      },
      desired: 0,
      conditions: ok(['ScalingLimited', 'False', 'DesiredWithinRange']),
    },
    {
      name: 'TestMinReplicasDesiredZero',
      tc: {
        minReplicas: 2,
        maxReplicas: 5,
        specReplicas: 3,
        CPUTarget: 90,
        reportedLevels: cpu(0, 0, 0),
        reportedCPURequests: [900, 1000, 1100],
        memory: EMPTY_HISTORY,
      },
      desired: 2,
      conditions: ok(['ScalingLimited', 'True', 'TooFewReplicas']),
    },
    {
      name: 'TestSuperfluousMetrics',
      tc: {
        minReplicas: 2,
        maxReplicas: 6,
        specReplicas: 4,
        CPUTarget: 100,
        reportedLevels: cpu(4000, 9500, 3000, 7000, 3200, 2000),
        reportedCPURequests: ones(4),
      },
      desired: 6,
      conditions: ok(['ScalingLimited', 'True', 'TooManyReplicas']),
    },
    {
      name: 'TestMissingMetrics',
      tc: {
        minReplicas: 2,
        maxReplicas: 6,
        specReplicas: 4,
        CPUTarget: 100,
        reportedLevels: cpu(400, 95),
        reportedCPURequests: ones(4),
        memory: EMPTY_HISTORY,
      },
      desired: 3,
    },
    {
      name: 'TestEmptyMetrics',
      tc: {
        minReplicas: 2,
        maxReplicas: 6,
        specReplicas: 4,
        CPUTarget: 100,
        reportedLevels: [],
        reportedCPURequests: ones(4),
      },
      desired: 4,
      conditions: [
        ['AbleToScale', 'True', 'SucceededGetScale'],
        ['ScalingActive', 'False', 'FailedGetResourceMetric'],
      ],
    },
    {
      // The Go harness makes no pod for an empty request list, so this fails on the pod list.
      name: 'TestEmptyCPURequest',
      tc: {
        minReplicas: 1,
        maxReplicas: 5,
        specReplicas: 1,
        CPUTarget: 100,
        reportedLevels: cpu(200),
        reportedCPURequests: [],
      },
      desired: 1,
      conditions: [
        ['AbleToScale', 'True', 'SucceededGetScale'],
        ['ScalingActive', 'False', 'FailedGetResourceMetric'],
      ],
    },
    {
      name: 'TestEventCreated',
      tc: {
        minReplicas: 1,
        maxReplicas: 5,
        specReplicas: 1,
        CPUTarget: 50,
        reportedLevels: cpu(200),
        reportedCPURequests: [200],
      },
      desired: 2,
    },
    {
      name: 'TestEventNotCreated',
      tc: {
        minReplicas: 1,
        maxReplicas: 5,
        specReplicas: 2,
        CPUTarget: 50,
        reportedLevels: cpu(200, 200),
        reportedCPURequests: [400, 400],
      },
      desired: 2,
      conditions: ok(['AbleToScale', 'True', 'ReadyForNewScale']),
    },
    {
      name: 'TestMissingReports',
      tc: {
        minReplicas: 1,
        maxReplicas: 5,
        specReplicas: 4,
        CPUTarget: 50,
        reportedLevels: cpu(200),
        reportedCPURequests: [200],
        memory: EMPTY_HISTORY,
      },
      desired: 2,
    },
    {
      name: 'TestUpscaleCap',
      tc: {
        minReplicas: 1,
        maxReplicas: 100,
        specReplicas: 3,
        scaleUpRules: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [{ type: 'Percent', value: 700, periodSeconds: 60 }],
        },
        CPUTarget: 10,
        reportedLevels: cpu(100, 200, 300),
        reportedCPURequests: [100, 100, 100],
      },
      desired: 24,
      conditions: ok(['ScalingLimited', 'True', 'ScaleUpLimit']),
    },
    {
      name: 'TestUpscaleCapGreaterThanMaxReplicas',
      tc: {
        minReplicas: 1,
        maxReplicas: 20,
        specReplicas: 3,
        scaleUpRules: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [{ type: 'Percent', value: 700, periodSeconds: 60 }],
        },
        CPUTarget: 10,
        reportedLevels: cpu(100, 200, 300),
        reportedCPURequests: [100, 100, 100],
      },
      desired: 20,
      conditions: ok(['ScalingLimited', 'True', 'TooManyReplicas']),
    },
    {
      name: 'TestMoreReplicasThanSpecNoScale',
      tc: {
        minReplicas: 1,
        maxReplicas: 8,
        specReplicas: 4,
        CPUTarget: 50,
        reportedLevels: cpu(500, 500, 500, 500, 500),
        reportedCPURequests: ones(5),
      },
      desired: 4,
      conditions: ok(['AbleToScale', 'True', 'ReadyForNewScale']),
    },
    {
      name: 'TestScaleDownRCImmediately',
      tc: {
        minReplicas: 2,
        maxReplicas: 5,
        specReplicas: 6,
        CPUTarget: 50,
        reportedLevels: cpu(8000, 9500, 1000),
        reportedCPURequests: [900, 1000, 1100],
      },
      desired: 5,
      conditions: [['AbleToScale', 'True', 'SucceededRescale']],
    },
    {
      name: 'TestNoScaleDownOneMetricInvalid',
      tc: {
        minReplicas: 2,
        maxReplicas: 6,
        specReplicas: 5,
        CPUTarget: 50,
        metricsTarget: [{ type: 'CheddarCheese' as MetricSpec['type'] }],
        reportedLevels: cpu(100, 300, 500, 250, 250),
        reportedCPURequests: ones(5),
        memory: EMPTY_HISTORY,
      },
      desired: 5,
      conditions: [
        ['AbleToScale', 'True', 'SucceededGetScale'],
        ['ScalingActive', 'False', 'InvalidMetricSourceType'],
      ],
    },
    {
      name: 'TestScaleUpBothMetricsEmpty',
      tc: {
        minReplicas: 2,
        maxReplicas: 6,
        specReplicas: 3,
        metricsTarget: [{ type: 'CheddarCheese' as MetricSpec['type'] }],
        reportedLevels: [],
        reportedCPURequests: ones(3),
      },
      desired: 3,
      conditions: [
        ['AbleToScale', 'True', 'SucceededGetScale'],
        ['ScalingActive', 'False', 'InvalidMetricSourceType'],
      ],
    },
    {
      // Kubernetes fails the External metric on its metrics API; Skiff does not measure External metrics.
      name: 'TestScaleUpOneMetricEmpty',
      tc: {
        minReplicas: 2,
        maxReplicas: 6,
        specReplicas: 3,
        CPUTarget: 30,
        metricsTarget: [
          {
            type: 'External',
            external: { metric: { name: 'qps' }, target: { type: 'Value', value: '100m' } },
          },
        ],
        reportedLevels: cpu(300, 400, 500),
        reportedCPURequests: ones(3),
      },
      desired: 4,
    },
  ])('$name', ({ tc, desired, conditions, utilization }) => {
    const plan = run(tc);
    expect(plan.desiredReplicas).toBe(desired);
    expect(plan.rescale).toBe(desired !== tc.specReplicas);
    expect(conditionsOf(plan)).toEqual(conditions ?? statusOk);
    if (utilization !== undefined) {
      expect(plan.currentMetrics[0]?.resource?.current.averageUtilization).toBe(utilization);
    }
  });

  it('TestScaleUpContainer: the container resource metric and its status', () => {
    const plan = run({
      minReplicas: 2,
      maxReplicas: 6,
      specReplicas: 3,
      metricsTarget: [
        {
          type: 'ContainerResource',
          containerResource: {
            name: 'cpu',
            container: 'container1',
            target: { type: 'Utilization', averageUtilization: 30 },
          },
        },
      ],
      reportedLevels: cpu(300, 500, 700),
      reportedCPURequests: ones(3),
    });
    expect(plan.desiredReplicas).toBe(5);
    expect(plan.currentMetrics).toEqual([
      {
        type: 'ContainerResource',
        containerResource: {
          name: 'cpu',
          container: 'container1',
          current: { averageUtilization: 50, averageValue: '250m' },
        },
      },
    ]);
    expect(plan.rescaleReason).toBe(
      'cpu container resource utilization (percentage of request) above target',
    );
    expect(plan.conditions[1]?.message).toBe(
      'the HPA was able to successfully calculate a replica count from cpu container resource utilization (percentage of request)',
    );
  });

  it('TestEventCreated: the messages Kubernetes writes on a rescale', () => {
    const plan = run({
      minReplicas: 1,
      maxReplicas: 5,
      specReplicas: 1,
      CPUTarget: 50,
      reportedLevels: cpu(200),
      reportedCPURequests: [200],
    });
    expect(plan.rescaleReason).toBe('cpu resource utilization (percentage of request) above target');
    expect(plan.currentMetrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', current: { averageUtilization: 100, averageValue: '200m' } },
      },
    ]);
    expect(plan.conditions).toEqual([
      {
        type: 'AbleToScale',
        status: 'True',
        reason: 'SucceededRescale',
        message: 'the HPA controller was able to update the target scale to 2',
      },
      {
        type: 'ScalingActive',
        status: 'True',
        reason: 'ValidMetricFound',
        message:
          'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)',
      },
      {
        type: 'ScalingLimited',
        status: 'False',
        reason: 'DesiredWithinRange',
        message: 'the desired count is within the acceptable range',
      },
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('TestEmptyMetrics: the warnings and the condition message', () => {
    const plan = run({
      minReplicas: 2,
      maxReplicas: 6,
      specReplicas: 4,
      CPUTarget: 100,
      reportedLevels: [],
      reportedCPURequests: ones(4),
    });
    const inner =
      'failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API';
    expect(plan.conditions[1]?.message).toBe(`the HPA was unable to compute the replica count: ${inner}`);
    expect(plan.warnings).toEqual([
      { reason: 'FailedGetResourceMetric', message: inner },
      {
        reason: 'FailedComputeMetricsReplicas',
        message: `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${inner}`,
      },
    ]);
    expect(plan.currentMetrics).toEqual([{ type: 'Resource' }]);
  });
});

describe('planAutoscaler: Skiff cases', () => {
  const base: TestCase = {
    minReplicas: 1,
    maxReplicas: 10,
    specReplicas: 3,
    reportedLevels: cpu(300, 500, 700),
    reportedCPURequests: ones(3),
  };

  it('names the container and pod whose request is missing', () => {
    const plan = planAutoscaler({
      hpa: hpaFor({ ...base, CPUTarget: 50 }),
      currentReplicas: 1,
      pods: [
        {
          name: 'web-1',
          phase: 'Running',
          deleting: false,
          ready: true,
          startTime: ZERO,
          readyTransitionTime: ZERO,
          containers: [{ name: 'app', requests: {} }],
        },
      ],
      metrics: new Map([
        [
          'web-1',
          { timestamp: NOW, windowMs: 60_000, containers: [{ name: 'app', cpuMillis: 100, memoryBytes: 0 }] },
        ],
      ]),
      now: NOW,
      memory: emptyAutoscalerMemory(),
    });
    expect(plan.conditions[1]).toMatchObject({
      status: 'False',
      reason: 'FailedGetResourceMetric',
      message:
        'the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container app of Pod web-1',
    });
  });

  it('reports a Pods metric as an invalid metric source, without throwing', () => {
    const plan = run({
      ...base,
      metricsTarget: [
        {
          type: 'Pods',
          pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } },
        },
      ],
    });
    expect(plan.rescale).toBe(false);
    expect(plan.conditions[1]).toEqual({
      type: 'ScalingActive',
      status: 'False',
      reason: 'InvalidMetricSourceType',
      message:
        'the HPA was unable to compute the replica count: metric source type "Pods" is not supported: Skiff measures only Resource and ContainerResource metrics',
    });
    expect(plan.warnings.map((w) => w.reason)).toEqual([
      'InvalidMetricSourceType',
      'FailedComputeMetricsReplicas',
    ]);
  });

  it('takes the highest proposal of several metrics', () => {
    const plan = run({
      ...base,
      CPUTarget: 50, // utilization 50: keeps 3
      metricsTarget: [
        {
          type: 'Resource',
          resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '256Ki' } },
        },
      ],
    });
    // 1 MiB per pod against 256 KiB: 12 pods, capped by the scale-up limit of 2 x 3
    expect(plan.desiredReplicas).toBe(6);
    expect(plan.rescaleReason).toBe('memory resource above target');
    expect(plan.currentMetrics[1]).toEqual({
      type: 'Resource',
      resource: { name: 'memory', current: { averageValue: '1048576' } },
    });
    expect(conditionsOf(plan)).toEqual(ok(['ScalingLimited', 'True', 'ScaleUpLimit']));
  });

  it('defaults an HPA without metrics to 80% CPU, as autoscaling/v2 does', () => {
    const plan = run({ ...base, reportedLevels: cpu(850, 850, 850) }); // 85% against 80%: within tolerance
    expect(plan.currentMetrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', current: { averageUtilization: 85, averageValue: '850m' } },
      },
    ]);
    expect(plan.rescale).toBe(false);
  });

  it("uses the behavior's tolerance per direction (HPAConfigurableTolerance)", () => {
    const levels = cpu(540, 540, 540); // 108% of the 50% target
    expect(run({ ...base, CPUTarget: 50, reportedLevels: levels }).rescale).toBe(false);
    const tight = run({
      ...base,
      CPUTarget: 50,
      reportedLevels: levels,
      scaleUpRules: { tolerance: '0.05' },
    });
    expect(tight.desiredReplicas).toBe(4);
  });

  it('records scale events only with a behavior, and the recommendation either way', () => {
    const plain = run({ ...base, CPUTarget: 25 });
    expect(plain.memory.scaleUpEvents).toEqual([]);
    expect(plain.memory.recommendations).toEqual([
      { timestamp: NOW, replicas: 3 },
      { timestamp: NOW, replicas: 6 },
    ]);
    const withBehavior = run({ ...base, CPUTarget: 25, scaleDownRules: { stabilizationWindowSeconds: 60 } });
    expect(withBehavior.memory.scaleUpEvents).toEqual([
      { replicaChange: 3, timestamp: NOW, outdated: false },
    ]);
  });
});
