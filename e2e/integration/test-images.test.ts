import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const LABEL = 'io.skiff.test=true';

async function httpGet(url: string): Promise<{ status: number; body: string }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const response = await fetch(url);
      return { status: response.status, body: await response.text() };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} never answered`);
}

async function runDetached(image: string): Promise<{ id: string; port: number }> {
  const { stdout } = await run('docker', ['run', '-d', '--label', LABEL, '-p', '127.0.0.1::8080', image]);
  const id = stdout.trim();
  const port = Number((await run('docker', ['port', id, '8080/tcp'])).stdout.trim().split(':').pop());
  return { id, port };
}

describe('locally built test images (real Docker engine)', () => {
  const started: string[] = [];
  afterAll(async () => {
    if (started.length) await run('docker', ['rm', '-f', ...started]);
  });

  it.each(['v1', 'v2'])('web:%s serves a page naming its version and a health path', async (version) => {
    const { id, port } = await runDetached(`skiff-test/web:${version}`);
    started.push(id);
    expect((await httpGet(`http://127.0.0.1:${port}/`)).body).toContain(`web ${version}`);
    expect((await httpGet(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it('web-unhealthy fails its health path', async () => {
    const { id, port } = await runDetached('skiff-test/web-unhealthy:v1');
    started.push(id);
    expect((await httpGet(`http://127.0.0.1:${port}/healthz`)).status).toBe(404);
  });

  it('tools has sh, wget, nc and sleep', async () => {
    const { stdout } = await run('docker', [
      'run',
      '--rm',
      '--label',
      LABEL,
      'skiff-test/tools:v1',
      'sh',
      '-c',
      'for t in wget nc sleep; do command -v $t; done',
    ]);
    expect(stdout.trim().split('\n')).toEqual(['wget', 'nc', 'sleep']);
  });
});
