import { describe, expect, it } from 'vitest';
import type { Container } from '../shared/pod-types';
import { planInitContainers, type InitObservation } from './plan-init-containers';

// Cases after kuberuntime_manager_test.go's TestComputePodActionsWithRestartableInitContainers and
// TestComputePodActionsWithInitContainers.

const init = (name: string): Container => ({ name, image: 'x' });
const sidecar = (name: string): Container => ({ name, image: 'x', restartPolicy: 'Always' });
const running = (started = true): InitObservation => ({ current: { running: true, exitCode: 0 }, started });
const exited = (exitCode: number): InitObservation => ({
  current: { running: false, exitCode },
  started: false,
});
const none: InitObservation = { started: false };

describe('planInitContainers', () => {
  const cases: Array<{
    name: string;
    specs: Container[];
    observed: InitObservation[];
    policy?: 'Always' | 'OnFailure' | 'Never';
    appsCreated?: boolean;
    want: { start: number[]; initialized: boolean; failed?: boolean };
  }> = [
    { name: 'no init containers', specs: [], observed: [], want: { start: [], initialized: true } },
    {
      name: 'nothing started: the first one starts',
      specs: [init('a'), sidecar('b')],
      observed: [none, none],
      want: { start: [0], initialized: false },
    },
    {
      name: 'a regular one running: wait',
      specs: [init('a'), sidecar('b')],
      observed: [running(), none],
      want: { start: [], initialized: false },
    },
    {
      name: 'a regular one succeeded: the next starts',
      specs: [init('a'), sidecar('b'), init('c')],
      observed: [exited(0), none, none],
      want: { start: [1], initialized: false },
    },
    {
      name: 'a sidecar not yet started (startup probe pending): wait',
      specs: [sidecar('a'), init('b')],
      observed: [running(false), none],
      want: { start: [], initialized: false },
    },
    {
      name: 'a sidecar started: the next starts',
      specs: [sidecar('a'), init('b')],
      observed: [running(true), none],
      want: { start: [1], initialized: false },
    },
    {
      name: 'the last one is a started sidecar: initialized',
      specs: [init('a'), sidecar('b')],
      observed: [exited(0), running(true)],
      want: { start: [], initialized: true },
    },
    {
      name: 'a sidecar that exited during initialization restarts, whatever the pod policy',
      specs: [sidecar('a'), init('b')],
      observed: [exited(0), none],
      policy: 'Never',
      want: { start: [0], initialized: false },
    },
    {
      name: 'a sidecar whose startup probe failed is restarted',
      specs: [sidecar('a')],
      observed: [{ ...running(false), startupFailed: true }],
      want: { start: [0], initialized: false },
    },
    {
      name: 'a failed regular init container is retried',
      specs: [init('a')],
      observed: [exited(1)],
      policy: 'OnFailure',
      want: { start: [0], initialized: false },
    },
    {
      name: 'a failed regular init container fails the pod under Never',
      specs: [sidecar('s'), init('a')],
      observed: [running(), exited(1)],
      policy: 'Never',
      want: { start: [], initialized: false, failed: true },
    },
    {
      name: 'initialized pod: an exited sidecar restarts, regular ones are left alone',
      specs: [init('a'), sidecar('b'), sidecar('c')],
      observed: [exited(0), exited(137), running()],
      appsCreated: true,
      want: { start: [1], initialized: true },
    },
    {
      name: 'initialized pod: a sidecar whose container is gone comes back',
      specs: [init('a'), sidecar('b')],
      observed: [exited(0), none],
      appsCreated: true,
      want: { start: [1], initialized: true },
    },
    {
      name: 'initialized pod: a regular init container that is gone is not run again',
      specs: [init('a'), sidecar('b')],
      observed: [none, running()],
      appsCreated: true,
      want: { start: [], initialized: true },
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      expect(planInitContainers(c.specs, c.observed, c.policy ?? 'Always', c.appsCreated ?? false)).toEqual({
        failed: false,
        ...c.want,
      });
    });
});
