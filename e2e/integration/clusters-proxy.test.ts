import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { chmod, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dump } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { KUBECTL } from '../support/kubectl';
import { makeTestPki, startMtlsFront, type MtlsFront } from '../support/mtls-front';
import { containerStatus, createPod, waitForPod } from '../support/pods';
import { useSkiffServer } from '../support/skiff-fixture';
import { api, watch, type SkiffProcess } from '../support/skiff-process';

const run = promisify(execFile);
const b64 = (text: string) => Buffer.from(text).toString('base64');

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}

/** An exec credential plugin as `aws eks get-token` is one: prints an ExecCredential, or fails with its words. */
async function plugin(dir: string, name: string, script: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${script}\n`);
  await chmod(path, 0o755);
  return path;
}

function execThroughProxy(
  skiff: SkiffProcess,
  path: string,
): Promise<{ protocol: string; stdout: string; status: any }> {
  return new Promise((resolve, reject) => {
    const token = `base64url.bearer.authorization.k8s.io.${Buffer.from(skiff.token).toString('base64url')}`;
    const ws = new WebSocket(
      `wss://127.0.0.1:${skiff.port}${path}`,
      ['v5.channel.k8s.io', 'v4.channel.k8s.io', token],
      {
        ca: skiff.ca,
      },
    );
    let stdout = '';
    let status: any;
    ws.on('message', (data: Buffer) => {
      if (data[0] === 1) stdout += data.subarray(1).toString();
      if (data[0] === 3) status = JSON.parse(data.subarray(1).toString());
    });
    ws.on('close', () => resolve({ protocol: ws.protocol, stdout, status }));
    ws.on('error', reject);
  });
}

