import { describe, expect, it } from 'vitest';
import type { DockerRuntime, PullProgress } from '../runtime/docker-runtime';
import { ImagePuller } from './image-puller';

/** A stand-in engine for the puller's state machine; real pulls are tested against the engine elsewhere. */
function fakeEngine(behaviour: { present?: boolean; fail?: string; progress?: PullProgress[] }) {
  let release: () => void = () => {};
  const engine = {
    pulls: 0,
    imageId: async () => (behaviour.present ? 'sha256:abc' : undefined),
    pullImage: (_ref: string, onProgress: (p: PullProgress) => void) => {
      engine.pulls++;
      return new Promise<void>((resolve, reject) => {
        release = () => {
          for (const p of behaviour.progress ?? []) onProgress(p);
          if (behaviour.fail) reject(new Error(behaviour.fail));
          else {
            behaviour.present = true;
            resolve();
          }
        };
      });
    },
  };
  return {
    engine,
    finish: async () => {
      release();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

const container = (imagePullPolicy: 'Always' | 'IfNotPresent' | 'Never') => ({
  name: 'app',
  image: 'example.com/app:1',
  imagePullPolicy,
});

describe('ImagePuller', () => {
  it('uses a present image without pulling (IfNotPresent) and refuses a missing one under Never', async () => {
    const { engine } = fakeEngine({ present: true });
    const puller = new ImagePuller(engine as unknown as DockerRuntime);
    expect(await puller.ensure(container('IfNotPresent'), { event: () => {}, changed: () => {} })).toEqual({
      ready: true,
    });
    const missing = new ImagePuller(fakeEngine({}).engine as unknown as DockerRuntime);
    const events: string[] = [];
    const result = await missing.ensure(container('Never'), {
      event: (_t, reason) => events.push(reason),
      changed: () => {},
    });
    expect(result).toMatchObject({ ready: false, waiting: { reason: 'ErrImageNeverPull' } });
    expect(events).toEqual(['ErrImageNeverPull']);
  });

  it('pulls in the background with progress, then is ready', async () => {
    const { engine, finish } = fakeEngine({
      progress: [{ current: 5e6, total: 2e7, status: 'Downloading' }],
    });
    const puller = new ImagePuller(engine as unknown as DockerRuntime);
    const events: string[] = [];
    const hooks = { event: (_t: string, reason: string) => events.push(reason), changed: () => {} };
    expect(await puller.ensure(container('IfNotPresent'), hooks)).toMatchObject({
      ready: false,
      waiting: { reason: 'ContainerCreating', message: 'Pulling image "example.com/app:1"' },
    });
    expect(await puller.ensure(container('IfNotPresent'), hooks)).toMatchObject({ ready: false });
    expect(engine.pulls).toBe(1); // one pull, however often the pod syncs meanwhile
    await finish();
    expect(await puller.ensure(container('IfNotPresent'), hooks)).toEqual({ ready: true });
    expect(events).toEqual(['Pulling', 'Pulled']);
  });

  it('reports ErrImagePull with the engine message, then ImagePullBackOff until the backoff passes (clock injected)', async () => {
    let now = 1_000_000;
    const { engine, finish } = fakeEngine({ fail: 'dial tcp: lookup example.com: no such host' });
    const puller = new ImagePuller(engine as unknown as DockerRuntime, () => now);
    const hooks = { event: () => {}, changed: () => {} };
    await puller.ensure(container('IfNotPresent'), hooks);
    await finish();
    const first = await puller.ensure(container('IfNotPresent'), hooks);
    expect(first).toMatchObject({
      ready: false,
      waiting: {
        reason: 'ErrImagePull',
        message: 'Failed to pull image "example.com/app:1": dial tcp: lookup example.com: no such host',
      },
      retryInMs: 1_000,
    });
    now += 5_000;
    expect(await puller.ensure(container('IfNotPresent'), hooks)).toMatchObject({
      waiting: { reason: 'ImagePullBackOff' },
      retryInMs: 5_000,
    });
    expect(engine.pulls).toBe(1);
    now += 5_000;
    await puller.ensure(container('IfNotPresent'), hooks);
    expect(engine.pulls).toBe(2);
    await finish();
    await puller.ensure(container('IfNotPresent'), hooks);
    expect(await puller.ensure(container('IfNotPresent'), hooks)).toMatchObject({
      waiting: { reason: 'ImagePullBackOff' },
      retryInMs: 20_000,
    });
  });
});
