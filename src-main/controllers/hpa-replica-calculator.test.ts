import { describe, expect, it } from 'vitest';
import {
  calculatePodRequests,
  getRawResourceReplicas,
  getResourceReplicas,
  groupPods,
  type PodInfo,
  type PodMetricSample,
  type PodMetricsInfo,
} from './hpa-replica-calculator';

// Cases ported from Kubernetes' pkg/controller/podautoscaler/replica_calculator_test.go, named after the Go
// tests. Its harness: every pod has two containers ("container1", "container2") each requesting the pod's
// request, a Ready condition that changed at the zero time, and the zero start time unless given; metrics are
// per container, taken at the zero time over a one-minute window. Tolerance 0.1, CPU initialization period
// 2 minutes, initial readiness delay 10 seconds (its defaultTesting* constants).

const NOW = Date.parse('2026-11-23T12:00:00Z');
const ZERO = Date.parse('0001-01-01T00:00:00Z'); // Go's zero time.Time
const hot = NOW; // hotCPUCreationTime
const cool = NOW - 3 * 60_000; // coolCPUCreationTime
const TESTING = {
  tolerances: { scaleDown: 0.1, scaleUp: 0.1 },
  cpuInitializationPeriodMs: 2 * 60_000,
  delayOfInitialReadinessStatusMs: 10_000,
  now: NOW,
};

interface Case {
  name: string;
  currentReplicas: number;
  expectedReplicas?: number;
  expectedError?: string;
  requests: number[]; // millicores, per container
  levels: number[][]; // per pod, per container
  podNames?: string[];
  targetUtilization: number;
  expectedUtilization?: number;
  expectedValue?: number;
  container?: string;
  podReadiness?: boolean[];
  podStartTime?: number[];
  podPhase?: string[];
  podDeletionTimestamp?: boolean[];
}

const makePodMetricLevels = (...levels: number[]) => levels.map((l) => [l, l]);

function pods(
  tc: Pick<
    Case,
    'currentReplicas' | 'requests' | 'podReadiness' | 'podStartTime' | 'podPhase' | 'podDeletionTimestamp'
  >,
): PodInfo[] {
  const count = Math.max(tc.currentReplicas, tc.podPhase?.length ?? 0);
  return Array.from({ length: count }, (_, i) => {
    const request = tc.requests[i];
    const requests = request === undefined ? {} : { cpu: request };
    return {
      name: `test-pod-${i}`,
      phase: tc.podPhase?.[i] ?? 'Running',
      deleting: tc.podDeletionTimestamp?.[i] ?? false,
      ready: tc.podReadiness?.[i] ?? true,
      startTime: tc.podStartTime?.[i] ?? ZERO,
      readyTransitionTime: ZERO,
      containers: [
        { name: 'container1', requests },
        { name: 'container2', requests },
      ],
    };
  });
}

function samples(levels: number[][], podNames: string[] = [], unit: 'cpu' | 'memory' = 'cpu') {
  const result = new Map<string, PodMetricSample>();
  levels.forEach((values, i) => {
    result.set(podNames[i] ?? `test-pod-${i}`, {
      timestamp: ZERO,
      windowMs: 60_000,
      containers: values.map((v, j) => ({
        name: `container${j + 1}`,
        cpuMillis: unit === 'cpu' ? v : 0,
        memoryBytes: unit === 'memory' ? v / 1000 : 0,
      })),
    });
  });
  return result;
}

