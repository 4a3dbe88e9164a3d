import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../shared/pod-types';
import { specHash } from './container-spec';
import type { ListedContainer, ObservedAttempt, ObservedContainer, PodObservation } from './observed-pod';
import type { PodActions } from './pod-actions';
import { INITIAL_BACKOFF_MS } from './plan-container-restart';
import { planPodActions } from './plan-pod-actions';

// Table tests after Kubernetes' TestComputePodActions and TestComputePodActionsWithInitContainers
// (pkg/kubelet/kuberuntime/kuberuntime_manager_test.go): a base pod whose every container runs, and per case
// one change to the pod or to what was observed, with the actions expected.

const NOW = Date.parse('2026-11-23T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const UID = 'uid-1';

const app = (name: string, over: Partial<Container> = {}): Container => ({
  name,
  image: `skiff-test/${name}:v1`,
  ...over,
});
const sidecar = (name: string, over: Partial<Container> = {}): Container =>
  app(name, { restartPolicy: 'Always', ...over });

type Policy = 'Always' | 'OnFailure' | 'Never';

function makePod(
  containers: Container[],
  initContainers: Container[] = [],
  restartPolicy: Policy = 'Always',
): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', uid: UID },
    spec: {
      restartPolicy,
      terminationGracePeriodSeconds: 30,
      containers,
      ...(initContainers.length ? { initContainers } : {}),
    },
  };
}

/** A container whose latest attempt (`attempt`) runs, started and ready. */
function running(spec: Container, attempt = 0, over: Partial<ObservedContainer> = {}): ObservedContainer {
  return {
    name: spec.name,
    image: spec.image,
    current: attemptOf(spec, attempt, { running: true }),
    ready: true,
    started: true,
    ...over,
  };
}

/** A container whose latest attempt exited with `exitCode`, `agoMs` before now. */
function exited(
  spec: Container,
  exitCode: number,
  {
    attempt = 0,
    agoMs = 1000,
    ...over
  }: Partial<ObservedContainer> & { attempt?: number; agoMs?: number } = {},
): ObservedContainer {
  return {
    name: spec.name,
    image: spec.image,
    current: attemptOf(spec, attempt, { running: false, exitCode, finishedAt: iso(NOW - agoMs) }),
    ready: false,
    started: false,
    ...over,
  };
}

/** A container never created (or removed). */
function absent(spec: Container): ObservedContainer {
  return { name: spec.name, image: spec.image, ready: false, started: false };
}

function attemptOf(spec: Container, attempt: number, over: Partial<ObservedAttempt>): ObservedAttempt {
  return {
    id: `${spec.name}-${attempt}`,
    attempt,
    running: false,
    exitCode: 0,
    oomKilled: false,
    error: '',
    startedAt: iso(NOW - 60_000),
    imageId: 'sha256:1',
    specHash: specHash(spec),
    ...over,
  };
}

function observation(
  init: ObservedContainer[],
  containers: ObservedContainer[],
  sandbox: 'running' | 'exited' | 'missing' = 'running',
): PodObservation {
  const listed = (role: 'init' | 'app') => (c: ObservedContainer) =>
    c.current ? [{ id: c.current.id, role, name: c.name, running: c.current.running }] : [];
  const sandboxListed: ListedContainer[] =
    sandbox === 'missing' ? [] : [{ id: 'pause', role: 'sandbox', name: '', running: sandbox === 'running' }];
  return {
    ...(sandbox === 'missing' ? {} : { sandbox: { id: 'pause', running: sandbox === 'running' } }),
    listed: [...sandboxListed, ...init.flatMap(listed('init')), ...containers.flatMap(listed('app'))],
    sandboxReady: sandbox === 'running',
    ...(sandbox === 'running' ? { podIP: '172.18.0.5' } : {}),
    hostIP: '127.0.0.1',
    init,
    app: containers,
  };
}

/** The plan in short: what a case asserts. */
function summary(actions: PodActions) {
  const start = (s: { name: string; attempt: number }) => `${s.name}#${s.attempt}`;
  return {
    createSandbox: actions.createSandbox?.reason,
    killPod: actions.killPod,
    kill: actions.containersToKill.map((k) => `${k.name}:${k.reason}`),
    startInit: actions.initContainersToStart.map(start),
    start: actions.containersToStart.map(start),
    backoff: actions.backoff.map((b) => `${b.name}:${(b.untilMs - NOW) / 1000}s`),
  };
}

