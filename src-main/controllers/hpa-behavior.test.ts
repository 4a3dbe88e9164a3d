import { describe, expect, it } from 'vitest';
import type { HPAScalingRules } from '../shared/autoscaling-types';
import {
  type NormalizationArg,
  type ScaleEvent,
  type ScalingRules,
  type TimestampedRecommendation,
  calculateScaleDownLimitWithBehaviors,
  calculateScaleUpLimit,
  calculateScaleUpLimitWithScalingRules,
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  generateScaleDownRules,
  generateScaleUpRules,
  getReplicasChangePerPeriod,
  normalizeDesiredReplicas,
  normalizeDesiredReplicasWithBehaviors,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
  storeScaleEvent,
} from './hpa-behavior';

// Cases ported from Kubernetes' pkg/controller/podautoscaler/horizontal_test.go, named after the Go tests.

const NOW = Date.parse('2026-11-23T12:00:00Z');
const sec = 1000;
const min = 60 * sec;

/** generateScalingRules from horizontal_test.go: selectPolicy Max, a policy only where its value is set. */
function generateScalingRules(
  pods: number,
  podsPeriod: number,
  percent: number,
  percentPeriod: number,
  stabilizationWindow: number,
): HPAScalingRules {
  const policies: NonNullable<HPAScalingRules['policies']> = [];
  if (pods !== 0) policies.push({ type: 'Pods', value: pods, periodSeconds: podsPeriod });
  if (percent !== 0) policies.push({ type: 'Percent', value: percent, periodSeconds: percentPeriod });
  return {
    stabilizationWindowSeconds: stabilizationWindow,
    selectPolicy: 'Max',
    ...(policies.length ? { policies } : {}),
  };
}

/** generateEventsUniformDistribution: events spread evenly over the last periodSeconds, centred in their slots. */
function generateEventsUniformDistribution(rawEvents: number[], periodSeconds: number): ScaleEvent[] {
  const segment = periodSeconds / rawEvents.length;
  return rawEvents.map((change, idx) => ({
    replicaChange: change,
    timestamp: NOW - Math.trunc(periodSeconds - segment * (idx + 1) + segment / 2) * sec,
    outdated: false,
  }));
}

describe('autoscaling/v2 behavior defaults (GenerateHPAScaleUpRules, GenerateHPAScaleDownRules)', () => {
  it('fills an absent direction with the defaults', () => {
    expect(generateScaleUpRules(undefined)).toEqual({
      stabilizationWindowSeconds: 0,
      selectPolicy: 'Max',
      policies: [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ],
    });
    expect(generateScaleDownRules(undefined)).toEqual({
      stabilizationWindowSeconds: 300,
      selectPolicy: 'Max',
      policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
    });
  });

  it('keeps what the user set, field by field', () => {
    expect(generateScaleDownRules({ selectPolicy: 'Disabled', tolerance: '50m' }, 120)).toEqual({
      stabilizationWindowSeconds: 120,
      selectPolicy: 'Disabled',
      policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
      tolerance: '50m',
    });
    expect(generateScaleUpRules({ stabilizationWindowSeconds: 60 }).stabilizationWindowSeconds).toBe(60);
  });
});

describe('TestConvertDesiredReplicasWithRules', () => {
  it.each([
    {
      current: 5,
      desired: 7,
      min: 3,
      max: 8,
      expected: 7,
      condition: 'DesiredWithinRange',
      annotation: 'prenormalized desired replicas within range',
    },
    {
      current: 3,
      desired: 1,
      min: 2,
      max: 8,
      expected: 2,
      condition: 'TooFewReplicas',
      annotation: 'prenormalized desired replicas < minReplicas',
    },
    {
      current: 1,
      desired: 0,
      min: 0,
      max: 10,
      expected: 0,
      condition: 'DesiredWithinRange',
      annotation: 'prenormalized desired zeroed replicas within range',
    },
    {
      current: 20,
      desired: 1000,
      min: 1,
      max: 10,
      expected: 10,
      condition: 'TooManyReplicas',
      annotation: 'maxReplicas is the limit because maxReplicas < scaleUpLimit',
    },
    {
      current: 3,
      desired: 1000,
      min: 1,
      max: 2000,
      expected: calculateScaleUpLimit(3),
      condition: 'ScaleUpLimit',
      annotation: 'scaleUpLimit is the limit because scaleUpLimit < maxReplicas',
    },
  ])('$annotation', (c) => {
    const converted = convertDesiredReplicasWithRules(c.current, c.desired, c.min, c.max);
    expect([converted.replicas, converted.reason]).toEqual([c.expected, c.condition]);
  });
});

