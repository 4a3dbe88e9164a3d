import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { api, makeDataDir, removeDataDir, startSkiff, type SkiffProcess } from '../support/skiff-process';
import { createPod, isReady, makeNamespace, podEvents, waitForPod } from '../support/pods';
import { kubectl } from '../support/kubectl';

const run = promisify(execFile);

const writerPod = (name: string, command: string, extra: Record<string, unknown> = {}) => ({
  metadata: { name },
  spec: {
    terminationGracePeriodSeconds: 1,
    containers: [
      {
        name: 'app',
        image: 'skiff-test/tools:v1',
        command: ['sh', '-c', `${command}; sleep 3600`],
        volumeMounts: [{ name: 'data', mountPath: '/data' }],
      },
    ],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'db-data' } }],
    ...extra,
  },
});

describe('claims and volumes on the real engine, across Skiff restarts', () => {
  let dir: string;
  let skiff: SkiffProcess;
  let ns: string;
  const claims = () => `/api/v1/namespaces/${ns}/persistentvolumeclaims`;
  const exec = async (pod: string, command: string) =>
    (await kubectl(skiff, ['exec', pod, '--', 'sh', '-c', command], ns)).stdout;

  afterAll(async () => {
    if (skiff) {
      await api(skiff, `/api/v1/namespaces/${ns}`, { method: 'DELETE' });
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && (await api(skiff, `/api/v1/namespaces/${ns}`)).status !== 404)
        await new Promise((r) => setTimeout(r, 200));
      // The namespace's claims went with it; their volumes follow (reclaim policy Delete).
      while (Date.now() < deadline && (await api(skiff, '/api/v1/persistentvolumes')).body.items.length > 0)
        await new Promise((r) => setTimeout(r, 200));
      await skiff.stop();
    }
    if (dir) await removeDataDir(dir);
  });

  it('keeps a claim’s data across pods and a Skiff restart, and removes it only after its last pod', async () => {
    dir = await makeDataDir();
    skiff = await startSkiff(dir);
    ns = await makeNamespace(skiff, 'claims');
    const classes = await api(skiff, '/apis/storage.k8s.io/v1/storageclasses');
    expect(
      classes.body.items.map((c: any) => [
        c.metadata.name,
        c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'],
      ]),
    ).toEqual([['local', 'true']]);

    const created = await api(skiff, claims(), {
      method: 'POST',
      body: {
        metadata: { name: 'db-data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.spec.storageClassName).toBe('local');
    expect(created.body.metadata.finalizers).toContain('kubernetes.io/pvc-protection');
    await expect
      .poll(async () => (await api(skiff, `${claims()}/db-data`)).body.status, { timeout: 10_000 })
      .toMatchObject({ phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] });
    const claim = (await api(skiff, `${claims()}/db-data`)).body;
    const pv = (await api(skiff, `/api/v1/persistentvolumes/${claim.spec.volumeName}`)).body;
    expect(pv).toMatchObject({
      spec: {
        claimRef: { name: 'db-data', namespace: ns, uid: claim.metadata.uid },
        storageClassName: 'local',
        persistentVolumeReclaimPolicy: 'Delete',
      },
      status: { phase: 'Bound' },
    });
    const dockerVolume = pv.spec.csi.volumeHandle;
    const inspect = JSON.parse((await run('docker', ['volume', 'inspect', dockerVolume])).stdout)[0];
    expect(inspect.Labels).toMatchObject({ 'io.skiff.claim': `${ns}/db-data`, 'io.skiff.test': 'true' });
    // What backs each claim, as a user lists it (server-side Table columns are kubectl-compat work, #8).
    const columns =
      'NAME:.metadata.name,CAPACITY:.spec.capacity.storage,STATUS:.status.phase,CLAIM:.spec.claimRef.name,CLASS:.spec.storageClassName,DOCKER:.spec.csi.volumeHandle';
    const listed = await kubectl(skiff, ['get', 'pv', '-o', `custom-columns=${columns}`], ns);
    expect(listed.stdout).toMatch(
      new RegExp(`${claim.spec.volumeName}\\s+1Gi\\s+Bound\\s+db-data\\s+local\\s+${dockerVolume}`),
    );

    await createPod(skiff, ns, writerPod('first', 'echo kept-across-pods > /data/file'));
    await waitForPod(skiff, ns, 'first', isReady);
    await api(skiff, `/api/v1/namespaces/${ns}/pods/first`, { method: 'DELETE' });
    await createPod(skiff, ns, writerPod('second', 'true'));
    await waitForPod(skiff, ns, 'second', isReady);
    expect(await exec('second', 'cat /data/file')).toBe('kept-across-pods\n');

    await skiff.stop();
    skiff = await startSkiff(dir);
    await waitForPod(skiff, ns, 'second', isReady);
    await api(skiff, `/api/v1/namespaces/${ns}/pods/second`, { method: 'DELETE' });
    await createPod(skiff, ns, writerPod('third', 'true'));
    await waitForPod(skiff, ns, 'third', isReady);
    expect(await exec('third', 'cat /data/file')).toBe('kept-across-pods\n');

    // The claim waits for its last pod (pvc-protection), then goes with its Docker volume. A claim no pod uses,
    // deleted right after it, is the witness: the protection controller decides claims in the order they come,
    // so once the unused one is gone, the one in use has been decided on.
    const unused = await api(skiff, claims(), {
      method: 'POST',
      body: {
        metadata: { name: 'unused' },
        spec: {
          storageClassName: 'no-such-class',
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
        },
      },
    });
    expect(unused.status).toBe(201);
    expect((await api(skiff, `${claims()}/db-data`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(skiff, `${claims()}/unused`, { method: 'DELETE' })).status).toBe(200);
    await expect
      .poll(async () => (await api(skiff, `${claims()}/unused`)).status, { timeout: 10_000 })
      .toBe(404);
    const waiting = (await api(skiff, `${claims()}/db-data`)).body;
    expect(waiting.metadata.deletionTimestamp).toBeTruthy();
    expect(waiting.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(await exec('third', 'cat /data/file')).toBe('kept-across-pods\n');
    await api(skiff, `/api/v1/namespaces/${ns}/pods/third`, { method: 'DELETE' });
    await expect
      .poll(async () => (await api(skiff, `${claims()}/db-data`)).status, { timeout: 15_000 })
      .toBe(404);
    await expect
      .poll(async () => (await api(skiff, `/api/v1/persistentvolumes/${claim.spec.volumeName}`)).status, {
        timeout: 10_000,
      })
      .toBe(404);
    await expect
      .poll(
        async () =>
          (await run('docker', ['volume', 'ls', '-q', '--filter', `name=${dockerVolume}`])).stdout.trim(),
        { timeout: 10_000 },
      )
      .toBe('');
  }, 120_000);

  it('keeps a pod whose claim is missing Pending, and starts it once the claim is bound', async () => {
    await createPod(
      skiff,
      ns,
      writerPod('early', 'echo early > /data/x', {
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'later' } }],
      }),
    );
    await expect
      .poll(async () => (await podEvents(skiff, ns, 'early')).map((e) => `${e.reason}: ${e.message}`), {
        timeout: 10_000,
      })
      .toContain('FailedScheduling: 0/1 nodes are available: persistentvolumeclaim "later" not found.');
    await api(skiff, claims(), {
      method: 'POST',
      body: {
        metadata: { name: 'later' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Mi' } } },
      },
    });
    await waitForPod(skiff, ns, 'early', isReady);
    expect(await exec('early', 'cat /data/x')).toBe('early\n');
  }, 60_000);

  it('mounts subPaths, read-only mounts and every hostPath type, and refuses a hostPath of the wrong type', async () => {
    const host = await mkdtemp(join(tmpdir(), 'skiff-hostpath-'));
    try {
      await writeFile(join(host, 'config.txt'), 'from the host\n');
      await createPod(skiff, ns, {
        metadata: { name: 'mounts' },
        spec: {
          terminationGracePeriodSeconds: 1,
          containers: [
            {
              name: 'app',
              image: 'skiff-test/tools:v1',
              command: ['sh', '-c', 'echo one > /a/f; echo two > /b/f; echo made > /made/f; sleep 3600'],
              volumeMounts: [
                { name: 'scratch', mountPath: '/a', subPath: 'one' },
                { name: 'scratch', mountPath: '/b', subPath: 'two/deeper' },
                { name: 'scratch', mountPath: '/all', readOnly: true },
                { name: 'file', mountPath: '/etc/config.txt', readOnly: true },
                { name: 'created', mountPath: '/made' },
                { name: 'touched', mountPath: '/touched' },
              ],
            },
          ],
          volumes: [
            { name: 'scratch', emptyDir: {} },
            { name: 'file', hostPath: { path: join(host, 'config.txt'), type: 'File' } },
            { name: 'created', hostPath: { path: join(host, 'new-dir'), type: 'DirectoryOrCreate' } },
            { name: 'touched', hostPath: { path: join(host, 'new-file'), type: 'FileOrCreate' } },
          ],
        },
      });
      await waitForPod(skiff, ns, 'mounts', isReady);
      expect(await exec('mounts', 'cat /all/one/f /all/two/deeper/f /etc/config.txt')).toBe(
        'one\ntwo\nfrom the host\n',
      );
      await expect(exec('mounts', 'echo x > /all/one/f')).rejects.toThrow(/Read-only file system/);
      expect(await readFile(join(host, 'new-dir', 'f'), 'utf8')).toBe('made\n');
      expect(await readFile(join(host, 'new-file'), 'utf8')).toBe('');

      await createPod(skiff, ns, {
        metadata: { name: 'wrong-type' },
        spec: {
          containers: [
            { name: 'app', image: 'skiff-test/tools:v1', volumeMounts: [{ name: 'd', mountPath: '/d' }] },
          ],
          volumes: [{ name: 'd', hostPath: { path: join(host, 'config.txt'), type: 'Directory' } }],
        },
      });
      await expect
        .poll(
          async () => (await podEvents(skiff, ns, 'wrong-type')).map((e) => `${e.reason}: ${e.message}`),
          { timeout: 10_000 },
        )
        .toContain(
          `FailedMount: MountVolume.SetUp failed for volume "d" : hostPath type check failed: ${join(host, 'config.txt')} is not a directory`,
        );
    } finally {
      await rm(host, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a claim without a size or access mode, or a change to its spec, naming the field', async () => {
    const noSize = await api(skiff, claims(), {
      method: 'POST',
      body: { metadata: { name: 'bad' }, spec: { accessModes: ['ReadWriteOnce'] } },
    });
    expect(noSize.status).toBe(422);
    expect(noSize.body.message).toMatch(/spec\.resources\.requests\[storage\]: Required value/);
    const noMode = await api(skiff, claims(), {
      method: 'POST',
      body: { metadata: { name: 'bad' }, spec: { resources: { requests: { storage: '1Gi' } } } },
    });
    expect(noMode.status).toBe(422);
    expect(noMode.body.message).toMatch(/spec\.accessModes: Required value/);
    expect((await api(skiff, `${claims()}/bad`)).status).toBe(404);
    const change = await api(skiff, `${claims()}/later`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { spec: { accessModes: ['ReadWriteMany'] } },
    });
    expect(change.status).toBe(422);
    expect(change.body.message).toMatch(/spec: Forbidden: spec is immutable after creation/);
  });
});
