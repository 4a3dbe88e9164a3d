import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { api } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';

function plainGet(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('API access control', () => {
  const f = useSkiffServer();

  it('answers 401 with a Status to API calls without the token, over HTTPS and HTTP', async () => {
    const https = await api(f.skiff, '/api/v1/namespaces', { token: null });
    expect(https.status).toBe(401);
    expect(https.body).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    const wrong = await api(f.skiff, '/api/v1/namespaces', { token: 'not-the-token' });
    expect(wrong.status).toBe(401);
    const plain = await plainGet(f.skiff.port, '/version', { Host: `127.0.0.1:${f.skiff.port}` });
    expect(plain.status).toBe(401);
  });

  it('answers 403 to a foreign Host or Origin, even with the token', async () => {
    const host = await plainGet(f.skiff.port, '/api/v1/namespaces', {
      Host: `evil.example:${f.skiff.port}`,
      Authorization: `Bearer ${f.skiff.token}`,
    });
    expect(host.status).toBe(403);
    expect(JSON.parse(host.body)).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    const origin = await api(f.skiff, '/api/v1/namespaces', { headers: { Origin: 'https://evil.example' } });
    expect(origin.status).toBe(403);
    const ui = await plainGet(f.skiff.port, '/', { Host: `rebound.example:${f.skiff.port}` });
    expect(ui.status).toBe(403);
  });

  it('serves the UI over plain HTTP on loopback with a strict Content-Security-Policy', async () => {
    const page = await plainGet(f.skiff.port, '/', { Host: `127.0.0.1:${f.skiff.port}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    const sameOrigin = await plainGet(f.skiff.port, '/api/v1/namespaces', {
      Host: `127.0.0.1:${f.skiff.port}`,
      Origin: `http://127.0.0.1:${f.skiff.port}`,
      Authorization: `Bearer ${f.skiff.token}`,
    });
    expect(sameOrigin.status).toBe(200);
  });

  it('refuses a WebSocket without the token and accepts one that carries it as Kubernetes clients do', async () => {
    const url = `wss://127.0.0.1:${f.skiff.port}/api/v1/namespaces?watch=true`;
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(url, { ca: f.skiff.ca });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(refused).toBe(401);
    const carrier = `base64url.bearer.authorization.k8s.io.${Buffer.from(f.skiff.token).toString('base64url')}`;
    const names = await new Promise<string[]>((resolve, reject) => {
      const ws = new WebSocket(url, ['skiff.watch.v1', carrier], { ca: f.skiff.ca });
      const seen: string[] = [];
      ws.on('message', (data) => {
        seen.push(JSON.parse(String(data)).object.metadata.name);
        if (seen.includes('default')) {
          ws.close();
          resolve(seen);
        }
      });
      ws.on('error', reject);
    });
    expect(names).toContain('default');
  });
});