describe('rate limits of one policy set', () => {
  const minChange = (policies: ScalingRules['policies']): ScalingRules => ({
    stabilizationWindowSeconds: 300,
    selectPolicy: 'Min',
    policies,
  });
  const policies: ScalingRules['policies'] = [
    { type: 'Pods', value: 2, periodSeconds: 60 },
    { type: 'Percent', value: 50, periodSeconds: 60 },
  ];
  it('TestCalculateScaleUpLimitWithScalingRules', () => {
    expect(calculateScaleUpLimitWithScalingRules(1, [], [], minChange(policies), NOW)).toBe(2);
  });
  it('TestCalculateScaleDownLimitWithBehaviors', () => {
    expect(calculateScaleDownLimitWithBehaviors(5, [], [], minChange(policies), NOW)).toBe(3);
  });
});

describe('stabilizeRecommendation (TestNormalizeDesiredReplicas)', () => {
  const rec = (replicas: number, ago: number): TimestampedRecommendation => ({
    replicas,
    timestamp: NOW - ago,
  });
  it.each([
    { name: 'empty log', recommendations: [], prenormalized: 5, expected: 5, logLength: 1 },
    {
      name: 'stabilize',
      recommendations: [rec(4, 2 * min), rec(5, min)],
      prenormalized: 3,
      expected: 5,
      logLength: 3,
    },
    {
      name: 'no stabilize',
      recommendations: [rec(1, 2 * min), rec(2, min)],
      prenormalized: 3,
      expected: 3,
      logLength: 3,
    },
    {
      name: 'no stabilize - old recommendations',
      recommendations: [rec(10, 10 * min), rec(9, 9 * min)],
      prenormalized: 3,
      expected: 3,
      logLength: 2,
    },
    {
      name: 'stabilize - old recommendations',
      recommendations: [rec(10, 10 * min), rec(4, min), rec(5, 2 * min), rec(9, 9 * min)],
      prenormalized: 3,
      expected: 5,
      logLength: 4,
    },
  ])('$name', (c) => {
    const result = stabilizeRecommendation(c.recommendations, c.prenormalized, 300, NOW);
    expect(result.replicas).toBe(c.expected);
    expect(result.recommendations).toHaveLength(c.logLength);
  });
});

