import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docker } from '../support/docker-cli';
import { createPod, waitForPod } from '../support/pods';
import {
  api,
  makeDataDir,
  removeDataDir,
  startSkiff,
  watch,
  type SkiffProcess,
} from '../support/skiff-process';

describe('state survives restarts and crashes', () => {
  let dir: string;
  let running: SkiffProcess | undefined;
  beforeEach(async () => {
    dir = await makeDataDir();
  });
  afterEach(async () => {
    await running?.stop('SIGKILL');
    running = undefined;
    await removeDataDir(dir);
  });

  it('keeps objects, token and kubeconfig across a clean restart (SIGTERM)', async () => {
    running = await startSkiff(dir);
    await api(running, '/api/v1/namespaces', {
      method: 'POST',
      body: { metadata: { name: 'kept', labels: { a: 'b' } } },
    });
    await api(running, '/api/v1/namespaces/kept/configmaps', {
      method: 'POST',
      body: { metadata: { name: 'cfg' }, data: { k: 'v' } },
    });
    const before = await api(running, '/api/v1/namespaces/kept');
    const kubeconfigBefore = await readFile(running.kubeconfig, 'utf8');
    expect(await running.stop('SIGTERM')).toBe(0);
    expect(running.output()).toMatch(/SIGTERM received, stopping/);

    running = await startSkiff(dir);
    const after = await api(running, '/api/v1/namespaces/kept');
    expect(after.status).toBe(200);
    expect(after.body.metadata).toEqual(before.body.metadata);
    expect((await api(running, '/api/v1/namespaces/kept/configmaps/cfg')).body.data).toEqual({ k: 'v' });
    const kubeconfigAfter = await readFile(running.kubeconfig, 'utf8');
    expect(kubeconfigAfter.replace(/127\.0\.0\.1:\d+/, '')).toBe(
      kubeconfigBefore.replace(/127\.0\.0\.1:\d+/, ''),
    );

    // A watch from before the restart cannot be resumed: the client must relist (410 Gone).
    const stale = await watch(
      running,
      `/api/v1/namespaces?watch=true&resourceVersion=${Number(before.body.metadata.resourceVersion) - 1}`,
    );
    await stale.waitFor((events) => events.length > 0);
    stale.close();
    expect(stale.events[0]).toMatchObject({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired' },
    });
  });

  it('loses no acknowledged write when killed with SIGKILL in the middle of writes', async () => {
    running = await startSkiff(dir);
    const acknowledged: string[] = [];
    let stop = false;
    let n = 0;
    const writer = async () => {
      while (!stop) {
        const name = `w-${n++}`;
        try {
          const response = await api(running!, '/api/v1/namespaces/default/configmaps', {
            method: 'POST',
            body: { metadata: { name }, data: { n: String(n) } },
          });
          if (response.status === 201) acknowledged.push(name);
        } catch {
          return; // the connection died with the process: this write was never acknowledged
        }
      }
    };
    const writers = [writer(), writer(), writer(), writer()];
    // killed once enough writes were acknowledged, in the middle of the ones still in flight
    await expect.poll(() => acknowledged.length, { timeout: 30_000, interval: 20 }).toBeGreaterThan(40);
    await running.stop('SIGKILL');
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(20);

    running = await startSkiff(dir);
    const stored = new Set(
      ((await api(running, '/api/v1/namespaces/default/configmaps')).body.items as any[]).map(
        (i) => i.metadata.name,
      ),
    );
    const lost = acknowledged.filter((name) => !stored.has(name));
    expect(lost).toEqual([]);
    // And the store keeps working after recovery.
    expect(
      (
        await api(running, '/api/v1/namespaces/default/configmaps', {
          method: 'POST',
          body: { metadata: { name: 'after-crash' } },
        })
      ).status,
    ).toBe(201);
  });

  it('refuses a second Skiff on the same data dir with a clear message', async () => {
    running = await startSkiff(dir);
    await expect(startSkiff(dir)).rejects.toThrow(/another Skiff \(pid \d+\) is already using/);
  });

  it('finishes removing a pod deleted just before a clean stop: none of its containers is left', async () => {
    running = await startSkiff(dir);
    const pods: string[] = [];
    for (const name of ['gone-a', 'gone-b', 'gone-c']) {
      const pod = await createPod(running, 'default', {
        metadata: { name },
        spec: { containers: [{ name: 'web', image: 'skiff-test/web:v1' }] },
      });
      pods.push(pod.metadata.uid);
    }
    for (const name of ['gone-a', 'gone-b', 'gone-c']) {
      await waitForPod(running, 'default', name, (p) => p.status?.phase === 'Running');
      const del = await api(running, `/api/v1/namespaces/default/pods/${name}?gracePeriodSeconds=0`, {
        method: 'DELETE',
      });
      expect(del.status).toBe(200);
    }
    expect(await running.stop('SIGTERM')).toBe(0);
    running = undefined;
    for (const uid of pods)
      expect(await docker(['ps', '-aq', '--filter', `label=io.skiff.pod-uid=${uid}`]), uid).toBe('');
  });

  it('starts again at once after kill -9, and after a reboot left a pid file naming another live process', async () => {
    const first = await startSkiff(dir);
    first.child.kill('SIGKILL'); // not awaited: the killed process may still be a zombie
    running = await startSkiff(dir);
    expect((await api(running, '/api/v1/namespaces')).status).toBe(200);
    await running.stop();
    await writeFile(join(dir, 'skiff.pid'), '1'); // what the old pid-file lock left: pid 1 is always alive
    running = await startSkiff(dir);
    expect((await api(running, '/api/v1/namespaces')).status).toBe(200);
  });
});
