import { describe, expect, it } from 'vitest';
import type { ContainerStatus, Pod } from './pod-types';
import { summarizePod } from './pod-display';

const cs = (over: Partial<ContainerStatus>): ContainerStatus => ({
  name: 'app',
  state: {},
  lastState: {},
  ready: false,
  restartCount: 0,
  image: 'x',
  imageID: '',
  ...over,
});
const pod = (status: Pod['status'], extra: Partial<Pod['spec']> = {}, deleting = false): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', ...(deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
  spec: { containers: [{ name: 'app', image: 'x' }], ...extra },
  status,
});

describe('summarizePod (kubectl get pods columns)', () => {
  it.each([
    [
      'running and ready',
      pod({ phase: 'Running', containerStatuses: [cs({ state: { running: {} }, ready: true })] }),
      { ready: '1/1', status: 'Running', restarts: 0 },
    ],
    [
      'crash looping',
      pod({
        phase: 'Running',
        containerStatuses: [
          cs({
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            restartCount: 4,
            lastState: { terminated: { exitCode: 1, finishedAt: '2026-01-01T00:00:05Z' } },
          }),
        ],
      }),
      { ready: '0/1', status: 'CrashLoopBackOff', restarts: 4, lastRestart: '2026-01-01T00:00:05Z' },
    ],
    [
      'pulling failed',
      pod({
        phase: 'Pending',
        containerStatuses: [cs({ state: { waiting: { reason: 'ImagePullBackOff' } } })],
      }),
      { ready: '0/1', status: 'ImagePullBackOff', restarts: 0 },
    ],
    [
      'completed',
      pod({
        phase: 'Succeeded',
        containerStatuses: [cs({ state: { terminated: { exitCode: 0, reason: 'Completed' } } })],
      }),
      { ready: '0/1', status: 'Completed', restarts: 0 },
    ],
    [
      'OOMKilled',
      pod({
        phase: 'Failed',
        containerStatuses: [cs({ state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } })],
      }),
      { ready: '0/1', status: 'OOMKilled', restarts: 0 },
    ],
    [
      'second of two init containers running',
      pod(
        {
          phase: 'Pending',
          initContainerStatuses: [
            cs({ name: 'a', state: { terminated: { exitCode: 0, reason: 'Completed' } } }),
            cs({ name: 'b', state: { running: {} } }),
          ],
          containerStatuses: [cs({ state: { waiting: { reason: 'PodInitializing' } } })],
        },
        {
          initContainers: [
            { name: 'a', image: 'x' },
            { name: 'b', image: 'x' },
          ],
        },
      ),
      { ready: '0/1', status: 'Init:1/2', restarts: 0 },
    ],
    [
      'init failed',
      pod(
        {
          phase: 'Failed',
          initContainerStatuses: [cs({ name: 'a', state: { terminated: { exitCode: 3, reason: 'Error' } } })],
        },
        { initContainers: [{ name: 'a', image: 'x' }] },
      ),
      { ready: '0/1', status: 'Init:Error', restarts: 0 },
    ],
    [
      'being deleted',
      pod({ phase: 'Running', containerStatuses: [cs({ state: { running: {} }, ready: true })] }, {}, true),
      { ready: '1/1', status: 'Terminating', restarts: 0 },
    ],
  ])('%s', (_what, input, expected) => expect(summarizePod(input)).toEqual(expected));
});