const cases: Case[] = [
  {
    name: 'TestReplicaCalcDisjointResourcesMetrics',
    currentReplicas: 1,
    expectedError: 'no metrics returned matched known pods',
    requests: [1000],
    levels: makePodMetricLevels(100),
    podNames: ['an-older-pod-name'],
    targetUtilization: 100,
  },
  {
    name: 'TestReplicaCalcScaleUp',
    currentReplicas: 3,
    expectedReplicas: 5,
    requests: [1000, 1000, 1000],
    levels: makePodMetricLevels(300, 500, 700),
    targetUtilization: 30,
    expectedUtilization: 50,
    expectedValue: 2 * 500,
  },
  {
    name: 'TestReplicaCalcContainerScaleUp',
    currentReplicas: 3,
    expectedReplicas: 5,
    requests: [1000, 1000, 1000],
    levels: [
      [1000, 300],
      [1000, 500],
      [1000, 700],
    ],
    targetUtilization: 30,
    expectedUtilization: 50,
    expectedValue: 500,
    container: 'container2',
  },
  {
    name: 'TestReplicaCalcScaleUpUnreadyLessScale',
    currentReplicas: 3,
    expectedReplicas: 4,
    podReadiness: [false, true, true],
    requests: [1000, 1000, 1000],
    levels: makePodMetricLevels(300, 500, 700),
    targetUtilization: 30,
    expectedUtilization: 60,
    expectedValue: 2 * 600,
  },
  {
    name: 'TestReplicaCalcScaleUpContainerHotCpuLessScale',
    currentReplicas: 3,
    expectedReplicas: 4,
    podStartTime: [hot, cool, cool],
    requests: [1000, 1000, 1000],
    levels: [
      [0, 300],
      [0, 500],
      [0, 700],
    ],
    targetUtilization: 30,
    expectedUtilization: 60,
    expectedValue: 600,
    container: 'container2',
  },
  {
    name: 'TestReplicaCalcScaleUpHotCpuLessScale',
    currentReplicas: 3,
    expectedReplicas: 4,
    podStartTime: [hot, cool, cool],
    requests: [1000, 1000, 1000],
    levels: makePodMetricLevels(300, 500, 700),
    targetUtilization: 30,
    expectedUtilization: 60,
    expectedValue: 2 * 600,
  },
  {
    name: 'TestReplicaCalcScaleUpUnreadyNoScale',
    currentReplicas: 3,
    expectedReplicas: 3,
    podReadiness: [true, false, false],
    requests: [1000, 1000, 1000],
    levels: makePodMetricLevels(400, 500, 700),
    targetUtilization: 30,
    expectedUtilization: 40,
    expectedValue: 2 * 400,
  },
  {
    name: 'TestReplicaCalcScaleHotCpuNoScale',
    currentReplicas: 3,
    expectedReplicas: 3,
    podReadiness: [true, false, false],
    podStartTime: [cool, hot, hot],
    requests: [1000, 1000, 1000],
    levels: makePodMetricLevels(400, 500, 700),
    targetUtilization: 30,
    expectedUtilization: 40,
    expectedValue: 2 * 400,
  },
  {
    name: 'TestReplicaCalcScaleUpIgnoresFailedPods',
    currentReplicas: 2,
    expectedReplicas: 4,
    podReadiness: [true, true, false, false],
    podPhase: ['Running', 'Running', 'Failed', 'Failed'],
    requests: [1000, 1000, 1000, 1000],
    levels: makePodMetricLevels(500, 700),
    targetUtilization: 30,
    expectedUtilization: 60,
    expectedValue: 2 * 600,
  },
  {
    name: 'TestReplicaCalcMissingContainerMetricScaleUpIgnoresFailedPods',
    currentReplicas: 2,
    expectedReplicas: 4,
    podReadiness: [true, true, false, false],
    podPhase: ['Running', 'Running', 'Failed', 'Failed'],
    requests: [1000, 1000, 1000, 1000],
    levels: [[1000, 500], [9000, 700], [1000], [9000]],
    targetUtilization: 30,
    expectedUtilization: 60,
    expectedValue: 600,
    container: 'container2',
  },
  {
    name: 'TestReplicaCalcScaleUpIgnoresDeletionPods',
    currentReplicas: 2,
    expectedReplicas: 4,
    podReadiness: [true, true, false, false],
    podPhase: ['Running', 'Running', 'Running', 'Running'],
    podDeletionTimestamp: [false, false, true, true],
    requests: [1000, 1000, 1000, 1000],
    levels: makePodMetricLevels(500, 700),
    targetUtilization: 30,
    expectedUtilization: 60,
    expectedValue: 2 * 600,
  },
  {
    name: 'TestReplicaCalcScaleDown',
    currentReplicas: 5,
    expectedReplicas: 3,
    requests: [1000, 1000, 1000, 1000, 1000],
    levels: makePodMetricLevels(100, 300, 500, 250, 250),
    targetUtilization: 50,
    expectedUtilization: 28,
    expectedValue: 2 * 280,
  },
  {
    name: 'TestReplicaCalcContainerScaleDown',
    currentReplicas: 5,
    expectedReplicas: 3,
    requests: [1000, 1000, 1000, 1000, 1000],
    levels: [
      [1000, 100],
      [1000, 300],
      [1000, 500],
      [1000, 250],
      [1000, 250],
    ],
    targetUtilization: 50,
    expectedUtilization: 28,
    expectedValue: 280,
    container: 'container2',
  },
  {
    name: 'TestReplicaCalcScaleDownExcludeUnreadyPods',
    currentReplicas: 5,
    expectedReplicas: 2,
    podReadiness: [true, true, true, false, false],
    requests: [1000, 1000, 1000, 1000, 1000],
    levels: makePodMetricLevels(100, 300, 500, 250, 250),
    targetUtilization: 50,
    expectedUtilization: 30,
    expectedValue: 2 * 300,
  },
  {
    name: 'TestReplicaCalcScaleDownExcludeUnscheduledPods',
    currentReplicas: 5,
    expectedReplicas: 1,
    podReadiness: [true, false, false, false, false],
    podPhase: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'],
    requests: [1000, 1000, 1000, 1000, 1000],
    levels: makePodMetricLevels(100),
    targetUtilization: 50,
    expectedUtilization: 10,
    expectedValue: 2 * 100,
  },
  {
    name: 'TestReplicaCalcScaleDownIgnoreHotCpuPods',
    currentReplicas: 5,
    expectedReplicas: 2,
    podStartTime: [cool, cool, cool, hot, hot],
    requests: [1000, 1000, 1000, 1000, 1000],
    levels: makePodMetricLevels(100, 300, 500, 250, 250),
    targetUtilization: 50,
    expectedUtilization: 30,
    expectedValue: 2 * 300,
  },
  {
    name: 'TestReplicaCalcScaleDownIgnoresFailedPods',
    currentReplicas: 5,
    expectedReplicas: 3,
    podReadiness: [true, true, true, true, true, false, false],
    podPhase: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'],
    requests: [1000, 1000, 1000, 1000, 1000, 1000, 1000],
    levels: makePodMetricLevels(100, 300, 500, 250, 250),
    targetUtilization: 50,
    expectedUtilization: 28,
    expectedValue: 2 * 280,
  },
  {
    name: 'TestReplicaCalcScaleDownIgnoresDeletionPods_StillRunning',
    currentReplicas: 5,
    expectedReplicas: 3,
    podReadiness: [true, true, true, true, true, false, false],
    podPhase: ['Running', 'Running', 'Running', 'Running', 'Running', 'Running', 'Running'],
    podDeletionTimestamp: [false, false, false, false, false, true, true],
    requests: [1000, 1000, 1000, 1000, 1000, 1000, 1000],
    levels: [
      [1000, 100],
      [1000, 300],
      [1000, 500],
      [1000, 250],
      [1000, 250],
    ],
    targetUtilization: 50,
    expectedUtilization: 28,
    expectedValue: 280,
    container: 'container2',
  },
  {
    name: 'TestReplicaCalcTolerance',
    currentReplicas: 3,
    expectedReplicas: 3,
    requests: [900, 1000, 1100],
    levels: makePodMetricLevels(1010, 1030, 1020),
    targetUtilization: 100,
    expectedUtilization: 102,
    expectedValue: 2 * 1020,
  },
  {
    name: 'TestReplicaCalcSuperfluousMetrics',
    currentReplicas: 4,
    expectedReplicas: 24,
    requests: [1000, 1000, 1000, 1000],
    levels: makePodMetricLevels(4000, 9500, 3000, 7000, 3200, 2000),
    targetUtilization: 100,
    expectedUtilization: 587,
    expectedValue: 2 * 5875,
  },
  {
    name: 'TestReplicaCalcMissingMetrics',
    currentReplicas: 4,
    expectedReplicas: 3,
    requests: [1000, 1000, 1000, 1000],
    levels: makePodMetricLevels(400, 95),
    targetUtilization: 100,
    expectedUtilization: 24,
    expectedValue: 495,
  },
  {
    name: 'TestReplicaCalcEmptyMetrics',
    currentReplicas: 4,
    expectedError: 'unable to get metrics for resource cpu: no metrics returned from resource metrics API',
    requests: [1000, 1000, 1000],
    levels: makePodMetricLevels(),
    targetUtilization: 100,
  },
  {
    name: 'TestReplicaCalcEmptyCPURequest',
    currentReplicas: 1,
    expectedError: 'missing request for cpu in container container1 of Pod test-pod-0',
    requests: [],
    levels: makePodMetricLevels(200),
    targetUtilization: 100,
  },
  {
    name: 'TestReplicaCalcMissingMetricsNoChangeEq',
    currentReplicas: 2,
    expectedReplicas: 2,
    requests: [1000, 1000],
    levels: makePodMetricLevels(1000),
    targetUtilization: 100,
    expectedUtilization: 100,
    expectedValue: 2 * 1000,
  },
  {
    name: 'TestReplicaCalcMissingMetricsNoChangeGt',
    currentReplicas: 2,
    expectedReplicas: 2,
    requests: [1000, 1000],
    levels: makePodMetricLevels(1900),
    targetUtilization: 100,
    expectedUtilization: 190,
    expectedValue: 2 * 1900,
  },
  {
    name: 'TestReplicaCalcMissingMetricsNoChangeLt',
    currentReplicas: 2,
    expectedReplicas: 2,
    requests: [1000, 1000],
    levels: makePodMetricLevels(600),
    targetUtilization: 100,
    expectedUtilization: 60,
    expectedValue: 2 * 600,
  },
  {
    name: 'TestReplicaCalcMissingMetricsUnreadyChange',
    currentReplicas: 3,
    expectedReplicas: 3,
    podReadiness: [false, true, true],
    requests: [1000, 1000, 1000],
    levels: makePodMetricLevels(100, 450),
    targetUtilization: 50,
    expectedUtilization: 45,
    expectedValue: 2 * 450,
  },
  {
    name: 'TestReplicaCalcMissingMetricsHotCpuNoChange',
    currentReplicas: 3,
    expectedReplicas: 3,
    podStartTime: [hot, cool, cool],
    requests: [1000, 1000, 1000],
    levels: makePodMetricLevels(100, 450),
    targetUtilization: 50,
    expectedUtilization: 45,
    expectedValue: 2 * 450,
  },
  {
    name: 'TestReplicaCalcMissingMetricsUnreadyScaleUp',
    currentReplicas: 3,
    expectedReplicas: 4,
    podReadiness: [false, true, true],
    requests: [1000, 1000, 1000],
    levels: makePodMetricLevels(100, 2000),
    targetUtilization: 50,
    expectedUtilization: 200,
    expectedValue: 2 * 2000,
  },
  {
    name: 'TestReplicaCalcMissingMetricsHotCpuScaleUp',
    currentReplicas: 3,
    expectedReplicas: 4,
    podReadiness: [false, true, true],
    podStartTime: [hot, cool, cool],
    requests: [1000, 1000, 1000],
    levels: makePodMetricLevels(100, 2000),
    targetUtilization: 50,
    expectedUtilization: 200,
    expectedValue: 2 * 2000,
  },
  {
    name: 'TestReplicaCalcMissingMetricsUnreadyScaleDown',
    currentReplicas: 4,
    expectedReplicas: 3,
    podReadiness: [false, true, true, true],
    requests: [1000, 1000, 1000, 1000],
    levels: makePodMetricLevels(100, 100, 100),
    targetUtilization: 50,
    expectedUtilization: 10,
    expectedValue: 2 * 100,
  },
  {
    name: 'TestReplicaCalcMissingMetricsScaleDownTargetOver100',
    currentReplicas: 4,
    expectedReplicas: 2,
    podReadiness: [false, true, true, true],
    requests: [1000, 1000, 2000, 2000],
    levels: makePodMetricLevels(200, 100, 100),
    targetUtilization: 300,
    expectedUtilization: 6,
    expectedValue: 2 * 100,
  },
  {
    name: 'TestReplicaCalcDuringRollingUpdateWithMaxSurge',
    currentReplicas: 2,
    expectedReplicas: 2,
    podPhase: ['Running', 'Running', 'Running'],
    requests: [1000, 1000, 1000],
    levels: makePodMetricLevels(100, 100),
    targetUtilization: 50,
    expectedUtilization: 10,
    expectedValue: 2 * 100,
  },
];

