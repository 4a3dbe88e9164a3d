import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineLink } from '../support/engine-link';
import { api, makeDataDir, removeDataDir, startSkiff, type SkiffProcess } from '../support/skiff-process';
import { containerStatus, createPod, isReady, makeNamespace, waitForPod } from '../support/pods';

const nodeReady = async (skiff: SkiffProcess) =>
  (await api(skiff, '/api/v1/nodes/skiff')).body.status?.conditions?.find((c: any) => c.type === 'Ready');

describe('the engine going away and coming back', () => {
  let skiff: SkiffProcess;
  let dir: string;
  let linkDir: string;
  let link: EngineLink;
  let ns: string;
  beforeAll(async () => {
    dir = await makeDataDir();
    linkDir = await mkdtemp(join(tmpdir(), 'skiff-engine-link-'));
    link = new EngineLink(join(linkDir, 'docker.sock'));
    await link.up();
    skiff = await startSkiff(dir, [], { DOCKER_HOST: `unix://${link.path}` });
    ns = await makeNamespace(skiff, 'outage');
  });
  afterAll(async () => {
    await api(skiff, `/api/v1/namespaces/${ns}`, { method: 'DELETE' });
    await new Promise((r) => setTimeout(r, 2000));
    await skiff.stop();
    await link.down().catch(() => undefined);
    await removeDataDir(dir);
    await rm(linkDir, { recursive: true, force: true });
  });

  it('turns the node NotReady, keeps serving the API, then reconnects and resyncs', async () => {
    await createPod(skiff, ns, {
      metadata: { name: 'steady' },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'skiff-test/tools:v1',
            readinessProbe: { exec: { command: ['true'] }, periodSeconds: 1 },
          },
        ],
      },
    });
    const before = await waitForPod(skiff, ns, 'steady', isReady);

    await link.down();
    await expect.poll(async () => (await nodeReady(skiff))?.status, { timeout: 10_000 }).toBe('False');
    expect((await nodeReady(skiff)).message).toMatch(
      /Docker engine does not answer|container runtime is down/,
    );
    // Work asked for meanwhile waits instead of failing.
    await createPod(skiff, ns, {
      metadata: { name: 'during' },
      spec: { containers: [{ name: 'app', image: 'skiff-test/tools:v1' }] },
    });
    const waiting = await waitForPod(skiff, ns, 'during', (p) =>
      p.status?.conditions?.some((c: any) => c.type === 'PodScheduled' && c.status === 'False'),
    );
    expect(waiting.status.conditions.find((c: any) => c.type === 'PodScheduled').message).toMatch(
      /not-ready/,
    );

    await link.up();
    await expect.poll(async () => (await nodeReady(skiff))?.status, { timeout: 15_000 }).toBe('True');
    await waitForPod(skiff, ns, 'during', (p) => !!containerStatus(p, 'app')?.state?.running, 20_000);
    const after = await waitForPod(skiff, ns, 'steady', isReady);
    expect(containerStatus(after, 'app').containerID).toBe(containerStatus(before, 'app').containerID);
  });
});