const noAction = {
  createSandbox: undefined,
  killPod: false,
  kill: [],
  startInit: [],
  start: [],
  backoff: [],
};

const [foo1, foo2, foo3] = [app('foo1'), app('foo2'), app('foo3')];
const basePod = (policy: Policy = 'Always') => makePod([foo1, foo2, foo3], [], policy);
const allRunning = () => [running(foo1), running(foo2), running(foo3)];

describe('planPodActions: app containers', () => {
  const cases: Array<{
    name: string;
    pod?: Pod;
    observed: PodObservation;
    expected: Partial<ReturnType<typeof summary>>;
  }> = [
    { name: 'everything is good; do nothing', observed: observation([], allRunning()), expected: {} },
    {
      name: 'start the sandbox and every container of a new pod',
      observed: observation([], [absent(foo1), absent(foo2), absent(foo3)], 'missing'),
      expected: { createSandbox: 'NoSandbox', start: ['foo1#0', 'foo2#0', 'foo3#0'] },
    },
    {
      name: 'restart exited containers if restartPolicy is Always',
      observed: observation([], [exited(foo1, 0), exited(foo2, 111), running(foo3)]),
      expected: { start: ['foo1#1', 'foo2#1'] },
    },
    {
      name: 'restart failed containers only if restartPolicy is OnFailure',
      pod: basePod('OnFailure'),
      observed: observation([], [exited(foo1, 0), exited(foo2, 111), running(foo3)]),
      expected: { start: ['foo2#1'] },
    },
    {
      name: "don't restart containers if restartPolicy is Never",
      pod: basePod('Never'),
      observed: observation([], [exited(foo1, 0), exited(foo2, 111), running(foo3)]),
      expected: {},
    },
    {
      name: 'kill the pod and make everything again if the sandbox is dead',
      observed: observation([], allRunning(), 'exited'),
      expected: { createSandbox: 'SandboxChanged', killPod: true, start: ['foo1#0', 'foo2#0', 'foo3#0'] },
    },
    {
      name: 'make a vanished sandbox again, keeping the containers that still run',
      observed: observation([], [running(foo1), running(foo2), absent(foo3)], 'missing'),
      expected: { createSandbox: 'NoSandbox', start: ['foo3#0'] },
    },
    {
      name: 'kill and recreate a container whose spec changed, whatever the restartPolicy',
      pod: makePod([foo1, app('foo2', { image: 'skiff-test/foo2:v2' }), foo3], [], 'Never'),
      observed: observation([], [running(foo1), running(foo2, 3), running(foo3)]),
      expected: { kill: ['foo2:SpecChanged'], start: ['foo2#4'] },
    },
    {
      name: 'kill a container whose liveness probe failed; its exit decides its restart',
      observed: observation(
        [],
        [running(foo1), running(foo2, 0, { probeFailure: 'liveness' }), running(foo3)],
      ),
      expected: { kill: ['foo2:LivenessProbe'] },
    },
    {
      name: 'kill a container whose startup probe failed',
      observed: observation(
        [],
        [running(foo1), running(foo2, 0, { probeFailure: 'startup' }), running(foo3)],
      ),
      expected: { kill: ['foo2:StartupProbe'] },
    },
    {
      name: 'wait out the backoff of a container crashing again',
      observed: observation(
        [],
        [
          running(foo1),
          exited(foo2, 1, {
            attempt: 2,
            agoMs: 3000,
            backoff: { delayMs: 20_000, lastFinishedAt: NOW - 30_000 },
          }),
          running(foo3),
        ],
      ),
      expected: { backoff: ['foo2:17s'] },
    },
    {
      name: 'restart a crashed container once its backoff is over',
      observed: observation(
        [],
        [
          running(foo1),
          exited(foo2, 1, {
            attempt: 2,
            agoMs: 25_000,
            backoff: { delayMs: 20_000, lastFinishedAt: NOW - 90_000 },
          }),
          running(foo3),
        ],
      ),
      expected: { start: ['foo2#3'] },
    },
  ];

  it.each(cases)('$name', ({ pod, observed, expected }) => {
    const actions = planPodActions(pod ?? basePod(), observed, NOW);
    expect(summary(actions)).toEqual({ ...noAction, ...expected });
    expect(actions.mountVolumes).toBe(true);
    expect(actions.initialized).toBe(true);
  });

  it('probes the running containers at the pod IP, and only them', () => {
    const actions = planPodActions(
      basePod(),
      observation([], [running(foo1), exited(foo2, 0), running(foo3, 0, { probeFailure: 'liveness' })]),
      NOW,
    );
    expect(actions.probe).toEqual({
      podIP: '172.18.0.5',
      containers: [{ role: 'app', index: 0, name: 'foo1', id: 'foo1-0' }],
    });
    expect(actions.resync).toBe(true);
  });

  it('keeps probing without an address while a vanished sandbox is made again', () => {
    const actions = planPodActions(basePod(), observation([], allRunning(), 'missing'), NOW);
    expect(actions.probe?.podIP).toBeUndefined();
    expect(actions.probe?.containers.map((c) => c.name)).toEqual(['foo1', 'foo2', 'foo3']);
  });

  it('arms a 10 s backoff on the first restart after a crash, none on a spec change', () => {
    const crashed = planPodActions(
      basePod(),
      observation([], [exited(foo1, 2), running(foo2), running(foo3)]),
      NOW,
    );
    expect(crashed.containersToStart[0]?.backoff).toEqual({
      delayMs: INITIAL_BACKOFF_MS,
      lastFinishedAt: NOW - 1000,
    });
    const changed = planPodActions(
      makePod([app('foo1', { args: ['new'] }), foo2, foo3]),
      observation([], allRunning()),
      NOW,
    );
    expect(changed.containersToStart[0]?.backoff).toBeUndefined();
  });

  it('says CrashLoopBackOff, records BackOff once, and syncs again when the backoff ends', () => {
    const crashing = (over: Partial<ObservedContainer>) =>
      observation(
        [],
        [
          running(foo1),
          exited(foo2, 1, {
            attempt: 2,
            agoMs: 3000,
            backoff: { delayMs: 20_000, lastFinishedAt: NOW - 30_000 },
            ...over,
          }),
          running(foo3),
        ],
      );
    const first = planPodActions(basePod(), crashing({}), NOW);
    const message = 'back-off 20s restarting failed container=foo2 pod=p_default(uid-1)';
    expect(first.backoff[0]).toMatchObject({
      waiting: { reason: 'CrashLoopBackOff', message },
      event: 'Back-off restarting failed container foo2 in pod p_default(uid-1)',
    });
    expect(first.retryInMs).toBe(17_000);
    expect(first.status?.containerStatuses?.[1]?.state).toEqual({
      waiting: { reason: 'CrashLoopBackOff', message },
    });
    const again = planPodActions(
      basePod(),
      crashing({ waiting: { reason: 'CrashLoopBackOff', message } }),
      NOW,
    );
    expect(again.backoff[0]?.event).toBeUndefined();
  });

  it('releases a container that stays exited from what held it back', () => {
    const actions = planPodActions(
      basePod('OnFailure'),
      observation(
        [],
        [exited(foo1, 0, { waiting: { reason: 'CrashLoopBackOff' } }), running(foo2), running(foo3)],
      ),
      NOW,
    );
    expect(actions.settled).toEqual([{ role: 'app', index: 0, name: 'foo1' }]);
    expect(actions.status?.containerStatuses?.[0]?.state.terminated).toMatchObject({ exitCode: 0 });
  });
});