function run(tc: Case) {
  return getResourceReplicas({
    ...TESTING,
    currentReplicas: tc.currentReplicas,
    resource: 'cpu',
    container: tc.container ?? '',
    pods: pods(tc),
    samples: samples(tc.levels, tc.podNames),
    targetUtilization: tc.targetUtilization,
  });
}

describe('getResourceReplicas (GetResourceReplicas)', () => {
  it.each(cases)('$name', (tc) => {
    const result = run(tc);
    if (tc.expectedError !== undefined) {
      expect(result).toEqual({ ok: false, error: expect.stringContaining(tc.expectedError) });
      return;
    }
    expect(result).toEqual({
      ok: true,
      replicas: tc.expectedReplicas,
      utilization: tc.expectedUtilization,
      rawUtilization: tc.expectedValue,
    });
  });

  it('TestReplicaCalcComputedToleranceAlgImplementation', () => {
    const startPods = 10;
    const totalUsedCPUOfAllPods = startPods * 150;
    const totalRequestedCPUOfAllPods = 2 * totalUsedCPUOfAllPods;
    const requestedToUsed = Math.trunc(totalRequestedCPUOfAllPods / totalUsedCPUOfAllPods);
    const perPodRequested = totalRequestedCPUOfAllPods / startPods;
    let target = Math.abs(1 / (requestedToUsed * (1 - 0.1))) + 0.01;
    const resourcesUsedRatio = totalUsedCPUOfAllPods / (totalRequestedCPUOfAllPods * target);
    const finalPods = Math.ceil(resourcesUsedRatio * startPods);
    const tc: Case = {
      name: '',
      currentReplicas: startPods,
      expectedReplicas: finalPods,
      levels: makePodMetricLevels(...Array<number>(10).fill(totalUsedCPUOfAllPods / 10)),
      requests: [100, -100, 10, -10, 2, -2, 1, -1, 0, 0].map((d) => perPodRequested + d),
      targetUtilization: Math.trunc(target * 100),
    };
    expect(run(tc)).toMatchObject({
      ok: true,
      replicas: finalPods,
      utilization: Math.trunc((totalUsedCPUOfAllPods * 100) / totalRequestedCPUOfAllPods),
      rawUtilization: (2 * totalUsedCPUOfAllPods) / 10,
    });
    // Within a very close margin of the tolerance, nothing scales.
    target = Math.abs(1 / (requestedToUsed * (1 - 0.1))) + 0.004;
    expect(run({ ...tc, targetUtilization: Math.trunc(target * 100) })).toMatchObject({
      replicas: startPods,
    });
  });
});