describe('convertDesiredReplicasWithBehaviorRate (TestScalingWithRules)', () => {
  interface Case {
    name: string;
    scaleUpEvents?: ScaleEvent[];
    scaleDownEvents?: ScaleEvent[];
    specMinReplicas: number;
    specMaxReplicas: number;
    scaleUpRules?: HPAScalingRules;
    scaleDownRules?: HPAScalingRules;
    currentReplicas: number;
    prenormalizedDesiredReplicas: number;
    expectedReplicas: number;
    expectedCondition: string;
  }
  const events = generateEventsUniformDistribution;
  const tests: Case[] = [
    {
      name: 'prenormalized desired replicas within range',
      currentReplicas: 5,
      prenormalizedDesiredReplicas: 7,
      specMinReplicas: 3,
      specMaxReplicas: 8,
      expectedReplicas: 7,
      expectedCondition: 'DesiredWithinRange',
    },
    {
      name: 'prenormalized desired replicas < minReplicas',
      currentReplicas: 3,
      prenormalizedDesiredReplicas: 1,
      specMinReplicas: 2,
      specMaxReplicas: 8,
      expectedReplicas: 2,
      expectedCondition: 'TooFewReplicas',
    },
    {
      name: 'prenormalized desired replicas within range when minReplicas is 0',
      currentReplicas: 1,
      prenormalizedDesiredReplicas: 0,
      specMinReplicas: 0,
      specMaxReplicas: 10,
      expectedReplicas: 0,
      expectedCondition: 'DesiredWithinRange',
    },
    {
      name: 'maxReplicas is the limit because maxReplicas < scaleUpLimit',
      currentReplicas: 20,
      prenormalizedDesiredReplicas: 1000,
      specMinReplicas: 1,
      specMaxReplicas: 10,
      expectedReplicas: 10,
      expectedCondition: 'TooManyReplicas',
    },
    {
      name: 'desired replica count is more than the maximum replica count',
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 1000,
      specMinReplicas: 100,
      specMaxReplicas: 150,
      expectedReplicas: 150,
      expectedCondition: 'TooManyReplicas',
    },
    {
      name: 'scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies',
      currentReplicas: 3,
      prenormalizedDesiredReplicas: 1000,
      specMinReplicas: 1,
      specMaxReplicas: 2000,
      scaleUpRules: generateScalingRules(0, 0, 1, 60, 0),
      expectedReplicas: 4,
      expectedCondition: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with default behavior',
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 50,
      expectedReplicas: 20,
      expectedCondition: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with pods policy larger than percent policy',
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleUpRules: generateScalingRules(100, 60, 100, 60, 0),
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 500,
      expectedReplicas: 110,
      expectedCondition: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with percent policy larger than pods policy',
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleUpRules: generateScalingRules(2, 60, 100, 60, 0),
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 500,
      expectedReplicas: 20,
      expectedCondition: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with spec MaxReplicas limitation with large pod policy',
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleUpRules: generateScalingRules(100, 60, 0, 0, 0),
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 50,
      expectedReplicas: 50,
      expectedCondition: 'DesiredWithinRange',
    },
    {
      name: 'scaleUp with spec MaxReplicas limitation with large percent policy',
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleUpRules: generateScalingRules(10000, 60, 0, 0, 0),
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 50,
      expectedReplicas: 50,
      expectedCondition: 'DesiredWithinRange',
    },
    {
      name: 'scaleUp with pod policy limitation',
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleUpRules: generateScalingRules(30, 60, 0, 0, 0),
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 50,
      expectedReplicas: 40,
      expectedCondition: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with percent policy limitation',
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleUpRules: generateScalingRules(0, 0, 200, 60, 0),
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 50,
      expectedReplicas: 30,
      expectedCondition: 'ScaleUpLimit',
    },
    {
      name: 'scaleDown with percent policy larger than pod policy',
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(20, 60, 1, 60, 300),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 2,
      expectedReplicas: 80,
      expectedCondition: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with pod policy larger than percent policy',
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(2, 60, 1, 60, 300),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 2,
      expectedReplicas: 98,
      expectedCondition: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with spec MinReplicas=nil limitation with large pod policy',
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(100, 60, 0, 0, 300),
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 0,
      expectedReplicas: 1,
      expectedCondition: 'TooFewReplicas',
    },
    {
      name: 'scaleDown with spec MinReplicas limitation with large percent policy',
      specMinReplicas: 5,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(0, 0, 100, 60, 300),
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 2,
      expectedReplicas: 5,
      expectedCondition: 'TooFewReplicas',
    },
    {
      name: 'scaleDown with pod policy limitation',
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(5, 60, 0, 0, 300),
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 2,
      expectedReplicas: 5,
      expectedCondition: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with percent policy limitation',
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(0, 0, 50, 60, 300),
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 5,
      expectedReplicas: 5,
      expectedCondition: 'DesiredWithinRange',
    },
    {
      name: 'scaleUp with spec MaxReplicas limitation with large pod policy and events',
      scaleUpEvents: events([1, 5, 9], 120),
      specMinReplicas: 1,
      specMaxReplicas: 200,
      scaleUpRules: generateScalingRules(300, 60, 0, 0, 0),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 500,
      expectedReplicas: 200,
      expectedCondition: 'TooManyReplicas',
    },
    {
      name: 'scaleUp with spec MaxReplicas limitation with large percent policy and events',
      scaleUpEvents: events([1, 5, 9], 120),
      specMinReplicas: 1,
      specMaxReplicas: 200,
      scaleUpRules: generateScalingRules(0, 0, 10000, 60, 0),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 500,
      expectedReplicas: 200,
      expectedCondition: 'TooManyReplicas',
    },
    {
      name: 'scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events',
      scaleUpEvents: events([1, 5, 9], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleUpRules: generateScalingRules(5, 120, 0, 0, 0),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 500,
      expectedReplicas: 100,
      expectedCondition: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with pod policy and previous scale up events',
      scaleUpEvents: events([1, 5, 9], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleUpRules: generateScalingRules(150, 120, 0, 0, 0),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 500,
      expectedReplicas: 235,
      expectedCondition: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with percent policy and previous scale up events',
      scaleUpEvents: events([1, 5, 9], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleUpRules: generateScalingRules(0, 0, 200, 120, 0),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 500,
      expectedReplicas: 255,
      expectedCondition: 'ScaleUpLimit',
    },
    {
      name: 'scaleUp with percent policy and previous scale up and down events',
      scaleUpEvents: events([4], 120),
      scaleDownEvents: events([2], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleUpRules: generateScalingRules(0, 0, 300, 300, 0),
      currentReplicas: 6,
      prenormalizedDesiredReplicas: 24,
      expectedReplicas: 16,
      expectedCondition: 'ScaleUpLimit',
    },
    {
      name: 'scaleDown with default policy and previous events',
      scaleDownEvents: events([1, 5, 9], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 5,
      expectedReplicas: 5,
      expectedCondition: 'DesiredWithinRange',
    },
    {
      name: 'scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events',
      scaleDownEvents: events([1, 5, 9], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(115, 120, 0, 0, 300),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 0,
      expectedReplicas: 1,
      expectedCondition: 'TooFewReplicas',
    },
    {
      name: 'scaleDown with spec MinReplicas limitation with large pod policy and previous events',
      scaleDownEvents: events([1, 5, 9], 120),
      specMinReplicas: 5,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(130, 120, 0, 0, 300),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 0,
      expectedReplicas: 5,
      expectedCondition: 'TooFewReplicas',
    },
    {
      name: 'scaleDown with spec MinReplicas limitation with large percent policy and previous events',
      scaleDownEvents: events([1, 5, 9], 120),
      specMinReplicas: 5,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(0, 0, 100, 120, 300),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 2,
      expectedReplicas: 5,
      expectedCondition: 'TooFewReplicas',
    },
    {
      name: 'scaleDown with pod policy limitation and previous events',
      scaleDownEvents: events([1, 5, 9], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(5, 120, 0, 0, 300),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 2,
      expectedReplicas: 100,
      expectedCondition: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with percent policy limitation and previous events',
      scaleDownEvents: events([2, 4, 6], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(0, 0, 50, 120, 300),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 0,
      expectedReplicas: 56,
      expectedCondition: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with percent policy and previous scale up and down events',
      scaleUpEvents: events([2], 120),
      scaleDownEvents: events([4], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(0, 0, 50, 180, 0),
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 1,
      expectedReplicas: 6,
      expectedCondition: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with previous events preventing further scale down',
      scaleDownEvents: events([10, 10, 10], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(0, 0, 10, 120, 300),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 0,
      expectedReplicas: 100,
      expectedCondition: 'ScaleDownLimit',
    },
    {
      name: 'scaleDown with with previous events still allowing more scale down',
      scaleDownEvents: events([10, 10, 10], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(0, 0, 1000, 120, 300),
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 5,
      expectedReplicas: 5,
      expectedCondition: 'DesiredWithinRange',
    },
    {
      name: "check 'outdated' flag for events for one behavior for up",
      scaleUpEvents: events([8, 12, 9, 11], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleUpRules: generateScalingRules(1000, 60, 0, 0, 0),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 200,
      expectedReplicas: 200,
      expectedCondition: 'DesiredWithinRange',
    },
    {
      name: "check that events were not marked 'outdated' for two different policies in the behavior for up",
      scaleUpEvents: events([8, 12, 9, 11], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleUpRules: generateScalingRules(1000, 120, 100, 60, 0),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 200,
      expectedReplicas: 200,
      expectedCondition: 'DesiredWithinRange',
    },
    {
      name: "check that events were marked 'outdated' for two different policies in the behavior for up",
      scaleUpEvents: events([8, 12, 9, 11], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleUpRules: generateScalingRules(1000, 30, 100, 60, 0),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 200,
      expectedReplicas: 200,
      expectedCondition: 'DesiredWithinRange',
    },
    {
      name: "check 'outdated' flag for events for one behavior for down",
      scaleDownEvents: events([8, 12, 9, 11], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(1000, 60, 0, 0, 300),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 5,
      expectedReplicas: 5,
      expectedCondition: 'DesiredWithinRange',
    },
    {
      name: "check that events were not marked 'outdated' for two different policies in the behavior for down",
      scaleDownEvents: events([8, 12, 9, 11], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(1000, 120, 100, 60, 300),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 5,
      expectedReplicas: 5,
      expectedCondition: 'DesiredWithinRange',
    },
    {
      name: "check that events were marked 'outdated' for two different policies in the behavior for down",
      scaleDownEvents: events([8, 12, 9, 11], 120),
      specMinReplicas: 1,
      specMaxReplicas: 1000,
      scaleDownRules: generateScalingRules(1000, 30, 100, 60, 300),
      currentReplicas: 100,
      prenormalizedDesiredReplicas: 5,
      expectedReplicas: 5,
      expectedCondition: 'DesiredWithinRange',
    },
  ];
  it.each(tests)('$name', (tc) => {
    const arg: NormalizationArg = {
      scaleUp: generateScaleUpRules(tc.scaleUpRules),
      scaleDown: generateScaleDownRules(tc.scaleDownRules),
      minReplicas: tc.specMinReplicas,
      maxReplicas: tc.specMaxReplicas,
      desiredReplicas: tc.prenormalizedDesiredReplicas,
      currentReplicas: tc.currentReplicas,
    };
    const converted = convertDesiredReplicasWithBehaviorRate(
      arg,
      tc.scaleUpEvents ?? [],
      tc.scaleDownEvents ?? [],
      NOW,
    );
    expect([converted.replicas, converted.reason]).toEqual([tc.expectedReplicas, tc.expectedCondition]);
  });
});

describe('storeScaleEvent (TestStoreScaleEvents)', () => {
  const ev = (replicaChange: number, ago: number, outdated = false): ScaleEvent => ({
    replicaChange,
    timestamp: NOW - ago * sec,
    outdated,
  });
  it.each([
    { name: 'empty entries with default behavior', prev: [], next: [], expectedReplicasChange: 0 },
    {
      name: 'empty entries with two-policy-behavior',
      prev: [],
      next: [ev(5, 0)],
      rules: generateScalingRules(10, 60, 100, 60, 0),
      expectedReplicasChange: 0,
    },
    {
      name: 'one outdated entry to be kept untouched without behavior',
      prev: [ev(7, 61)],
      next: [ev(7, 61)],
      expectedReplicasChange: 0,
    },
    {
      name: 'one outdated entry to be replaced with behavior',
      prev: [ev(7, 61)],
      next: [ev(5, 0)],
      rules: generateScalingRules(10, 60, 100, 60, 0),
      expectedReplicasChange: 0,
    },
    {
      name: 'one actual entry to be not touched with behavior',
      prev: [ev(7, 58)],
      next: [ev(7, 58), ev(5, 0)],
      rules: generateScalingRules(10, 60, 100, 60, 0),
      expectedReplicasChange: 7,
    },
    {
      name: 'two entries, one of them to be replaced',
      prev: [ev(7, 61), ev(6, 59)],
      next: [ev(5, 0), ev(6, 59)],
      rules: generateScalingRules(10, 60, 0, 0, 0),
      expectedReplicasChange: 6,
    },
    {
      name: 'replace one entry, use policies with different periods',
      prev: [ev(8, 29), ev(6, 59), ev(7, 61), ev(9, 61)],
      next: [ev(8, 29), ev(6, 59), ev(7, 61, true), ev(5, 0)],
      rules: generateScalingRules(10, 60, 100, 30, 0),
      expectedReplicasChange: 14,
    },
    {
      name: 'two entries, both actual',
      prev: [ev(7, 58), ev(6, 59)],
      next: [ev(7, 58), ev(6, 59), ev(5, 0)],
      rules: generateScalingRules(10, 120, 100, 30, 0),
      expectedReplicasChange: 13,
    },
  ] as {
    name: string;
    prev: ScaleEvent[];
    next: ScaleEvent[];
    rules?: HPAScalingRules;
    expectedReplicasChange: number;
  }[])('$name', (tc) => {
    expect(getReplicasChangePerPeriod(60, tc.prev, NOW)).toBe(tc.expectedReplicasChange);
    const up = storeScaleEvent(
      tc.rules && { scaleUp: tc.rules },
      { scaleUpEvents: tc.prev, scaleDownEvents: [] },
      10,
      15,
      NOW,
    );
    expect(up).toEqual({ scaleUpEvents: tc.next, scaleDownEvents: [] });
    const down = storeScaleEvent(
      tc.rules && { scaleDown: tc.rules },
      { scaleUpEvents: [], scaleDownEvents: tc.prev },
      10,
      5,
      NOW,
    );
    expect(down).toEqual({ scaleUpEvents: [], scaleDownEvents: tc.next });
  });
});

describe('stabilizeRecommendationWithBehaviors (TestNormalizeDesiredReplicasWithBehavior)', () => {
  const rec = (replicas: number, ago: number): TimestampedRecommendation => ({
    replicas,
    timestamp: NOW - ago,
  });
  const windows = (up: number, down: number) => ({
    scaleUp: { stabilizationWindowSeconds: up, selectPolicy: 'Max' as const, policies: [] },
    scaleDown: { stabilizationWindowSeconds: down, selectPolicy: 'Max' as const, policies: [] },
  });
  it.each([
    {
      name: 'empty recommendations for scaling down',
      recommendations: [],
      current: 100,
      desired: 5,
      expected: 5,
      stored: [5],
    },
    {
      name: 'simple scale down stabilization',
      recommendations: [rec(4, 2 * min), rec(5, min)],
      current: 100,
      desired: 3,
      expected: 5,
      stored: [4, 5, 3],
      down: 180,
    },
    {
      name: 'simple scale up stabilization',
      recommendations: [rec(4, 2 * min), rec(5, min)],
      current: 1,
      desired: 7,
      expected: 4,
      stored: [4, 5, 7],
      up: 300,
    },
    {
      name: 'no scale down stabilization',
      recommendations: [rec(1, 2 * min), rec(2, min)],
      current: 100,
      desired: 3,
      expected: 3,
      stored: [1, 2, 3],
      up: 300,
    },
    {
      name: 'no scale up stabilization',
      recommendations: [rec(4, 2 * min), rec(5, min)],
      current: 1,
      desired: 3,
      expected: 3,
      stored: [4, 5, 3],
      down: 300,
    },
    {
      name: 'no scale down stabilization, reuse recommendation element',
      recommendations: [rec(10, 10 * min), rec(9, 9 * min)],
      current: 100,
      desired: 3,
      expected: 3,
      stored: [10, 3],
    },
    {
      name: 'no scale up stabilization, reuse recommendation element',
      recommendations: [rec(10, 10 * min), rec(9, 9 * min)],
      current: 1,
      desired: 100,
      expected: 100,
      stored: [10, 100],
    },
    {
      name: 'scale down stabilization, reuse one of obsolete recommendation element',
      recommendations: [rec(10, 10 * min), rec(4, min), rec(5, 2 * min), rec(9, 9 * min)],
      current: 100,
      desired: 3,
      expected: 5,
      stored: [10, 4, 5, 3],
      down: 180,
    },
    {
      name: 'scale up stabilization, reuse one of obsolete recommendation element',
      recommendations: [rec(10, 100 * min), rec(6, min), rec(5, 2 * min), rec(9, 3 * min)],
      current: 1,
      desired: 100,
      expected: 5,
      stored: [100, 6, 5, 9],
      up: 300,
    },
    {
      name: 'scale up and down stabilization, do not scale up when prenormalized rec goes down',
      recommendations: [rec(2, 100 * min), rec(3, 3 * min)],
      current: 2,
      desired: 1,
      expected: 2,
      up: 300,
      down: 300,
    },
    {
      name: 'scale up and down stabilization, do not scale down when prenormalized rec goes up',
      recommendations: [rec(2, 100 * min), rec(1, 3 * min)],
      current: 2,
      desired: 3,
      expected: 2,
      up: 300,
      down: 300,
    },
  ] as {
    name: string;
    recommendations: TimestampedRecommendation[];
    current: number;
    desired: number;
    expected: number;
    stored?: number[];
    up?: number;
    down?: number;
  }[])('$name', (tc) => {
    const arg: NormalizationArg = {
      ...windows(tc.up ?? 0, tc.down ?? 0),
      minReplicas: 0,
      maxReplicas: 1000,
      currentReplicas: tc.current,
      desiredReplicas: tc.desired,
    };
    const result = stabilizeRecommendationWithBehaviors(arg, tc.recommendations, NOW);
    expect(result.replicas).toBe(tc.expected);
    if (tc.stored) expect(result.recommendations.map((r) => r.replicas)).toEqual(tc.stored);
  });
});

describe('normalization conditions (normalizeDesiredReplicas, normalizeDesiredReplicasWithBehaviors)', () => {
  it('reports a scale-down held by the window, and a desired count within range', () => {
    const result = normalizeDesiredReplicas({
      currentReplicas: 5,
      prenormalizedDesiredReplicas: 3,
      minReplicas: 2,
      maxReplicas: 6,
      recommendations: [{ timestamp: NOW, replicas: 5 }],
      now: NOW,
    });
    expect(result.replicas).toBe(5);
    expect(result.conditions).toEqual([
      {
        type: 'AbleToScale',
        status: 'True',
        reason: 'ScaleDownStabilized',
        message:
          'recent recommendations were higher than current one, applying the highest recent recommendation',
      },
      {
        type: 'ScalingLimited',
        status: 'False',
        reason: 'DesiredWithinRange',
        message: 'the desired count is within the acceptable range',
      },
    ]);
  });

  it('reports a scale-up held by its window, and a rate limit (TestUpscaleCap with a window)', () => {
    const result = normalizeDesiredReplicasWithBehaviors({
      scaleUp: generateScaleUpRules(generateScalingRules(0, 0, 700, 60, 120)),
      scaleDown: generateScaleDownRules(undefined),
      minReplicas: 1,
      maxReplicas: 100,
      currentReplicas: 3,
      desiredReplicas: 60,
      recommendations: [{ timestamp: NOW - min, replicas: 30 }],
      scaleUpEvents: [],
      scaleDownEvents: [],
      now: NOW,
    });
    expect(result.replicas).toBe(24);
    expect(result.conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['AbleToScale', 'True', 'ScaleUpStabilized'],
      ['ScalingLimited', 'True', 'ScaleUpLimit'],
    ]);
  });
});
