import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../support/docker-cli';
import { EngineLink } from '../support/engine-link';
import { restartEngine } from '../support/engine-restart';
import { containerStatus, createPod, isReady, makeNamespace, waitForPod } from '../support/pods';
import { api, makeDataDir, removeDataDir, startSkiff, type SkiffProcess } from '../support/skiff-process';

// Faults of the engine under running pods: its containers killed or removed behind Skiff's back, the engine
// out of reach for 30 s, and the daemon itself restarted. Skiff heals each as a kubelet would, deletes nothing,
// and says what happened.

const run = promisify(execFile);
const nodeReady = async (skiff: SkiffProcess) =>
  (await api(skiff, '/api/v1/nodes/skiff')).body.status?.conditions?.find((c: any) => c.type === 'Ready');
const idOf = (pod: any, name: string) =>
  String(containerStatus(pod, name)?.containerID ?? '').replace('docker://', '');
const sandboxOf = async (uid: string) =>
  (
    await docker([
      'ps',
      '-q',
      '--filter',
      `label=io.skiff.pod-uid=${uid}`,
      '--filter',
      'label=io.skiff.role=sandbox',
    ])
  ).trim();

describe('engine faults under running pods', () => {
  let skiff: SkiffProcess;
  let dir: string;
  let linkDir: string;
  let link: EngineLink;
  let ns: string;
  const faults: string[] = [];
  beforeAll(async () => {
    dir = await makeDataDir();
    linkDir = await mkdtemp(join(tmpdir(), 'skiff-engine-link-'));
    link = new EngineLink(join(linkDir, 'docker.sock'));
    await link.up();
    skiff = await startSkiff(dir, [], { DOCKER_HOST: `unix://${link.path}` });
    ns = await makeNamespace(skiff, 'faults');
    for (const name of ['always', 'on-failure'])
      await createPod(skiff, ns, {
        metadata: { name },
        spec: {
          restartPolicy: name === 'always' ? 'Always' : 'OnFailure',
          terminationGracePeriodSeconds: 1,
          containers: [
            {
              name: 'web',
              image: 'skiff-test/web:v1',
              readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 1 },
            },
          ],
        },
      });
    for (const name of ['always', 'on-failure']) await waitForPod(skiff, ns, name, isReady, 30_000);
  });
  afterAll(async () => {
    console.log(`engine-faults: ${faults.length} faults survived: ${faults.join('; ')}`);
    await api(skiff, `/api/v1/namespaces/${ns}`, { method: 'DELETE' });
    for (let i = 0; i < 200 && (await api(skiff, `/api/v1/namespaces/${ns}`)).status !== 404; i++)
      await new Promise((r) => setTimeout(r, 200));
    await skiff.stop();
    await link.down().catch(() => undefined);
    await removeDataDir(dir);
    await rm(linkDir, { recursive: true, force: true });
  });

  it('restarts app containers killed with docker kill, per restartPolicy, counting each restart', async () => {
    for (const name of ['always', 'on-failure']) {
      for (let round = 1; round <= 2; round++) {
        const pod = await waitForPod(skiff, ns, name, isReady, 30_000);
        const before = containerStatus(pod, 'web').restartCount;
        await docker(['kill', idOf(pod, 'web')]); // SIGKILL: exit 137, a failure for OnFailure too
        const after = await waitForPod(
          skiff,
          ns,
          name,
          (p) => containerStatus(p, 'web')?.restartCount === before + 1 && isReady(p),
          30_000,
        );
        expect(containerStatus(after, 'web').lastState.terminated).toMatchObject({ exitCode: 137 });
        faults.push(`docker kill ${name} #${round}`);
      }
    }
  });

  it('heals a pod whose sandbox was removed with docker rm -f', async () => {
    const pod = await waitForPod(skiff, ns, 'always', isReady, 30_000);
    const sandbox = await sandboxOf(pod.metadata.uid);
    expect(sandbox).not.toBe('');
    await docker(['rm', '-f', sandbox]);
    await expect
      .poll(async () => sandboxOf(pod.metadata.uid), { timeout: 30_000 })
      .not.toMatch(new RegExp(`^(${sandbox})?$`));
    // A new sandbox means a new app container in it: wait for the status to show that one, ready.
    const healed = await waitForPod(
      skiff,
      ns,
      'always',
      (p) => isReady(p) && idOf(p, 'web') !== idOf(pod, 'web'),
      30_000,
    );
    expect(healed.metadata.uid).toBe(pod.metadata.uid);
    faults.push('docker rm -f of a sandbox');
  });

  it('survives the engine out of reach for 30 s: node NotReady with the reason, nothing deleted, all resumes', async () => {
    const before = await waitForPod(skiff, ns, 'always', isReady, 30_000);
    await link.down();
    await expect.poll(async () => (await nodeReady(skiff))?.status, { timeout: 10_000 }).toBe('False');
    expect((await nodeReady(skiff)).message).toMatch(
      /Docker engine does not answer|container runtime is down/,
    );
    // Work asked for meanwhile waits instead of failing.
    await createPod(skiff, ns, {
      metadata: { name: 'during' },
      spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'web', image: 'skiff-test/web:v1' }] },
    });
    const waiting = await waitForPod(skiff, ns, 'during', (p) =>
      p.status?.conditions?.some((c: any) => c.type === 'PodScheduled' && c.status === 'False'),
    );
    expect(waiting.status.conditions.find((c: any) => c.type === 'PodScheduled').message).toMatch(
      /not-ready/,
    );
    await new Promise((r) => setTimeout(r, 30_000)); // the fault itself lasts 30 s: that is what is tested
    const listed = ((await api(skiff, `/api/v1/namespaces/${ns}/pods`)).body.items as any[]).map(
      (p) => p.metadata.name,
    );
    expect(listed.sort()).toEqual(['always', 'during', 'on-failure']);
    expect((await docker(['inspect', '-f', '{{.State.Running}}', idOf(before, 'web')])).trim()).toBe('true');
    await link.up();
    await expect.poll(async () => (await nodeReady(skiff))?.status, { timeout: 15_000 }).toBe('True');
    const after = await waitForPod(skiff, ns, 'always', isReady, 30_000);
    expect(idOf(after, 'web')).toBe(idOf(before, 'web'));
    await waitForPod(skiff, ns, 'during', (p) => !!containerStatus(p, 'web')?.state?.running, 30_000);
    faults.push('engine unreachable 30 s');
  });

  it('brings every pod back after the Docker daemon itself restarts', { timeout: 180_000 }, async () => {
    const before = await waitForPod(skiff, ns, 'always', isReady, 30_000);
    const onFailure = await waitForPod(skiff, ns, 'on-failure', isReady, 30_000);
    await restartEngine();
    for (const name of ['always', 'on-failure']) {
      const was = name === 'always' ? before : onFailure;
      const pod = await waitForPod(
        skiff,
        ns,
        name,
        // Every container stopped with the daemon; the pod comes back in a new sandbox with a new container.
        (p) => isReady(p) && idOf(p, 'web') !== idOf(was, 'web'),
        90_000,
      );
      expect(pod.metadata.uid).toBe(was.metadata.uid);
    }
    const after = await waitForPod(skiff, ns, 'always', isReady, 30_000);
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect((await nodeReady(skiff)).status).toBe('True');
    faults.push('dockerd restarted');
  });

  it('runs the engine it started in a session of its own, out of reach of signals to the test run', async () => {
    const field = async (pid: string | number, name: 'sid' | 'pgid') =>
      (await run('ps', ['-o', `${name}=`, '-p', String(pid)])).stdout.trim();
    const dockerd = (await run('pidof', ['dockerd'])).stdout.trim().split(/\s+/)[0]!;
    // The daemon just restarted was started by scripts/ensure-docker.sh, as `npm start` and `npm test` start it.
    expect(await field(dockerd, 'sid')).not.toBe(await field(process.pid, 'sid'));
    expect(await field(dockerd, 'pgid')).not.toBe(await field(process.pid, 'pgid'));
  });
});
