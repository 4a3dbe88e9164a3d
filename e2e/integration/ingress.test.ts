import { connect } from 'node:net';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { api, makeDataDir, removeDataDir, startSkiff } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';
import { createPod, isReady, waitForPod } from '../support/pods';
import { kubectl } from '../support/kubectl';

function get(base: string, host: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, headers: { host }, agent: false },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('Ingress on 127.0.0.1', () => {
  const f = useSkiffServer('ing');

  it('routes two hosts to two Services by path, reports its address, and passes a WebSocket upgrade through', async () => {
    for (const [name, image] of [
      ['shop', 'skiff-test/web:v1'],
      ['blog', 'skiff-test/web:v2'],
    ] as const) {
      await createPod(f.skiff, f.ns, {
        metadata: { name, labels: { app: name } },
        spec: {
          terminationGracePeriodSeconds: 1,
          containers: [
            {
              name: 'web',
              image,
              readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 1 },
            },
          ],
        },
      });
      await api(f.skiff, `/api/v1/namespaces/${f.ns}/services`, {
        method: 'POST',
        body: {
          metadata: { name },
          spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
        },
      });
    }
    // A pod that answers an Upgrade with 101 and keeps what it is sent after, as a WebSocket server would.
    await createPod(f.skiff, f.ns, {
      metadata: { name: 'socket', labels: { app: 'socket' } },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'nc',
            image: 'skiff-test/tools:v1',
            command: [
              'sh',
              '-c',
              "{ printf 'HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\n\\r\\n'; sleep 3600; } | nc -l -p 9000 > /tmp/got",
            ],
          },
        ],
      },
    });
    await api(f.skiff, `/api/v1/namespaces/${f.ns}/services`, {
      method: 'POST',
      body: { metadata: { name: 'socket' }, spec: { selector: { app: 'socket' }, ports: [{ port: 9000 }] } },
    });
    const created = await api(f.skiff, `/apis/networking.k8s.io/v1/namespaces/${f.ns}/ingresses`, {
      method: 'POST',
      body: {
        metadata: { name: 'sites' },
        spec: {
          rules: [
            {
              host: 'shop.local',
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name: 'shop', port: { name: 'http' } } },
                  },
                ],
              },
            },
            {
              host: 'blog.local',
              http: {
                paths: [
                  {
                    path: '/',
                    pathType: 'Prefix',
                    backend: { service: { name: 'blog', port: { number: 80 } } },
                  },
                  {
                    path: '/ws',
                    pathType: 'Exact',
                    backend: { service: { name: 'socket', port: { number: 9000 } } },
                  },
                ],
              },
            },
          ],
        },
      },
    });
    expect(created.status).toBe(201);
    for (const name of ['shop', 'blog', 'socket'])
      await waitForPod(f.skiff, f.ns, name, (p) =>
        name === 'socket' ? p.status?.phase === 'Running' : isReady(p),
      );
    await expect
      .poll(async () => (await get(f.skiff.ingressUrl, 'shop.local', '/')).body, { timeout: 10_000 })
      .toContain('web v1');
    expect((await get(f.skiff.ingressUrl, 'blog.local', '/')).body).toContain('web v2');
    expect((await get(f.skiff.ingressUrl, 'blog.local:80', '/cgi-bin/host')).body).toBe('blog\n');
    const nowhere = await get(f.skiff.ingressUrl, 'other.local', '/');
    expect(nowhere.status).toBe(404);
    expect(nowhere.body).toMatch(/no Ingress rule matches host "other.local"/);
    const port = Number(new URL(f.skiff.ingressUrl).port);
    await expect
      .poll(
        async () =>
          (await api(f.skiff, `/apis/networking.k8s.io/v1/namespaces/${f.ns}/ingresses/sites`)).body.status,
      )
      .toEqual({ loadBalancer: { ingress: [{ ip: '127.0.0.1', ports: [{ port, protocol: 'TCP' }] }] } });

    // Upgrade: the pod's 101 comes back through the Ingress, then what the client sends on the same
    // connection reaches the pod (which keeps it in /tmp/got).
    const socket = connect(port, '127.0.0.1');
    try {
      const reply = await new Promise<string>((resolve, reject) => {
        socket.on('connect', () =>
          socket.write(
            'GET /ws HTTP/1.1\r\nHost: blog.local\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
          ),
        );
        let got = '';
        socket.on('data', (d: Buffer) => {
          got += d.toString();
          if (got.includes('\r\n\r\n')) resolve(got);
        });
        socket.on('error', reject);
        setTimeout(() => reject(new Error(`no answer; got ${JSON.stringify(got)}`)), 10_000);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
      socket.write('hello through the ingress\n');
      await expect
        .poll(
          async () => (await kubectl(f.skiff, ['exec', 'socket', '--', 'cat', '/tmp/got'], f.ns)).stdout,
          { timeout: 10_000 },
        )
        .toMatch(/^GET \/ws HTTP\/1\.1\r\n[\s\S]*\r\n\r\nhello through the ingress\n$/);
    } finally {
      socket.destroy();
    }
  }, 90_000);

  it('refuses an Ingress without a backend or with a relative path, naming the field', async () => {
    const base = `/apis/networking.k8s.io/v1/namespaces/${f.ns}/ingresses`;
    const empty = await api(f.skiff, base, { method: 'POST', body: { metadata: { name: 'bad' }, spec: {} } });
    expect(empty.status).toBe(422);
    expect(empty.body.message).toMatch(
      /spec\.rules: Required value: either `defaultBackend` or `rules` must be specified/,
    );
    const relative = await api(f.skiff, base, {
      method: 'POST',
      body: {
        metadata: { name: 'bad' },
        spec: {
          rules: [
            {
              http: {
                paths: [
                  {
                    path: 'x',
                    pathType: 'Prefix',
                    backend: { service: { name: 's', port: { number: 80 } } },
                  },
                ],
              },
            },
          ],
        },
      },
    });
    expect(relative.status).toBe(422);
    expect(relative.body.message).toMatch(
      /spec\.rules\[0\]\.http\.paths\[0\]\.path: Invalid value: "x": must be an absolute path/,
    );
  });
});

describe('the Ingress port', () => {
  it('moves to a free port, and says so, when the one asked for is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    const dir = await makeDataDir();
    const skiff = await startSkiff(dir, ['--ingress-port', String(taken)]);
    try {
      const port = Number(new URL(skiff.ingressUrl).port);
      expect(port).not.toBe(taken);
      expect(skiff.output()).toContain(
        `ingress port ${taken} on 127.0.0.1 is in use; serving Ingresses on ${port} instead`,
      );
      expect((await get(skiff.ingressUrl, 'nothing.local', '/')).status).toBe(404);
    } finally {
      await skiff.stop();
      await removeDataDir(dir);
      blocker.close();
    }
  });
});