// GetRawResourceReplicas shares calcPlainMetricReplicas with GetMetricReplicas, whose Go tests (the "CM" pods
// metric cases) are ported here on memory, which like a pods metric skips the CPU readiness rules.
describe('getRawResourceReplicas (calcPlainMetricReplicas)', () => {
  const raw: {
    name: string;
    currentReplicas: number;
    expectedReplicas: number;
    levels: number[];
    targetUsage: number;
    expectedUsage: number;
    podReadiness?: boolean[];
    podStartTime?: number[];
    podPhase?: string[];
  }[] = [
    {
      name: 'TestReplicaCalcScaleUpCM',
      currentReplicas: 3,
      expectedReplicas: 4,
      levels: [20000, 10000, 30000],
      targetUsage: 15000,
      expectedUsage: 20000,
    },
    {
      name: 'TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale',
      currentReplicas: 3,
      expectedReplicas: 6,
      podReadiness: [true, true, false],
      podStartTime: [cool, cool, hot],
      levels: [50000, 10000, 30000],
      targetUsage: 15000,
      expectedUsage: 30000,
    },
    {
      name: 'TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown',
      currentReplicas: 3,
      expectedReplicas: 7,
      podReadiness: [false, true, false],
      podStartTime: [hot, cool, hot],
      levels: [50000, 15000, 30000],
      targetUsage: 15000,
      expectedUsage: 31666,
    },
    {
      name: 'TestReplicaCalcScaleUpCMExternalNoLabels',
      currentReplicas: 1,
      expectedReplicas: 2,
      levels: [8600],
      targetUsage: 4400,
      expectedUsage: 8600,
    },
    {
      name: 'TestReplicaCalcScaleDownCM',
      currentReplicas: 5,
      expectedReplicas: 3,
      levels: [12000, 12000, 12000, 12000, 12000],
      targetUsage: 20000,
      expectedUsage: 12000,
    },
    {
      name: 'TestReplicaCalcToleranceCM',
      currentReplicas: 3,
      expectedReplicas: 3,
      levels: [20000, 21000, 21000],
      targetUsage: 20000,
      expectedUsage: 20666,
    },
    {
      name: 'TestPlainMetricReplicaCalcMissingMetricsNoChangeEq',
      currentReplicas: 5,
      expectedReplicas: 5,
      levels: [20000, 19000, 21000],
      targetUsage: 20000,
      expectedUsage: 20000,
    },
    {
      name: 'TestReplicaCalcDuringRollingUpdateWithMaxSurgeCM',
      currentReplicas: 2,
      expectedReplicas: 2,
      podPhase: ['Running', 'Running', 'Running'],
      levels: [10000, 10000],
      targetUsage: 17000,
      expectedUsage: 10000,
    },
  ];
  it.each(raw)('$name', (tc) => {
    const result = getRawResourceReplicas({
      ...TESTING,
      currentReplicas: tc.currentReplicas,
      resource: 'memory',
      pods: pods({ ...tc, requests: [] }),
      // one container carries the pod's whole value
      samples: samples(
        tc.levels.map((l) => [l]),
        [],
        'memory',
      ),
      targetAverageValue: tc.targetUsage,
    });
    expect(result).toEqual({ ok: true, replicas: tc.expectedReplicas, usage: tc.expectedUsage });
  });
});

