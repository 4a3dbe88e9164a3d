import { describe, expect, it } from 'vitest';
import type { Pod } from '../shared/pod-types';
import type { ObservedContainer } from './observed-pod';
import { appContainersFinished, sidecarStopOrder, terminationGroups } from './plan-termination-order';

const pod = (restartPolicy: 'Always' | 'OnFailure' | 'Never'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: {
    restartPolicy,
    initContainers: [
      { name: 'setup', image: 'x' },
      { name: 'mesh', image: 'x', restartPolicy: 'Always' },
      { name: 'logs', image: 'x', restartPolicy: 'Always' },
    ],
    containers: [
      { name: 'a', image: 'x' },
      { name: 'b', image: 'x' },
    ],
  },
});
const exited = (name: string, exitCode: number): ObservedContainer => ({
  name,
  image: 'x',
  ready: false,
  started: false,
  current: {
    id: name,
    attempt: 0,
    running: false,
    exitCode,
    oomKilled: false,
    error: '',
    imageId: '',
    specHash: '',
    finishedAt: '2026-01-01T00:00:00Z',
  },
});
const observed = (app: ObservedContainer[]) => ({ sandboxReady: true, init: [], app });

describe('termination order', () => {
  it('stops sidecars in reverse order, after every app container', () => {
    expect(sidecarStopOrder(pod('Always').spec.initContainers!)).toEqual([2, 1]);
    const containers = [
      { name: 'mesh', init: true },
      { name: 'a', init: false },
      { name: 'logs', init: true },
      { name: 'b', init: false },
    ];
    const groups = terminationGroups(
      pod('Always'),
      containers,
      (c) => c.name,
      (c) => c.init,
    );
    expect(groups.map((g) => g.map((c) => c.name))).toEqual([['a', 'b'], ['logs'], ['mesh']]);
  });

  it('calls the app containers finished only when none will restart', () => {
    const done = [exited('a', 0), exited('b', 0)];
    expect(appContainersFinished(pod('Always'), observed(done))).toBe(false);
    expect(appContainersFinished(pod('OnFailure'), observed(done))).toBe(true);
    expect(appContainersFinished(pod('OnFailure'), observed([exited('a', 0), exited('b', 1)]))).toBe(false);
    expect(appContainersFinished(pod('Never'), observed([exited('a', 0), exited('b', 1)]))).toBe(true);
    expect(
      appContainersFinished(
        pod('Never'),
        observed([exited('a', 0), { ...exited('b', 0), current: undefined }]),
      ),
    ).toBe(false);
  });
});
