import { expect, test } from '@playwright/test';
import { api, makeDataDir, removeDataDir, startSkiff, type SkiffProcess } from '../support/skiff-process';

let skiff: SkiffProcess;
let dir: string;

test.beforeAll(async () => {
  dir = await makeDataDir();
  skiff = await startSkiff(dir);
});

test.afterAll(async () => {
  await skiff.stop();
  await removeDataDir(dir);
});

test('a namespace created through the API appears in the UI without a reload', async ({ page }) => {
  await page.goto(skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Namespaces' }).click();
  const table = page.getByRole('table', { name: 'Namespaces' });
  await expect(table.getByRole('row', { name: /default/ })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Live/);
  expect(page.url()).not.toContain('token='); // the token leaves the address bar once read

  const navigations: string[] = [];
  page.on('framenavigated', (frame) => navigations.push(frame.url()));
  const created = await api(skiff, '/api/v1/namespaces', {
    method: 'POST',
    body: { metadata: { name: 'made-by-api' } },
  });
  expect(created.status).toBe(201);
  await expect(table.getByRole('row', { name: /made-by-api/ })).toBeVisible();
  await expect(
    page.getByRole('combobox', { name: 'Namespace' }).getByRole('option', { name: 'made-by-api' }),
  ).toBeAttached();
  expect(navigations).toEqual([]);
});

test('creating and deleting a namespace from the UI, with the server explaining a bad name', async ({
  page,
}) => {
  await page.goto(skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Namespaces' }).click();
  const name = page.getByRole('textbox', { name: 'New namespace name' });
  await name.fill('Bad_Name');
  await page.getByRole('button', { name: 'Create namespace' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 label',
  );
  expect((await api(skiff, '/api/v1/namespaces/bad-name')).status).toBe(404);

  await name.fill('made-in-ui');
  await page.getByRole('button', { name: 'Create namespace' }).click();
  const row = page.getByRole('table', { name: 'Namespaces' }).getByRole('row', { name: /made-in-ui/ });
  await expect(row).toContainText('Active');
  expect((await api(skiff, '/api/v1/namespaces/made-in-ui')).body.status.phase).toBe('Active');

  await page.getByRole('button', { name: 'Delete namespace made-in-ui' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete namespace made-in-ui?' });
  await dialog.getByRole('textbox', { name: 'Type made-in-ui to confirm' }).fill('made-in-ui');
  await dialog.getByRole('button', { name: 'Confirm deleting namespace made-in-ui' }).click();
  await expect(row).toHaveCount(0);
  expect((await api(skiff, '/api/v1/namespaces/made-in-ui')).status).toBe(404);
});

test('without the token the UI says where to find it', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${skiff.port}/`);
  await expect(page.getByRole('alert')).toContainText('Skiff needs its token');
});

test('the UI reconnects by itself after the server restarts', async ({ page }) => {
  await page.goto(skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Namespaces' }).click();
  const table = page.getByRole('table', { name: 'Namespaces' });
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Live/);
  const port = skiff.port;
  await skiff.stop();
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Reconnecting/);
  skiff = await startSkiff(dir, ['--port', String(port)]);
  await expect(page.getByRole('status', { name: 'Connection' })).toHaveText(/Live/, { timeout: 15_000 });
  await api(skiff, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'after-restart' } } });
  await expect(table.getByRole('row', { name: /after-restart/ })).toBeVisible();
});
