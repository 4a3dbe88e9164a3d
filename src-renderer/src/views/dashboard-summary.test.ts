import { describe, expect, it } from 'vitest';
import type { Pod } from '@shared/pod-types';
import type { Deployment } from '@shared/workload-types';
import { requestedByPods } from '@shared/pod-resources';
import { podsByState, workloadsNeedingAttention } from './dashboard-summary';

const pod = (phase: string, cpu = '100m', waiting?: string): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${Math.random()}` },
    spec: { nodeName: 'skiff', containers: [{ name: 'c', image: 'x', resources: { requests: { cpu } } }] },
    status: {
      phase,
      containerStatuses: [
        {
          name: 'c',
          ready: phase === 'Running' && !waiting,
          restartCount: 0,
          image: 'x',
          imageID: '',
          lastState: {},
          state: waiting ? { waiting: { reason: waiting } } : phase === 'Running' ? { running: {} } : {},
        },
      ],
    },
  }) as unknown as Pod;

const deployment = (reason: string, ready: number, replicas = 2): Deployment =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: reason },
    spec: { replicas, selector: {}, template: { spec: { containers: [] } } },
    status: { readyReplicas: ready, conditions: [{ type: 'Progressing', status: 'True', reason }] },
  }) as unknown as Deployment;

describe('dashboard summary', () => {
  it('counts pods by the state kubectl shows, most common first', () => {
    expect(podsByState([pod('Running'), pod('Running'), pod('Running', '1', 'CrashLoopBackOff')])).toEqual([
      ['Running', 2],
      ['CrashLoopBackOff', 1],
    ]);
  });

  it('adds up what unfinished pods request', () => {
    expect(
      requestedByPods([pod('Running', '250m'), pod('Pending', '250m'), pod('Succeeded', '2')]).cpuMillis,
    ).toBe(500);
  });

  it('lists rolling-out and failing Deployments, not settled ones', () => {
    const states = workloadsNeedingAttention([
      deployment('NewReplicaSetAvailable', 2),
      deployment('ReplicaSetUpdated', 1),
      deployment('ProgressDeadlineExceeded', 1),
    ]);
    expect(states.map((s) => `${s.deployment.metadata.name}:${s.state}`)).toEqual([
      'ReplicaSetUpdated:progressing',
      'ProgressDeadlineExceeded:failing',
    ]);
  });

  it("tells a Deployment's failing pods' reason at once, not after its deadline", () => {
    const d = {
      ...deployment('ReplicaSetUpdated', 1),
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { spec: { containers: [] } },
      },
    } as unknown as Deployment;
    const failing = {
      metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nope' }] },
      status: {
        phase: 'Pending',
        containerStatuses: [
          {
            name: 'web',
            state: { waiting: { reason: 'ErrImagePull', message: 'not found' } },
            lastState: {},
            ready: false,
            restartCount: 0,
            image: 'nope',
            imageID: '',
          },
        ],
      },
    } as unknown as Pod;
    const [state] = workloadsNeedingAttention([d], [failing]);
    expect(state?.state).toBe('failing');
    expect(state?.why).toBe('ErrImagePull: The image cannot be pulled (not found)');
  });
});