const [init1, init2] = [app('init1'), app('init2')];
const initPod = (policy: Policy = 'Always') => makePod([foo1, foo2], [init1, init2], policy);

describe('planPodActions: init containers', () => {
  const cases: Array<{
    name: string;
    pod?: Pod;
    observed: PodObservation;
    expected: Partial<ReturnType<typeof summary>>;
    initialized: boolean;
  }> = [
    {
      name: 'initialization completed; start every app container',
      observed: observation([exited(init1, 0), exited(init2, 0)], [absent(foo1), absent(foo2)]),
      expected: { start: ['foo1#0', 'foo2#0'] },
      initialized: true,
    },
    {
      name: 'no init container has started; start the first',
      observed: observation([absent(init1), absent(init2)], [absent(foo1), absent(foo2)]),
      expected: { startInit: ['init1#0'] },
      initialized: false,
    },
    {
      name: 'initialization in progress; do nothing',
      observed: observation([exited(init1, 0), running(init2)], [absent(foo1), absent(foo2)]),
      expected: {},
      initialized: false,
    },
    {
      name: 'the first init container succeeded; run the next',
      observed: observation([exited(init1, 0), absent(init2)], [absent(foo1), absent(foo2)]),
      expected: { startInit: ['init2#0'] },
      initialized: false,
    },
    {
      name: 'restart a failed init container (restartPolicy OnFailure)',
      pod: initPod('OnFailure'),
      observed: observation([exited(init1, 1), absent(init2)], [absent(foo1), absent(foo2)]),
      expected: { startInit: ['init1#1'] },
      initialized: false,
    },
    {
      name: 'a failed init container fails the pod (restartPolicy Never)',
      pod: initPod('Never'),
      observed: observation([exited(init1, 1), absent(init2)], [absent(foo1), absent(foo2)]),
      expected: {},
      initialized: false,
    },
    {
      name: 'kill the pod and start the first init container again if the sandbox is dead',
      observed: observation([exited(init1, 0), exited(init2, 0)], [running(foo1), running(foo2)], 'exited'),
      expected: { createSandbox: 'SandboxChanged', killPod: true, startInit: ['init1#0'] },
      initialized: false,
    },
    {
      name: 'an initialized pod does not run its init containers again',
      observed: observation([absent(init1), absent(init2)], [running(foo1), exited(foo2, 1)]),
      expected: { start: ['foo2#1'] },
      initialized: true,
    },
  ];

  it.each(cases)('$name', ({ pod, observed, expected, initialized }) => {
    const actions = planPodActions(pod ?? initPod(), observed, NOW);
    expect(summary(actions)).toEqual({ ...noAction, ...expected });
    expect(actions.initialized).toBe(initialized);
  });

  it('reports the pod Failed when an init container failed under restartPolicy Never', () => {
    const actions = planPodActions(
      initPod('Never'),
      observation([exited(init1, 1), absent(init2)], [absent(foo1), absent(foo2)]),
      NOW,
    );
    expect(actions.status?.phase).toBe('Failed');
  });
});