describe('groupPods (TestGroupPods)', () => {
  const pod = (name: string, o: Partial<PodInfo>): PodInfo => ({
    name,
    phase: 'Succeeded',
    deleting: false,
    ready: false,
    containers: [],
    ...o,
  });
  const metric = (o: { timestamp?: number; windowMs?: number } = {}) => ({
    value: 1,
    timestamp: o.timestamp ?? ZERO,
    windowMs: o.windowMs ?? 0,
  });
  const min = 60_000;
  const table: {
    name: string;
    pods: PodInfo[];
    metrics: PodMetricsInfo;
    resource: string;
    ready: number;
    unready?: string[];
    missing?: string[];
    ignored?: string[];
  }[] = [
    { name: 'void', pods: [], metrics: new Map(), resource: 'cpu', ready: 0 },
    {
      name: 'count in a ready pod - memory',
      pods: [pod('bentham', {})],
      metrics: new Map([['bentham', metric({ timestamp: NOW, windowMs: min })]]),
      resource: 'memory',
      ready: 1,
    },
    {
      name: 'unready a pod without ready condition - CPU',
      pods: [pod('lucretius', { startTime: NOW })],
      metrics: new Map([['lucretius', metric()]]),
      resource: 'cpu',
      ready: 0,
      unready: ['lucretius'],
    },
    {
      name: 'count in a ready pod with fresh metrics during initialization period - CPU',
      pods: [pod('bentham', { startTime: NOW - min, ready: true, readyTransitionTime: NOW - 30_000 })],
      metrics: new Map([['bentham', metric({ timestamp: NOW, windowMs: 30_000 })]]),
      resource: 'cpu',
      ready: 1,
    },
    {
      name: 'unready a ready pod without fresh metrics during initialization period - CPU',
      pods: [pod('bentham', { startTime: NOW - min, ready: true, readyTransitionTime: NOW - 30_000 })],
      metrics: new Map([['bentham', metric({ timestamp: NOW, windowMs: 60_000 })]]),
      resource: 'cpu',
      ready: 0,
      unready: ['bentham'],
    },
    {
      name: 'unready an unready pod during initialization period - CPU',
      pods: [
        pod('lucretius', {
          startTime: NOW - 10 * min,
          ready: false,
          readyTransitionTime: NOW - 9 * min - 54_000,
        }),
      ],
      metrics: new Map([['lucretius', metric()]]),
      resource: 'cpu',
      ready: 0,
      unready: ['lucretius'],
    },
    {
      name: 'count in a ready pod without fresh metrics after initialization period - CPU',
      pods: [pod('bentham', { startTime: NOW - 3 * min, ready: true, readyTransitionTime: NOW - 3 * min })],
      metrics: new Map([['bentham', metric({ timestamp: NOW - 2 * min, windowMs: min })]]),
      resource: 'cpu',
      ready: 1,
    },
    {
      name: 'count in an unready pod that was ready after initialization period - CPU',
      pods: [
        pod('lucretius', { startTime: NOW - 10 * min, ready: false, readyTransitionTime: NOW - 9 * min }),
      ],
      metrics: new Map([['lucretius', metric()]]),
      resource: 'cpu',
      ready: 1,
    },
    {
      name: 'unready pod that has never been ready after initialization period - CPU',
      pods: [
        pod('lucretius', {
          startTime: NOW - 10 * min,
          ready: false,
          readyTransitionTime: NOW - 9 * min - 50_000,
        }),
      ],
      metrics: new Map([['lucretius', metric()]]),
      resource: 'cpu',
      ready: 1,
    },
    {
      name: 'a missing pod',
      pods: [pod('epicurus', { startTime: NOW - 3 * min })],
      metrics: new Map(),
      resource: 'cpu',
      ready: 0,
      missing: ['epicurus'],
    },
    {
      name: 'several pods',
      pods: [
        pod('lucretius', { startTime: NOW }),
        pod('niccolo', { startTime: NOW - 3 * min, ready: true, readyTransitionTime: NOW - 3 * min }),
        pod('epicurus', { startTime: NOW - 3 * min }),
      ],
      metrics: new Map([
        ['lucretius', metric()],
        ['niccolo', metric()],
      ]),
      resource: 'cpu',
      ready: 1,
      unready: ['lucretius'],
      missing: ['epicurus'],
    },
    {
      name: 'pending pods are unreadied',
      pods: [pod('unscheduled', { phase: 'Pending' })],
      metrics: new Map(),
      resource: 'cpu',
      ready: 0,
      unready: ['unscheduled'],
    },
    {
      name: 'ignore pods with deletion timestamps',
      pods: [pod('deleted', { phase: 'Pending', deleting: true })],
      metrics: new Map([['deleted', metric()]]),
      resource: 'cpu',
      ready: 0,
      ignored: ['deleted'],
    },
    {
      name: 'ignore pods in a failed state',
      pods: [pod('failed', { phase: 'Failed' })],
      metrics: new Map([['failed', metric()]]),
      resource: 'cpu',
      ready: 0,
      ignored: ['failed'],
    },
  ];
  it.each(table)('$name', (tc) => {
    expect(groupPods(tc.pods, tc.metrics, tc.resource, 2 * min, 10_000, NOW)).toEqual({
      readyPodCount: tc.ready,
      unreadyPods: new Set(tc.unready),
      missingPods: new Set(tc.missing),
      ignoredPods: new Set(tc.ignored),
    });
  });
});