describe('other clusters through /clusters/{id}', () => {
  // the local Skiff reads $KUBECONFIG when first asked, so the file is written after both servers start
  const dir = mkdtempSync(join(tmpdir(), 'skiff-clusters-'));
  const env: Record<string, string> = { KUBECONFIG: join(dir, 'config') };
  const remote = useSkiffServer('remote');
  const local = useSkiffServer(undefined, env);
  let front: MtlsFront;
  let addedFile: string;

  beforeAll(async () => {
    const pki = await makeTestPki(dir);
    front = await startMtlsFront(pki, remote.skiff);
    const goodPlugin = await plugin(
      dir,
      'get-token',
      `cat <<EOF\n${JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: remote.skiff.token, expirationTimestamp: new Date(Date.now() + 3_600_000).toISOString() } })}\nEOF`,
    );
    const badPlugin = await plugin(
      dir,
      'bad-token',
      'echo "error: the SSO session has expired; run: mycloud login" >&2; exit 1',
    );
    const remoteCa = b64(remote.skiff.ca);
    await writeFile(
      env.KUBECONFIG!,
      dump({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'remote',
            cluster: { server: remote.skiff.apiUrl, 'certificate-authority-data': remoteCa },
          },
          {
            name: 'nowhere',
            cluster: { server: `https://127.0.0.1:${await closedPort()}`, 'insecure-skip-tls-verify': true },
          },
          {
            name: 'self',
            cluster: { server: local.skiff.apiUrl, 'certificate-authority-data': b64(local.skiff.ca) },
          },
        ],
        users: [
          { name: 'remote-token', user: { token: remote.skiff.token } },
          { name: 'expired', user: { token: 'expired-or-revoked-token' } },
          { name: 'skiff', user: { token: local.skiff.token } },
        ],
        contexts: [
          {
            name: 'remote-token',
            context: { cluster: 'remote', user: 'remote-token', namespace: remote.ns },
          },
          { name: 'expired-token', context: { cluster: 'remote', user: 'expired' } },
          { name: 'unreachable', context: { cluster: 'nowhere', user: 'remote-token' } },
          { name: 'skiff', context: { cluster: 'self', user: 'skiff' } },
        ],
      }),
    );
    addedFile = join(dir, 'more', 'kubeconfig');
    await run('mkdir', ['-p', join(dir, 'more')]);
    await writeFile(
      addedFile,
      dump({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'front',
            cluster: {
              server: `https://127.0.0.1:${front.port}`,
              'certificate-authority-data': b64(pki.caCert),
            },
          },
          {
            name: 'remote-again',
            cluster: { server: remote.skiff.apiUrl, 'certificate-authority-data': remoteCa },
          },
        ],
        users: [
          // relative to this file's directory, as kubectl reads them
          { name: 'jane', user: { 'client-certificate': '../client.crt', 'client-key': '../client.key' } },
          {
            name: 'sso',
            user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: goodPlugin } },
          },
          {
            name: 'sso-expired',
            user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: badPlugin } },
          },
        ],
        contexts: [
          { name: 'Remote via mTLS', context: { cluster: 'front', user: 'jane' } },
          { name: 'remote-exec', context: { cluster: 'remote-again', user: 'sso' } },
          { name: 'failing-plugin', context: { cluster: 'remote-again', user: 'sso-expired' } },
        ],
      }),
    );
    await createPod(remote.skiff, remote.ns, {
      metadata: { name: 'talker' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'app',
            image: 'skiff-test/tools:v1',
            command: ['sh', '-c', 'i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.2; done'],
          },
        ],
      },
    });
    await waitForPod(remote.skiff, remote.ns, 'talker', (p) => !!containerStatus(p, 'app')?.state?.running);
  });

  afterAll(async () => {
    await front?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('adds a kubeconfig file, refusing one that is not there or not a kubeconfig', async () => {
    const missing = await api(local.skiff, '/apis/ui.skiff.io/v1/kubeconfigfiles', {
      method: 'POST',
      body: { path: join(dir, 'nope') },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/^path: ".*nope" does not exist/);
    expect(missing.body.details.causes[0].field).toBe('path');
    const notKubeconfig = await api(local.skiff, '/apis/ui.skiff.io/v1/kubeconfigfiles', {
      method: 'POST',
      body: { path: join(dir, 'get-token') },
    });
    expect(notKubeconfig.status).toBe(400);
    expect(notKubeconfig.body.message).toMatch(/^path: .* (is not a|not a valid) kubeconfig/);
    const added = await api(local.skiff, '/apis/ui.skiff.io/v1/kubeconfigfiles', {
      method: 'POST',
      body: { path: addedFile },
    });
    expect(added.status).toBe(201);
    expect(added.body.items).toEqual([{ path: addedFile }]);
  });

  it('lists the local Skiff once and every other context, with warnings', async () => {
    const list = await api(local.skiff, '/apis/ui.skiff.io/v1/clustercontexts');
    expect(list.status).toBe(200);
    const items = list.body.items as any[];
    expect(items[0]).toMatchObject({ id: 'local', local: true, source: 'skiff' });
    expect(items.map((c) => c.name)).toEqual([
      'skiff',
      'remote-token',
      'expired-token',
      'unreachable',
      'Remote via mTLS',
      'remote-exec',
      'failing-plugin',
    ]);
    expect(items.find((c) => c.name === 'remote-token')).toMatchObject({
      id: 'remote-token',
      server: remote.skiff.apiUrl,
      namespace: remote.ns,
      source: env.KUBECONFIG,
      warnings: [],
    });
    expect(items.find((c) => c.name === 'unreachable').warnings[0]).toMatch(/^insecure-skip-tls-verify/);
    expect(items.find((c) => c.name === 'Remote via mTLS')).toMatchObject({
      id: expect.stringMatching(/^remote-via-mtls-[0-9a-f]{6}$/),
      source: addedFile,
    });
  });

  it('lists the remote’s pods through a bearer token, a client certificate and an exec plugin', async () => {
    const ids = ((await api(local.skiff, '/apis/ui.skiff.io/v1/clustercontexts')).body.items as any[]).map(
      (c) => c.id,
    );
    const mtls = ids.find((id) => id.startsWith('remote-via-mtls-'));
    for (const id of ['remote-token', mtls, 'remote-exec']) {
      const pods = await api(local.skiff, `/clusters/${id}/api/v1/namespaces/${remote.ns}/pods?limit=10`);
      expect(pods.status, `${id}: ${JSON.stringify(pods.body)}`).toBe(200);
      expect(pods.body.items.map((p: any) => p.metadata.name)).toEqual(['talker']);
    }
    // the front checks the client certificate in the handshake: no certificate, no connection
    await expect(
      new Promise((ok, fail) => {
        const req = request(
          `https://127.0.0.1:${front.port}/version`,
          { ca: remote.skiff.ca, rejectUnauthorized: false },
          ok,
        );
        req.on('error', fail);
        req.end();
      }),
    ).rejects.toThrow();
    // Skiff's own token and origin never leave the machine's proxy
    expect(front.seen.length).toBeGreaterThan(0);
    for (const headers of front.seen) {
      expect(headers.authorization).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(local.skiff.token);
    }
  });

  it('answers a failing credential or an unreachable server with a Status in its own words', async () => {
    const expired = await api(local.skiff, `/clusters/expired-token/api/v1/namespaces/${remote.ns}/pods`);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ kind: 'Status', code: 401, message: 'Unauthorized' });
    const unreachable = await api(local.skiff, '/clusters/unreachable/api/v1/pods');
    expect(unreachable.status).toBe(503);
    expect(unreachable.body.message).toMatch(
      /^the cluster at https:\/\/127\.0\.0\.1:\d+ is unreachable: .*ECONNREFUSED/,
    );
    const failing = await api(local.skiff, '/clusters/failing-plugin/api/v1/pods');
    expect(failing.status).toBe(401);
    expect(failing.body.message).toContain('the SSO session has expired; run: mycloud login');
    const unknown = await api(local.skiff, '/clusters/no-such-context/api/v1/pods');
    expect(unknown.status).toBe(404);

    const status = async (id: string) =>
      (await api(local.skiff, `/apis/ui.skiff.io/v1/clustercontexts/${id}/status`)).body;
    expect(await status('remote-exec')).toMatchObject({
      reachable: true,
      serverVersion: expect.stringMatching(/^v1\.32/),
      metrics: true,
    });
    expect(await status('expired-token')).toMatchObject({
      reachable: false,
      code: 401,
      error: 'Unauthorized',
    });
    expect(await status('unreachable')).toMatchObject({
      reachable: false,
      code: 503,
      error: expect.stringContaining('ECONNREFUSED'),
    });
    expect(await status('failing-plugin')).toMatchObject({
      reachable: false,
      code: 401,
      error: expect.stringContaining('mycloud login'),
    });
  });

  it('streams a watch, a followed log and an exec over WebSocket from the remote', async () => {
    const watcher = await watch(
      local.skiff,
      `/clusters/remote-token/api/v1/namespaces/${remote.ns}/pods?watch=1`,
    );
    try {
      await createPod(remote.skiff, remote.ns, {
        metadata: { name: 'seen-by-watch' },
        spec: { containers: [{ name: 'c', image: 'skiff-test/web:v1' }] },
      });
      await watcher.waitFor((events) =>
        events.some((e) => e.type === 'ADDED' && e.object.metadata.name === 'seen-by-watch'),
      );
    } finally {
      watcher.close();
    }

    const lines = await new Promise<string[]>((resolve, reject) => {
      const seen: string[] = [];
      const req = request(
        `${local.skiff.apiUrl}/clusters/remote-exec/api/v1/namespaces/${remote.ns}/pods/talker/log?follow=true&tailLines=1`,
        { headers: { Authorization: `Bearer ${local.skiff.token}` }, ca: local.skiff.ca },
        (res) => {
          res.on('data', (d: Buffer) => {
            seen.push(...d.toString().split('\n').filter(Boolean));
            if (seen.length >= 3) {
              req.destroy();
              resolve(seen);
            }
          });
        },
      );
      req.on('error', (err) =>
        (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err),
      );
      req.end();
    });
    const numbers = lines.map((l) => Number(/^line-(\d+)$/.exec(l)?.[1]));
    expect(numbers[1]).toBe(numbers[0]! + 1);

    const exec = await execThroughProxy(
      local.skiff,
      `/clusters/remote-token/api/v1/namespaces/${remote.ns}/pods/talker/exec?command=echo&command=from-the-remote&stdout=true`,
    );
    expect(exec.protocol).toBe('v5.channel.k8s.io');
    expect(exec.stdout).toBe('from-the-remote\n');
    expect(exec.status).toMatchObject({ status: 'Success' });
  });

  it('serves kubectl pointed at https://127.0.0.1:<skiff>/clusters/<id>', async () => {
    const kubeconfig = join(dir, 'through-skiff');
    await writeFile(
      kubeconfig,
      dump({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'c',
            cluster: {
              server: `${local.skiff.apiUrl}/clusters/remote-exec`,
              'certificate-authority-data': b64(local.skiff.ca),
            },
          },
        ],
        users: [{ name: 'u', user: { token: local.skiff.token } }],
        contexts: [{ name: 'x', context: { cluster: 'c', user: 'u', namespace: remote.ns } }],
        'current-context': 'x',
      }),
    );
    const kubectl = (args: string[]) =>
      run(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'kubectl-cache'), ...args], {
        timeout: 60_000,
      });
    expect((await kubectl(['get', 'pods', '-o', 'name'])).stdout).toContain('pod/talker');
    expect((await kubectl(['exec', 'talker', '--', 'echo', 'kubectl-through-skiff'])).stdout).toBe(
      'kubectl-through-skiff\n',
    );
    expect((await kubectl(['logs', 'talker', '--tail=1'])).stdout).toMatch(/^line-\d+\n$/);
  });

  it('removes an added file and its contexts', async () => {
    const removed = await api(
      local.skiff,
      `/apis/ui.skiff.io/v1/kubeconfigfiles?path=${encodeURIComponent(addedFile)}`,
      { method: 'DELETE' },
    );
    expect(removed.status).toBe(200);
    expect(removed.body.items).toEqual([]);
    const names = ((await api(local.skiff, '/apis/ui.skiff.io/v1/clustercontexts')).body.items as any[]).map(
      (c) => c.name,
    );
    expect(names).toEqual(['skiff', 'remote-token', 'expired-token', 'unreachable']);
    expect((await api(local.skiff, '/clusters/remote-exec/version')).status).toBe(404);
  });
});
