import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { EngineLink } from '../support/engine-link';
import { api, makeDataDir, removeDataDir, startSkiff, type SkiffProcess } from '../support/skiff-process';

let skiff: SkiffProcess;
let dir: string;

test.beforeAll(async () => {
  dir = await makeDataDir();
  skiff = await startSkiff(dir);
  await api(skiff, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'ui-pods' } } });
});

test.afterAll(async () => {
  await api(skiff, '/api/v1/namespaces/ui-pods', { method: 'DELETE' });
  await expect
    .poll(async () => (await api(skiff, '/api/v1/namespaces/ui-pods')).status, { timeout: 30_000 })
    .toBe(404);
  await skiff.stop();
  await removeDataDir(dir);
});

test('pods appear live with their readiness and status, and the engine shows as ready', async ({ page }) => {
  await page.goto(skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pods' }).click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption('ui-pods');
  await expect(page.getByRole('status', { name: 'Engine' })).toContainText(/Engine: Docker .* ready/);

  await api(skiff, '/api/v1/namespaces/ui-pods/pods', {
    method: 'POST',
    body: {
      metadata: { name: 'web' },
      spec: {
        terminationGracePeriodSeconds: 2,
        containers: [
          {
            name: 'web',
            image: 'skiff-test/web:v1',
            readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 1 },
          },
        ],
      },
    },
  });
  await api(skiff, '/api/v1/namespaces/ui-pods/pods', {
    method: 'POST',
    body: {
      metadata: { name: 'crasher' },
      spec: { containers: [{ name: 'app', image: 'skiff-test/tools:v1', command: ['sh', '-c', 'exit 1'] }] },
    },
  });
  const table = page.getByRole('table', { name: 'Pods' });
  const web = table.getByRole('row', { name: /^web / });
  await expect(web).toContainText('1/1');
  await expect(web).toContainText('Running');
  await expect(web.getByRole('cell').nth(5)).toHaveText(/^\d+\.\d+\.\d+\.\d+$/);
  await expect(table.getByRole('row', { name: /crasher/ })).toContainText(/CrashLoopBackOff|Error/);

  await page.getByRole('searchbox', { name: 'Search pods' }).fill('cra');
  await expect(table.getByRole('row')).toHaveCount(2); // header + crasher
  await page.getByRole('searchbox', { name: 'Search pods' }).fill('');

  await page.getByRole('button', { name: 'Delete pod web' }).click();
  await page
    .getByRole('dialog', { name: 'Delete pod web?' })
    .getByRole('button', { name: 'Confirm deleting pod web' })
    .click();
  await expect(web).toContainText('Terminating'); // httpd ignores SIGTERM as PID 1: it waits out its grace period
  await expect(web).toHaveCount(0, { timeout: 15_000 });
  expect((await api(skiff, '/api/v1/namespaces/ui-pods/pods/web')).status).toBe(404);
});

test('the frame says so when the engine goes away, and recovers by itself', async ({ page }) => {
  const linkDir = await mkdtemp(join(tmpdir(), 'skiff-ui-link-'));
  const link = new EngineLink(join(linkDir, 'docker.sock'));
  await link.up();
  const outageDir = await makeDataDir();
  const outage = await startSkiff(outageDir, [], { DOCKER_HOST: `unix://${link.path}` });
  try {
    await page.goto(outage.uiUrl);
    const engine = page.getByRole('status', { name: 'Engine' });
    await expect(engine).toContainText(/ready/);
    await link.down();
    await expect(engine).toContainText('Engine not ready');
    await link.up();
    await expect(engine).toContainText(/Engine: Docker .* ready/, { timeout: 15_000 });
  } finally {
    await outage.stop();
    await link.down().catch(() => undefined);
    await removeDataDir(outageDir);
    await rm(linkDir, { recursive: true, force: true });
  }
});
