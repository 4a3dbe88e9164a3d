import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSkiffServer } from '../support/skiff-fixture';
import { api, type SkiffProcess } from '../support/skiff-process';

const COMPOSE_DIR = join(import.meta.dirname, '../fixtures/compose/awesome-compose');

async function until<T>(what: string, read: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function build(skiff: SkiffProcess, request: Record<string, unknown>): Promise<any[]> {
  const res = await api<string>(skiff, '/apis/ui.skiff.io/v1/builds', { method: 'POST', body: request });
  expect(res.status).toBe(200);
  return String(res.body)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

const ready = (skiff: SkiffProcess, ns: string, name: string) =>
  until(`${name} Ready`, async () => {
    const d = (await api(skiff, `/apis/apps/v1/namespaces/${ns}/deployments/${name}`)).body;
    const want = d.spec.replicas;
    const s = d.status ?? {};
    return s.observedGeneration >= d.metadata.generation &&
      s.updatedReplicas === want &&
      s.replicas === want &&
      s.readyReplicas === want
      ? d
      : undefined;
  });

describe('the inner loop: Compose import, build and roll out', () => {
  const f = useSkiffServer('inner');
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'skiff-build-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('previews every real Compose file: each object admitted or refused with the field', async () => {
    const files = (await readdir(COMPOSE_DIR)).filter((n) => n.endsWith('.yaml'));
    let admitted = 0;
    for (const file of files) {
      const compose = await readFile(join(COMPOSE_DIR, file), 'utf8');
      const res = await api(f.skiff, `/apis/ui.skiff.io/v1/namespaces/${f.ns}/composeimports?dryRun=All`, {
        method: 'POST',
        body: { compose },
      });
      expect(res.status, file).toBe(200);
      const refused = res.body.results.filter((r: any) => r.outcome !== 'valid');
      expect(refused, file).toEqual([]);
      admitted++;
    }
    expect(admitted).toBe(files.length);
  });

  it('applies a Compose file and runs it: Secret mounted, probe, replicas, a published port', async () => {
    const compose = `
name: shop
services:
  web:
    image: skiff-test/web:v1
    ports: ["8080:8080"]
    volumes: [data:/data]
    healthcheck: {test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/healthz"], interval: 1s, retries: 2}
    deploy: {replicas: 2, update_config: {order: start-first}}
    depends_on: [cache]
volumes:
  data:
`;
    const body = { compose, files: { 'token.txt': 'not-for-logs-42' } };
    const res = await api(f.skiff, `/apis/ui.skiff.io/v1/namespaces/${f.ns}/composeimports`, {
      method: 'POST',
      body,
    });
    expect(res.status).toBe(201);
    expect(JSON.stringify(res.body)).not.toContain('not-for-logs-42');
    expect(res.body.results.map((r: any) => `${r.kind}/${r.name} ${r.outcome}`)).toEqual([
      'PersistentVolumeClaim/data created',
      'Service/web created',
      'Deployment/web created',
    ]);
    await ready(f.skiff, f.ns, 'web');
    const service = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/services/web`)).body;
    const nodePort = service.spec.ports[0].nodePort;
    const answer = await until('the NodePort', async () => {
      const r = await fetch(`http://127.0.0.1:${nodePort}/`).catch(() => undefined);
      return r?.ok ? r.text() : undefined;
    });
    expect(answer).toContain('web v1');
  });

  it('builds a linked folder, rolls the Deployment to the digest tag, and a failed build rolls nothing out', async () => {
    await writeFile(
      join(folder, 'Dockerfile'),
      'FROM skiff-test/web:v1\nARG GREETING\nCOPY . /www/\nRUN test ! -e /www/secret.txt && echo "$GREETING" > /www/greeting\n',
    );
    await writeFile(join(folder, '.dockerignore'), 'secret.txt\n');
    await writeFile(join(folder, 'secret.txt'), 'left out by .dockerignore');
    await writeFile(join(folder, 'index.html'), 'built one');
    const link = { container: 'web', context: folder, buildArgs: { GREETING: 'hello' } };
    const deployment = (await api(f.skiff, `/apis/apps/v1/namespaces/${f.ns}/deployments/web`)).body;
    deployment.metadata.annotations = { 'build.skiff.io/link': JSON.stringify(link) };
    expect(
      (
        await api(f.skiff, `/apis/apps/v1/namespaces/${f.ns}/deployments/web`, {
          method: 'PUT',
          body: deployment,
        })
      ).status,
    ).toBe(200);

    const events = await build(f.skiff, { namespace: f.ns, deployment: 'web', waitReady: true });
    const steps = events.filter((e) => e.type === 'step');
    expect(steps.map((e) => e.step)).toEqual(steps.map((_e, i) => i + 1));
    expect(steps.at(-1).step).toBe(steps.at(-1).total);
    const image = events.find((e) => e.type === 'image');
    expect(image.reference).toMatch(/^skiff-build\/inner-[a-z0-9-]+-web:[0-9a-f]{12}$/);
    expect(events.map((e) => e.type)).toContain('ready');
    expect(events.at(-1)).toEqual({ type: 'done', ok: true });
    const service = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/services/web`)).body;
    const base = `http://127.0.0.1:${service.spec.ports[0].nodePort}`;
    // "ready" is the new pods Ready; the old ones leave the Service as the rollout finishes
    await until('the rollout to finish', async () => {
      const d = (await api(f.skiff, `/apis/apps/v1/namespaces/${f.ns}/deployments/web`)).body;
      const s = d.status ?? {};
      const done =
        s.observedGeneration >= d.metadata.generation &&
        s.updatedReplicas === d.spec.replicas &&
        s.replicas === d.spec.replicas &&
        s.availableReplicas === d.spec.replicas;
      return done ? true : undefined;
    });
    await until('the built page from every pod', async () => {
      const answers = await Promise.all(
        [1, 2, 3, 4].map(() =>
          fetch(`${base}/`)
            .then((r) => r.text())
            .catch(() => ''),
        ),
      );
      return answers.every((a) => a === 'built one') ? true : undefined;
    });
    expect(await fetch(`${base}/greeting`).then((r) => r.text())).toBe('hello\n');

    await writeFile(join(folder, 'Dockerfile'), 'FROM skiff-test/web:v1\nRUN echo compiling && exit 3\n');
    const failed = await build(f.skiff, { namespace: f.ns, deployment: 'web' });
    expect(failed.find((e) => e.type === 'failed')).toMatchObject({
      step: 2,
      instruction: 'RUN echo compiling && exit 3',
      output: expect.stringContaining('compiling'),
    });
    expect(failed.at(-1)).toMatchObject({ type: 'done', ok: false });
    const after = (await api(f.skiff, `/apis/apps/v1/namespaces/${f.ns}/deployments/web`)).body;
    expect(after.spec.template.spec.containers[0].image).toBe(image.reference);

    await writeFile(
      join(folder, 'Dockerfile'),
      'FROM skiff-test/web:v1\nRUN --mount=type=cache,target=/c true\n',
    );
    const buildKit = await build(f.skiff, { context: folder });
    expect(buildKit.find((e) => e.type === 'failed').message).toContain('line 2: RUN --mount needs BuildKit');
    await rm(join(folder, 'Dockerfile'));
    const none = await api(f.skiff, '/apis/ui.skiff.io/v1/builds', {
      method: 'POST',
      body: { context: folder },
    });
    expect(String(none.body)).toContain('no Dockerfile at');
    const bad = await api(f.skiff, '/apis/ui.skiff.io/v1/builds', {
      method: 'POST',
      body: { context: 'relative' },
    });
    expect(bad.status).toBe(422);
  });
});
