import { describe, expect, it } from 'vitest';
import type { Pod } from '../shared/pod-types';
import { computePodStatus } from './compute-pod-status';
import type { ObservedAttempt, ObservedContainer, ObservedPod } from './observed-pod';

const NOW = '2026-11-23T10:00:00Z';
const pod = (restartPolicy: 'Always' | 'OnFailure' | 'Never' = 'Always', init = false): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: {
    restartPolicy,
    containers: [{ name: 'app', image: 'web:v1' }],
    ...(init ? { initContainers: [{ name: 'setup', image: 'tools:v1' }] } : {}),
  },
});
const attempt = (over: Partial<ObservedAttempt>): ObservedAttempt => ({
  id: 'c1',
  attempt: 0,
  running: false,
  exitCode: 0,
  oomKilled: false,
  error: '',
  imageId: 'sha256:1',
  specHash: 'h',
  startedAt: NOW,
  ...over,
});
const container = (name: string, over: Partial<ObservedContainer> = {}): ObservedContainer => ({
  name,
  image: 'img',
  ready: true,
  started: true,
  ...over,
});
const observed = (
  app: ObservedContainer[],
  init: ObservedContainer[] = [],
  sandboxReady = true,
): ObservedPod => ({
  sandboxReady,
  podIP: sandboxReady ? '172.18.0.5' : undefined,
  hostIP: '127.0.0.1',
  app,
  init,
});
const cond = (status: ReturnType<typeof computePodStatus>, type: string) =>
  status.conditions?.find((c) => c.type === type)?.status;

