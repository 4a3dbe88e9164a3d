import { describe, expect, it } from 'vitest';
import type { Pod, PodStatus } from '../shared/pod-types';
import { PodActionExecutor, type PodActionExecutorOptions } from './execute-pod-actions';
import type { PodActions } from './pod-actions';

// The executor does what the plan says, in order, and nothing else: each collaborator is a recorder of calls.

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', uid: 'uid-1' },
  spec: {
    containers: [{ name: 'web', image: 'web:v1' }],
    initContainers: [{ name: 'setup', image: 'tools:v1' }],
  },
  status: { phase: 'Pending' },
};

const plan = (over: Partial<PodActions>): PodActions => ({
  killPod: false,
  mountVolumes: true,
  containersToKill: [],
  initContainersToStart: [],
  containersToStart: [],
  backoff: [],
  settled: [],
  initialized: true,
  resync: false,
  probe: { containers: [] },
  ...over,
});

function harness() {
  const calls: string[] = [];
  const sandbox = {
    id: 'pause',
    volumes: {},
    started: Promise.resolve(undefined),
    running: Promise.resolve(),
  };
  const options = {
    store: {
      list: () => ({ items: [] }),
      tryGet: () => undefined,
      update: async (_t: unknown, p: Pod) => void calls.push(`status ${p.status?.phase}`),
    },
    runtime: {
      stopContainer: async (id: string, grace: number) => void calls.push(`stop ${id} ${grace}s`),
      listContainers: async () => (calls.push('list'), []),
    },
    recorder: { record: async (_p: Pod, _t: string, reason: string) => void calls.push(`event ${reason}`) },
    prober: {
      stop: (id: string) => void calls.push(`unprobe ${id}`),
      ensure: (_k: string, id: string) => void calls.push(`probe ${id}`),
      retain: (ids: Set<string>) => void calls.push(`retain ${[...ids].join(',')}`),
    },
    volumes: { mount: async () => void calls.push('mount') },
    sandboxes: {
      existing: () => sandbox,
      make: async () => (calls.push('make sandbox'), sandbox),
    },
    starter: {
      start: async (_k: string, _p: Pod, spec: { name: string }, _r: string, attempt: number) =>
        void calls.push(`start ${spec.name}#${attempt}`),
    },
    terminator: {
      start: () => void calls.push('terminate'),
      removeAll: async (c: unknown[]) => void calls.push(`remove ${c.length}`),
    },
    observer: {
      observe: async () => (calls.push('observe'), { sandboxReady: true, init: [], app: [], listed: [] }),
    },
    memory: {
      setWaiting: (_p: Pod, name: string) => void calls.push(`waiting ${name}`),
      clearWaiting: (_p: Pod, name: string) => void calls.push(`released ${name}`),
      setBackoff: (_p: Pod, name: string) => void calls.push(`backoff ${name}`),
    },
    now: () => 0,
    resync: (key: string) => void calls.push(`resync ${key}`),
  } as unknown as PodActionExecutorOptions;
  return { calls, executor: new PodActionExecutor(options) };
}

const running = { id: 'pause', running: true } as never;

describe('PodActionExecutor', () => {
  it('writes the planned status without looking again when no container changes', async () => {
    const { calls, executor } = harness();
    const status: PodStatus = { phase: 'Running' };
    const retry = await executor.execute('default/p', pod, plan({ status, retryInMs: 7000 }), {
      mine: [],
      sandbox: running,
    });
    expect(calls).toEqual(['mount', 'retain ', 'status Running']);
    expect(retry).toBe(7000);
  });

  it('removes everything before making the sandbox again, then starts init containers before app ones', async () => {
    const { calls, executor } = harness();
    await executor.execute(
      'default/p',
      pod,
      plan({
        killPod: true,
        createSandbox: { reason: 'SandboxChanged', message: 'Pod sandbox changed' },
        initContainersToStart: [{ role: 'init', index: 0, name: 'setup', attempt: 0 }],
        containersToStart: [{ role: 'app', index: 0, name: 'web', attempt: 0 }],
      }),
      { mine: [{} as never, {} as never], sandbox: { id: 'pause', running: false } as never },
    );
    expect(calls.slice(0, 6)).toEqual([
      'event SandboxChanged',
      'remove 2',
      'make sandbox',
      'mount',
      'start setup#0',
      'start web#0',
    ]);
    // The containers changed: their status is observed again rather than taken from the plan.
    expect(calls.slice(-4)).toEqual(['retain ', 'list', 'observe', 'status Pending']);
  });

  it('kills a container before starting it again, remembering the backoff of a restart', async () => {
    const { calls, executor } = harness();
    await executor.execute(
      'default/p',
      pod,
      plan({
        containersToKill: [
          {
            role: 'app',
            index: 0,
            name: 'web',
            id: 'c1',
            reason: 'SpecChanged',
            message: 'm',
            graceSeconds: 30,
          },
        ],
        containersToStart: [
          { role: 'app', index: 0, name: 'web', attempt: 1, backoff: { delayMs: 10_000, lastFinishedAt: 0 } },
        ],
      }),
      { mine: [], sandbox: running },
    );
    expect(calls.slice(0, 6)).toEqual([
      'mount',
      'event Killing',
      'unprobe c1',
      'stop c1 30s',
      'backoff web',
      'start web#1',
    ]);
  });

  it('records backoffs and releases settled containers, probes at the pod IP, and resyncs after a probe kill', async () => {
    const { calls, executor } = harness();
    await executor.execute(
      'default/p',
      pod,
      plan({
        backoff: [
          {
            role: 'app',
            index: 0,
            name: 'web',
            untilMs: 10_000,
            waiting: { reason: 'CrashLoopBackOff' },
            event: 'Back-off restarting failed container web',
          },
        ],
        settled: [{ role: 'init', index: 0, name: 'setup' }],
        probe: { podIP: '172.18.0.5', containers: [{ role: 'init', index: 0, name: 'setup', id: 's1' }] },
        resync: true,
      }),
      { mine: [], sandbox: running },
    );
    expect(calls).toEqual([
      'mount',
      'event BackOff',
      'waiting web',
      'released setup',
      'probe s1',
      'retain s1',
      'resync default/p',
    ]);
  });

  it('hands a deleted pod to the terminator and does nothing else', async () => {
    const { calls, executor } = harness();
    const terminate = { deadlineMs: 0, graceSeconds: 0, groups: [] };
    await executor.execute('default/p', pod, plan({ terminate }), { mine: [] });
    expect(calls).toEqual(['terminate']);
  });
});