describe('calculatePodRequests (TestCalculatePodRequests)', () => {
  const pod = (containers: PodInfo['containers']): PodInfo => ({
    name: 'test-pod',
    phase: 'Running',
    deleting: false,
    ready: true,
    containers,
  });
  const two = pod([
    { name: 'container1', requests: { cpu: 100 } },
    { name: 'container2', requests: { cpu: 50 } },
  ]);
  it.each([
    { name: 'void', pods: [], container: '', expected: { ok: true, requests: new Map() } },
    {
      name: 'pod with regular containers',
      pods: [two],
      container: '',
      expected: { ok: true, requests: new Map([['test-pod', 150]]) },
    },
    {
      name: 'calculate requests with special container',
      pods: [two],
      container: 'container1',
      expected: { ok: true, requests: new Map([['test-pod', 100]]) },
    },
    {
      name: 'container missing requests',
      pods: [pod([{ name: 'container1', requests: {} }])],
      container: '',
      expected: { ok: false, error: 'missing request for cpu in container container1 of Pod test-pod' },
    },
    {
      // PodInfo lists restartable init containers with the regular ones; plain init containers stay out.
      name: 'pod with restartable init containers',
      pods: [
        pod([
          { name: 'container1', requests: { cpu: 100 } },
          { name: 'restartable-container1', requests: { cpu: 50 } },
        ]),
      ],
      container: '',
      expected: { ok: true, requests: new Map([['test-pod', 150]]) },
    },
  ])('$name', ({ pods: list, container, expected }) => {
    expect(calculatePodRequests(list, container, 'cpu')).toEqual(expected);
  });

  it('names the missing container (calculatePodRequestsFromContainers)', () => {
    expect(calculatePodRequests([two], 'sidecar', 'cpu')).toEqual({
      ok: false,
      error: 'container sidecar not found in Pod test-pod',
    });
  });

  it('counts memory in millibytes, as MilliValue', () => {
    const p = pod([{ name: 'app', requests: { memory: 64 * 2 ** 20 } }]);
    expect(calculatePodRequests([p], '', 'memory')).toEqual({
      ok: true,
      requests: new Map([['test-pod', 64 * 2 ** 20 * 1000]]),
    });
  });
});