describe('computePodStatus', () => {
  it('is Pending with ContainerCreating before anything runs', () => {
    const s = computePodStatus(pod(), observed([container('app')], [], false), NOW);
    expect(s.phase).toBe('Pending');
    expect(s.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(s.podIP).toBeUndefined();
  });

  it('is Running and Ready when the container runs and passes readiness', () => {
    const s = computePodStatus(
      pod(),
      observed([container('app', { current: attempt({ running: true }) })]),
      NOW,
    );
    expect(s.phase).toBe('Running');
    expect([
      cond(s, 'Ready'),
      cond(s, 'ContainersReady'),
      cond(s, 'Initialized'),
      cond(s, 'PodScheduled'),
    ]).toEqual(['True', 'True', 'True', 'True']);
    expect(s.podIP).toBe('172.18.0.5');
    expect(s.containerStatuses?.[0]).toMatchObject({
      ready: true,
      started: true,
      restartCount: 0,
      containerID: 'docker://c1',
    });
  });

  it('is not Ready while readiness fails', () => {
    const s = computePodStatus(
      pod(),
      observed([container('app', { current: attempt({ running: true }), ready: false })]),
      NOW,
    );
    expect(cond(s, 'Ready')).toBe('False');
    expect(s.conditions?.find((c) => c.type === 'Ready')?.message).toBe(
      'containers with unready status: [app]',
    );
  });

  it('reports a crash loop as waiting CrashLoopBackOff with the last termination', () => {
    const current = attempt({ attempt: 3, exitCode: 2, finishedAt: NOW });
    const s = computePodStatus(
      pod(),
      observed([
        container('app', { current, waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } }),
      ]),
      NOW,
    );
    expect(s.phase).toBe('Running');
    expect(s.containerStatuses?.[0]).toMatchObject({
      restartCount: 3,
      ready: false,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 2, reason: 'Error' } },
    });
  });

  it('reports OOMKilled, and Failed when it will not restart', () => {
    const s = computePodStatus(
      pod('Never'),
      observed([container('app', { current: attempt({ exitCode: 137, oomKilled: true, finishedAt: NOW }) })]),
      NOW,
    );
    expect(s.phase).toBe('Failed');
    expect(s.containerStatuses?.[0]?.state.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('is Succeeded when every container completed and none restarts', () => {
    const s = computePodStatus(
      pod('OnFailure'),
      observed([container('app', { current: attempt({ finishedAt: NOW }) })]),
      NOW,
    );
    expect(s.phase).toBe('Succeeded');
    expect(s.containerStatuses?.[0]?.state.terminated?.reason).toBe('Completed');
    expect(s.conditions?.find((c) => c.type === 'Ready')?.reason).toBe('PodCompleted');
  });

  it('holds app containers in PodInitializing while an init container runs, and fails on init error with Never', () => {
    const running = computePodStatus(
      pod('Always', true),
      observed([container('app')], [container('setup', { current: attempt({ running: true }) })]),
      NOW,
    );
    expect(running.phase).toBe('Pending');
    expect(cond(running, 'Initialized')).toBe('False');
    expect(running.containerStatuses?.[0]?.state.waiting?.reason).toBe('PodInitializing');
    const failed = computePodStatus(
      pod('Never', true),
      observed(
        [container('app')],
        [container('setup', { current: attempt({ exitCode: 1, finishedAt: NOW }) })],
      ),
      NOW,
    );
    expect(failed.phase).toBe('Failed');
    expect(failed.initContainerStatuses?.[0]?.state.terminated?.reason).toBe('Error');
  });

  it('keeps a condition transition time while its status holds', () => {
    const first = computePodStatus(
      pod(),
      observed([container('app', { current: attempt({ running: true }) })]),
      NOW,
    );
    const later = computePodStatus(
      { ...pod(), status: first },
      observed([container('app', { current: attempt({ running: true }) })]),
      '2026-11-23T11:00:00Z',
    );
    expect(later.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime).toBe(NOW);
    expect(later.startTime).toBe(NOW);
  });
});

describe('computePodStatus with a sidecar (init container with restartPolicy Always)', () => {
  const withSidecar: Pod = {
    ...pod(),
    spec: {
      containers: [{ name: 'app', image: 'web:v1' }],
      initContainers: [{ name: 'logs', image: 'tools:v1', restartPolicy: 'Always' }],
    },
  };
  const running = attempt({ running: true });

  it('is Initialized once the sidecar started, before the app container exists', () => {
    const status = computePodStatus(
      withSidecar,
      observed(
        [container('app', { ready: false, started: false })],
        [container('logs', { current: running })],
      ),
      NOW,
    );
    expect(cond(status, 'Initialized')).toBe('True');
    expect(status.containerStatuses?.[0]?.state.waiting?.reason).toBe('ContainerCreating');
    expect(status.phase).toBe('Pending');
  });

  it('stays Pending and PodInitializing while the sidecar has not started', () => {
    const status = computePodStatus(
      withSidecar,
      observed(
        [container('app', { ready: false, started: false })],
        [container('logs', { current: running, started: false, ready: false })],
      ),
      NOW,
    );
    expect(cond(status, 'Initialized')).toBe('False');
    expect(status.conditions?.find((c) => c.type === 'Initialized')?.message).toBe(
      'containers with incomplete status: [logs]',
    );
    expect(status.containerStatuses?.[0]?.state.waiting?.reason).toBe('PodInitializing');
    expect(status.phase).toBe('Pending');
  });

  it('counts the sidecar’s readiness in Ready, and stays Running while it restarts', () => {
    const app = container('app', { current: attempt({ id: 'a1', running: true }) });
    const unready = computePodStatus(
      withSidecar,
      observed([app], [container('logs', { current: running, ready: false })]),
      NOW,
    );
    expect(unready.phase).toBe('Running');
    expect(cond(unready, 'Ready')).toBe('False');
    expect(unready.conditions?.find((c) => c.type === 'Ready')?.message).toBe(
      'containers with unready status: [logs]',
    );
    expect(unready.initContainerStatuses?.[0]).toMatchObject({ name: 'logs', started: true, ready: false });
    const ready = computePodStatus(
      withSidecar,
      observed([app], [container('logs', { current: running })]),
      NOW,
    );
    expect(cond(ready, 'Ready')).toBe('True');
    const restarting = computePodStatus(
      withSidecar,
      observed(
        [app],
        [
          container('logs', {
            current: attempt({ exitCode: 137, finishedAt: NOW }),
            ready: false,
            started: false,
          }),
        ],
      ),
      NOW,
    );
    expect(restarting.phase).toBe('Running');
    expect(cond(restarting, 'Initialized')).toBe('True');
    expect(cond(restarting, 'Ready')).toBe('False');
  });
});