const [side1, side2] = [
  sidecar('side1'),
  sidecar('side2', { startupProbe: { exec: { command: ['true'] } } }),
];
const sidecarPod = (policy: Policy = 'Always') => makePod([foo1], [init1, side1, side2], policy);

describe('planPodActions: native sidecars (init containers with restartPolicy Always)', () => {
  const cases: Array<{
    name: string;
    pod?: Pod;
    observed: PodObservation;
    expected: Partial<ReturnType<typeof summary>>;
  }> = [
    {
      name: 'a running sidecar lets the next init container start',
      observed: observation([exited(init1, 0), running(side1), absent(side2)], [absent(foo1)]),
      expected: { startInit: ['side2#0'] },
    },
    {
      name: 'a sidecar whose startup probe has not passed holds the app containers back',
      observed: observation(
        [exited(init1, 0), running(side1), running(side2, 0, { started: false, ready: false })],
        [absent(foo1)],
      ),
      expected: {},
    },
    {
      name: 'the app containers start once the last sidecar has started',
      observed: observation([exited(init1, 0), running(side1), running(side2)], [absent(foo1)]),
      expected: { start: ['foo1#0'] },
    },
    {
      name: 'an exited sidecar of an initialized pod restarts, even under restartPolicy Never',
      pod: sidecarPod('Never'),
      observed: observation([exited(init1, 0), exited(side1, 0), running(side2)], [running(foo1)]),
      expected: { startInit: ['side1#1'] },
    },
    {
      name: 'a sidecar whose liveness probe failed is killed',
      observed: observation(
        [exited(init1, 0), running(side1, 0, { probeFailure: 'liveness' }), running(side2)],
        [running(foo1)],
      ),
      expected: { kill: ['side1:LivenessProbe'] },
    },
    {
      name: 'a sidecar whose startup probe failed is killed',
      observed: observation(
        [exited(init1, 0), running(side1), running(side2, 0, { started: false, probeFailure: 'startup' })],
        [absent(foo1)],
      ),
      expected: { kill: ['side2:StartupProbe'] },
    },
    {
      name: "a Job's pod whose app containers finished stops its sidecars, the last started first",
      pod: sidecarPod('Never'),
      observed: observation([exited(init1, 0), running(side1), running(side2)], [exited(foo1, 0)]),
      expected: { kill: ['side2:PodFinished', 'side1:PodFinished'] },
    },
  ];

  it.each(cases)('$name', ({ pod, observed, expected }) => {
    expect(summary(planPodActions(pod ?? sidecarPod(), observed, NOW))).toEqual({ ...noAction, ...expected });
  });

  it('stops probing a sidecar killed for its startup probe, and probes the others', () => {
    const actions = planPodActions(
      sidecarPod(),
      observation(
        [exited(init1, 0), running(side1), running(side2, 0, { started: false, probeFailure: 'startup' })],
        [absent(foo1)],
      ),
      NOW,
    );
    expect(actions.probe?.containers.map((c) => c.name)).toEqual(['side1']);
    expect(actions.resync).toBe(true);
  });

  it('stops the sidecars of a pod already finished, and does nothing else', () => {
    const pod = { ...sidecarPod('Never'), status: { phase: 'Succeeded' as const } };
    const actions = planPodActions(
      pod,
      observation([exited(init1, 0), running(side1), exited(side2, 137)], [exited(foo1, 0)]),
      NOW,
    );
    expect(summary(actions)).toEqual({ ...noAction, kill: ['side1:PodFinished'] });
    expect(actions.mountVolumes).toBe(false);
    expect(actions.probe).toBeUndefined();
  });
});

