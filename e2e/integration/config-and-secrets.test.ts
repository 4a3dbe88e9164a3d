import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { api } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';
import { containerStatus, createPod, podEvents, waitForPod, isReady } from '../support/pods';
import { kubectl } from '../support/kubectl';
import { startPrivateRegistry } from '../support/private-registry';

const run = promisify(execFile);
const PLANTED = 'Planted-s3cret-9d41b7';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

async function everyFileUnder(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) parts.push(await readFile(join(entry.parentPath, entry.name), 'latin1'));
  }
  return parts.join('\n');
}

describe('Secrets and ConfigMaps in pods, on the real engine', () => {
  const f = useSkiffServer('config');
  const secrets = () => `/api/v1/namespaces/${f.ns}/secrets`;
  const configMaps = () => `/api/v1/namespaces/${f.ns}/configmaps`;
  const exec = async (pod: string, command: string) =>
    (await kubectl(f.skiff, ['exec', pod, '--', 'sh', '-c', command], f.ns)).stdout;

  it('delivers a Secret as env and as files, updates the files in place, and keeps it off the disk and out of logs', async () => {
    const created = await api(f.skiff, secrets(), {
      method: 'POST',
      body: { metadata: { name: 'db' }, stringData: { password: PLANTED, user: 'admin' } },
    });
    expect(created.status).toBe(201);
    expect(created.body.data.password).toBe(b64(PLANTED)); // served as Kubernetes does
    expect(created.body.stringData).toBeUndefined();
    await api(f.skiff, configMaps(), {
      method: 'POST',
      body: { metadata: { name: 'app' }, data: { greeting: 'hello', mode: 'dev' } },
    });
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'consumer' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'app',
            image: 'skiff-test/tools:v1',
            env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }],
            envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'app' } }],
            volumeMounts: [
              { name: 'creds', mountPath: '/etc/creds' },
              { name: 'conf', mountPath: '/etc/app' },
              // one key as one file (a Compose import's configs and secrets are mounted so)
              { name: 'whole-conf', mountPath: '/etc/mode.txt', subPath: 'mode' },
            ],
          },
        ],
        volumes: [
          { name: 'creds', secret: { secretName: 'db' } },
          {
            name: 'conf',
            configMap: { name: 'app', items: [{ key: 'greeting', path: 'text/greeting.txt', mode: 0o400 }] },
          },
          { name: 'whole-conf', configMap: { name: 'app' } },
        ],
      },
    });
    await waitForPod(f.skiff, f.ns, 'consumer', isReady);
    expect(await exec('consumer', 'echo "$DB_PASSWORD"')).toBe(`${PLANTED}\n`);
    expect(await exec('consumer', 'echo "$CFG_greeting"; echo "$CFG_mode"')).toBe('hello\ndev\n');
    expect(await exec('consumer', 'cat /etc/creds/password; echo; cat /etc/creds/user; echo')).toBe(
      `${PLANTED}\nadmin\n`,
    );
    expect(await exec('consumer', 'cat /etc/app/text/greeting.txt; ls /etc/app')).toBe('hellotext\n');
    expect(await exec('consumer', 'test -f /etc/mode.txt && cat /etc/mode.txt')).toBe('dev');
    expect(await exec('consumer', 'stat -L -c %a /etc/app/text/greeting.txt /etc/creds/user')).toBe(
      '400\n644\n',
    );
    // Mounted read-only, as Kubernetes mounts them.
    await expect(exec('consumer', 'echo x > /etc/creds/user')).rejects.toThrow(/Read-only file system/);

    await api(f.skiff, `${secrets()}/db`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { stringData: { password: 'rotated' } },
    });
    const started = Date.now();
    await expect
      .poll(() => exec('consumer', 'cat /etc/creds/password'), { timeout: 5000, interval: 100 })
      .toBe('rotated');
    console.log(`secret update reached the mounted file in ${Date.now() - started} ms`);
    expect(await exec('consumer', 'echo "$DB_PASSWORD"')).toBe(`${PLANTED}\n`); // env changes only on restart

    const disk = await everyFileUnder(f.dir);
    expect(disk).not.toContain(PLANTED);
    expect(disk).not.toContain(b64(PLANTED));
    expect(f.skiff.output()).not.toContain(PLANTED);
    const events = JSON.stringify((await api(f.skiff, `/api/v1/namespaces/${f.ns}/events`)).body);
    expect(events).not.toContain(PLANTED);
  }, 60_000);

  it('switches mounted files atomically: a reader never sees a mix of two versions', async () => {
    const versions = ['a', 'b', 'c', 'd'].map((ch) => ch.repeat(300_000));
    await api(f.skiff, configMaps(), {
      method: 'POST',
      body: { metadata: { name: 'big' }, data: { blob: versions[0] } },
    });
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'reader' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          { name: 'app', image: 'skiff-test/tools:v1', volumeMounts: [{ name: 'big', mountPath: '/big' }] },
        ],
        volumes: [{ name: 'big', configMap: { name: 'big' } }],
      },
    });
    await waitForPod(f.skiff, f.ns, 'reader', isReady);
    const reading = exec('reader', 'i=0; while [ $i -lt 300 ]; do md5sum < /big/blob; i=$((i+1)); done');
    for (const next of versions.slice(1)) {
      await new Promise((r) => setTimeout(r, 300));
      const res = await api(f.skiff, `${configMaps()}/big`, {
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        body: { data: { blob: next } },
      });
      expect(res.status).toBe(200);
    }
    const sums = (await reading)
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[0]);
    const known = new Set(versions.map(md5));
    expect(sums.filter((s) => !known.has(s!))).toEqual([]);
    expect(new Set(sums).size).toBeGreaterThan(1); // the reader did live through updates
  }, 60_000);

  it('waits for a missing Secret or ConfigMap with the reason Kubernetes gives, and starts once it exists', async () => {
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'needs-token' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'app',
            image: 'skiff-test/tools:v1',
            env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api-token', key: 'token' } } }],
          },
        ],
      },
    });
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'needs-config' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          { name: 'app', image: 'skiff-test/tools:v1', volumeMounts: [{ name: 'c', mountPath: '/c' }] },
        ],
        volumes: [{ name: 'c', configMap: { name: 'late' } }],
      },
    });
    const waiting = await waitForPod(
      f.skiff,
      f.ns,
      'needs-token',
      (p) => containerStatus(p, 'app')?.state?.waiting?.reason === 'CreateContainerConfigError',
    );
    expect(containerStatus(waiting, 'app').state.waiting.message).toBe('secret "api-token" not found');
    await expect
      .poll(async () =>
        (await podEvents(f.skiff, f.ns, 'needs-config')).map((e) => `${e.reason}: ${e.message}`),
      )
      .toContain('FailedMount: MountVolume.SetUp failed for volume "c" : configmap "late" not found');
    await waitForPod(
      f.skiff,
      f.ns,
      'needs-config',
      (p) => containerStatus(p, 'app')?.state?.waiting?.reason === 'ContainerCreating',
    );

    await api(f.skiff, secrets(), {
      method: 'POST',
      body: { metadata: { name: 'api-token' }, data: { token: b64('t') } },
    });
    await api(f.skiff, configMaps(), {
      method: 'POST',
      body: { metadata: { name: 'late' }, data: { k: 'v' } },
    });
    await waitForPod(f.skiff, f.ns, 'needs-token', isReady);
    await waitForPod(f.skiff, f.ns, 'needs-config', isReady);
    expect(await exec('needs-config', 'cat /c/k')).toBe('v');
  }, 60_000);

  it('pulls from a private registry with an imagePullSecret, and reports unauthorized without one', async () => {
    const password = 'Pull-pa55-0c2e';
    const registry = await startPrivateRegistry('skiff-test/tools:v1', 'team/tools', 'v1', {
      username: 'skiff',
      password,
    });
    const image = `${registry.host}/team/tools:v1`;
    const pod = (name: string, extra: Record<string, unknown> = {}) => ({
      metadata: { name },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [{ name: 'app', image, imagePullPolicy: 'Always' }],
        ...extra,
      },
    });
    try {
      await createPod(f.skiff, f.ns, pod('no-creds'));
      const refused = await waitForPod(f.skiff, f.ns, 'no-creds', (p) =>
        ['ErrImagePull', 'ImagePullBackOff'].includes(containerStatus(p, 'app')?.state?.waiting?.reason),
      );
      expect(containerStatus(refused, 'app').state.waiting.message).toMatch(
        /no basic auth credentials|unauthorized/,
      );

      const dockerconfig = { auths: { [registry.host]: { username: 'skiff', password } } };
      await api(f.skiff, secrets(), {
        method: 'POST',
        body: {
          metadata: { name: 'regcred' },
          type: 'kubernetes.io/dockerconfigjson',
          stringData: { '.dockerconfigjson': JSON.stringify(dockerconfig) },
        },
      });
      await createPod(f.skiff, f.ns, pod('with-creds', { imagePullSecrets: [{ name: 'regcred' }] }));
      await waitForPod(f.skiff, f.ns, 'with-creds', isReady, 30_000);
      const events = JSON.stringify((await api(f.skiff, `/api/v1/namespaces/${f.ns}/events`)).body);
      expect(events).toContain(`Successfully pulled image \\"${image}\\"`);
      expect(events).not.toContain(password);
      expect(f.skiff.output()).not.toContain(password);
    } finally {
      await registry.close();
      await run('docker', ['rmi', image]).catch(() => undefined); // only the tag: the image is skiff-test/tools
      await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/with-creds`, { method: 'DELETE' });
      await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/no-creds`, { method: 'DELETE' });
    }
  }, 60_000);

  it('refuses bad Secrets with the field, stores nothing, and never echoes a value', async () => {
    const bad = async (body: Record<string, unknown>, field: string, code = 422) => {
      const res = await api(f.skiff, secrets(), {
        method: 'POST',
        body: { metadata: { name: 'bad' }, ...body },
      });
      expect(res.status).toBe(code);
      expect(res.body.details.causes.map((c: any) => c.field)).toContain(field);
      expect(JSON.stringify(res.body)).not.toContain('hunter2');
      expect((await api(f.skiff, `${secrets()}/bad`)).status).toBe(404);
    };
    // Data that is not base64 does not decode: a 400, as Kubernetes answers.
    await bad({ data: { password: 'hunter2!!' } }, 'data[password]', 400);
    await bad({ stringData: { 'no/slash': 'hunter2' } }, 'data[no/slash]');
    await bad({ stringData: { big: 'x'.repeat(1024 * 1024 + 1) } }, 'data');
    await bad({ type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'hunter2' } }, 'data[tls.key]');

    await api(f.skiff, secrets(), {
      method: 'POST',
      body: { metadata: { name: 'frozen' }, immutable: true, stringData: { k: 'one' } },
    });
    const change = await api(f.skiff, `${secrets()}/frozen`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { stringData: { k: 'hunter2' } },
    });
    expect(change.status).toBe(422);
    expect(change.body.message).toMatch(/data: Forbidden: field is immutable when `immutable` is set/);
    expect((await api(f.skiff, `${secrets()}/frozen`)).body.data.k).toBe(b64('one'));
  });
});
