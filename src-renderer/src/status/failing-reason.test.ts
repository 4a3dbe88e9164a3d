import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from '@shared/pod-types';
import type { Deployment } from '@shared/workload-types';
import { deploymentFailure, podFailure, podsFailure, podsSelectedBy } from './failing-reason';

function container(name: string, state: ContainerStatus['state'], last: ContainerStatus['lastState'] = {}) {
  return { name, state, lastState: last, ready: false, restartCount: 0, image: 'x', imageID: '' };
}

function pod(name: string, status: Pod['status'], extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', labels: { app: 'web' }, ...extra },
    spec: { containers: [{ name: 'web', image: 'x' }] },
    status,
  } as Pod;
}

const waiting = (reason: string, message?: string) => ({
  waiting: { reason, ...(message ? { message } : {}) },
});

describe('podFailure', () => {
  it.each([
    [
      'a running pod',
      { phase: 'Running', containerStatuses: [container('web', { running: {} })] },
      undefined,
    ],
    [
      'a pod still creating',
      { phase: 'Pending', containerStatuses: [container('web', waiting('ContainerCreating'))] },
      undefined,
    ],
    [
      'a pull error',
      {
        phase: 'Pending',
        containerStatuses: [container('web', waiting('ErrImagePull', 'manifest unknown'))],
      },
      {
        reason: 'ErrImagePull',
        summary: 'The image cannot be pulled',
        detail: 'manifest unknown',
        container: 'web',
      },
    ],
    [
      'a pull back-off',
      { phase: 'Pending', containerStatuses: [container('web', waiting('ImagePullBackOff'))] },
      {
        reason: 'ImagePullBackOff',
        summary: 'The image cannot be pulled; retrying with back-off',
        container: 'web',
      },
    ],
    [
      'a crash loop, told with its last exit',
      {
        phase: 'Running',
        containerStatuses: [
          container('web', waiting('CrashLoopBackOff'), { terminated: { exitCode: 3, reason: 'Error' } }),
        ],
      },
      {
        reason: 'CrashLoopBackOff',
        summary: 'A container keeps crashing; restarting with back-off',
        detail: 'last exit: Error, exit code 3',
        container: 'web',
      },
    ],
    [
      'an init container that cannot pull, before its app containers',
      {
        phase: 'Pending',
        initContainerStatuses: [container('init', waiting('ErrImagePull'))],
        containerStatuses: [container('web', waiting('PodInitializing'))],
      },
      { reason: 'ErrImagePull', summary: 'The image cannot be pulled', container: 'init' },
    ],
    [
      'out of memory',
      {
        phase: 'Running',
        containerStatuses: [container('web', { terminated: { exitCode: 137, reason: 'OOMKilled' } })],
      },
      { reason: 'OOMKilled', summary: 'A container ran out of memory', container: 'web' },
    ],
    [
      'unschedulable',
      {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/1 nodes: Insufficient cpu',
          },
        ],
      },
      { reason: 'Unschedulable', summary: 'No node can run the pod', detail: '0/1 nodes: Insufficient cpu' },
    ],
    [
      'evicted',
      { phase: 'Failed', reason: 'Evicted', message: 'low on memory' },
      { reason: 'Evicted', summary: 'The pod was evicted', detail: 'low on memory' },
    ],
    [
      'the worse of two containers',
      {
        phase: 'Running',
        containerStatuses: [
          container('a', waiting('CrashLoopBackOff')),
          container('b', waiting('ImagePullBackOff')),
        ],
      },
      {
        reason: 'ImagePullBackOff',
        summary: 'The image cannot be pulled; retrying with back-off',
        container: 'b',
      },
    ],
  ] as [string, Pod['status'], object | undefined][])('%s', (_, status, expected) => {
    const failure = podFailure(pod('web-1', status));
    expect(failure).toEqual(expected ? { ...expected, pod: 'web-1' } : undefined);
  });

  it('is silent about a pod being deleted', () => {
    const status = {
      phase: 'Pending' as const,
      containerStatuses: [container('web', waiting('ErrImagePull'))],
    };
    expect(podFailure(pod('web-1', status, { deletionTimestamp: '2026-01-01T00:00:00Z' }))).toBeUndefined();
  });

  it('picks the most telling failure among pods', () => {
    const crash = pod('a', {
      phase: 'Running',
      containerStatuses: [container('web', waiting('CrashLoopBackOff'))],
    });
    const pull = pod('b', {
      phase: 'Pending',
      containerStatuses: [container('web', waiting('ErrImagePull'))],
    });
    expect(podsFailure([crash, pull])?.pod).toBe('b');
    expect(podsFailure([])).toBeUndefined();
  });
});

describe('deploymentFailure', () => {
  const deployment = (conditions: object[]): Deployment =>
    ({
      metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: {} },
      status: { conditions },
    }) as unknown as Deployment;

  it.each([
    ['settled', [{ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }], undefined],
    [
      'past its progress deadline',
      [
        {
          type: 'Progressing',
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          message: 'ReplicaSet "web-1" has timed out progressing.',
        },
      ],
      {
        reason: 'ProgressDeadlineExceeded',
        summary: 'The rollout made no progress before its deadline',
        detail: 'ReplicaSet "web-1" has timed out progressing.',
      },
    ],
    [
      'unable to create pods',
      [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'exceeded quota' }],
      { reason: 'FailedCreate', summary: 'The controller cannot create pods', detail: 'exceeded quota' },
    ],
  ])('%s', (_, conditions, expected) => {
    expect(deploymentFailure(deployment(conditions), [])).toEqual(expected);
  });

  it("tells a pod's reason before its own conditions", () => {
    const pull = pod('web-1', {
      phase: 'Pending',
      containerStatuses: [container('web', waiting('ErrImagePull'))],
    });
    const d = deployment([{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }]);
    expect(deploymentFailure(d, [pull])?.reason).toBe('ErrImagePull');
  });

  it('finds its pods by selector in its namespace', () => {
    const d = deployment([]);
    const mine = pod('web-1', {});
    const elsewhere = {
      ...pod('web-2', {}),
      metadata: { name: 'web-2', namespace: 'dev', labels: { app: 'web' } },
    };
    const other = { ...pod('db', {}), metadata: { name: 'db', namespace: 'shop', labels: { app: 'db' } } };
    expect(podsSelectedBy(d, [mine, elsewhere, other] as Pod[]).map((p) => p.metadata.name)).toEqual([
      'web-1',
    ]);
  });
});