describe('planPodActions: deletion', () => {
  const deleting = (graceLeftMs: number) => ({
    ...sidecarPod(),
    metadata: { ...sidecarPod().metadata, deletionTimestamp: iso(NOW + graceLeftMs) },
  });
  const everythingRuns = observation([exited(init1, 0), running(side1), running(side2)], [running(foo1)]);

  it('stops the app containers first, then each sidecar in reverse order, within the grace period', () => {
    const actions = planPodActions(deleting(30_000), everythingRuns, NOW);
    expect(summary(actions)).toEqual(noAction);
    expect(actions.mountVolumes).toBe(false);
    expect(actions.status).toBeUndefined();
    expect(actions.terminate).toEqual({
      deadlineMs: NOW + 30_000,
      graceSeconds: 30,
      groups: [
        [{ id: 'foo1-0', role: 'app', name: 'foo1', running: true }],
        [{ id: 'side2-0', role: 'init', name: 'side2', running: true }],
        [{ id: 'side1-0', role: 'init', name: 'side1', running: true }],
      ],
    });
  });

  it('stops at once when the grace period is over, and leaves exited containers and the sandbox alone', () => {
    const actions = planPodActions(deleting(-5000), everythingRuns, NOW);
    expect(actions.terminate?.graceSeconds).toBe(0);
    expect(actions.terminate?.groups.flat().map((c) => c.name)).toEqual(['foo1', 'side2', 'side1']);
  });

  it('rounds a part of a second left up to a whole second', () => {
    expect(planPodActions(deleting(1200), everythingRuns, NOW).terminate?.graceSeconds).toBe(2);
  });
});

describe('planPodActions: status', () => {
  it('writes the status of what was observed, and nothing when the pod already says it', () => {
    const pod = basePod();
    const first = planPodActions(pod, observation([], allRunning()), NOW);
    expect(first.status?.phase).toBe('Running');
    const written = { ...pod, status: first.status };
    expect(planPodActions(written, observation([], allRunning()), NOW + 5000).status).toBeUndefined();
  });

  it('reports a new pod Pending with its containers being created', () => {
    const actions = planPodActions(
      basePod(),
      observation([], [absent(foo1), absent(foo2), absent(foo3)], 'missing'),
      NOW,
    );
    expect(actions.status?.phase).toBe('Pending');
    expect(actions.status?.containerStatuses?.[0]?.state).toEqual({
      waiting: { reason: 'ContainerCreating' },
    });
  });
});
