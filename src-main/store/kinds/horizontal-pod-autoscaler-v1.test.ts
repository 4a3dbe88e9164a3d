import { describe, expect, it } from 'vitest';
import type { HorizontalPodAutoscaler } from '../../shared/autoscaling-types';
import { hpaFromV1, hpaToV1 } from './horizontal-pod-autoscaler-v1';

const v2: HorizontalPodAutoscaler = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web', namespace: 'default', annotations: { team: 'a' } },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    minReplicas: 1,
    maxReplicas: 5,
    metrics: [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
      },
      {
        type: 'Resource',
        resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '64Mi' } },
      },
    ],
    behavior: { scaleDown: { stabilizationWindowSeconds: 30 } },
  },
  status: {
    currentReplicas: 2,
    desiredReplicas: 3,
    currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 75 } } }],
    conditions: [{ type: 'AbleToScale', status: 'True', reason: 'SucceededRescale' }],
  },
};

describe('autoscaling/v1 conversion', () => {
  it('shows the CPU target as targetCPUUtilizationPercentage and the rest in annotations', () => {
    const v1 = hpaToV1(v2) as any;
    expect(v1.apiVersion).toBe('autoscaling/v1');
    expect(v1.spec).toEqual({
      scaleTargetRef: v2.spec.scaleTargetRef,
      minReplicas: 1,
      maxReplicas: 5,
      targetCPUUtilizationPercentage: 50,
    });
    expect(v1.status).toMatchObject({
      currentReplicas: 2,
      desiredReplicas: 3,
      currentCPUUtilizationPercentage: 75,
    });
    expect(JSON.parse(v1.metadata.annotations['autoscaling.alpha.kubernetes.io/metrics'])).toEqual([
      v2.spec.metrics![1],
    ]);
    expect(v1.metadata.annotations.team).toBe('a');
  });

  it('round-trips: a v1 client that writes back what it read loses nothing of v2', () => {
    expect(hpaFromV1(hpaToV1(v2))).toEqual(v2);
  });

  it('makes a v1 object (kubectl autoscale) a v2 CPU utilization metric', () => {
    const made = hpaFromV1({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: { kind: 'Deployment', name: 'web' },
        maxReplicas: 4,
        targetCPUUtilizationPercentage: 50,
      },
    }) as HorizontalPodAutoscaler;
    expect(made.apiVersion).toBe('autoscaling/v2');
    expect(made.spec.metrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
      },
    ]);
    expect(made.metadata.annotations).toBeUndefined();
  });
});
