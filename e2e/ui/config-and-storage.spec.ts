import { expect, test } from '@playwright/test';
import { api, makeDataDir, removeDataDir, startSkiff, type SkiffProcess } from '../support/skiff-process';

let skiff: SkiffProcess;
let dir: string;
const NS = 'ui-config';

test.beforeAll(async () => {
  dir = await makeDataDir();
  skiff = await startSkiff(dir);
  await api(skiff, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: NS } } });
});

test.afterAll(async () => {
  await api(skiff, `/api/v1/namespaces/${NS}`, { method: 'DELETE' });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline && (await api(skiff, '/api/v1/persistentvolumes')).body.items.length > 0)
    await new Promise((r) => setTimeout(r, 200));
  await skiff.stop();
  await removeDataDir(dir);
});

test('secret values stay masked until one is revealed, and hide again', async ({ page }) => {
  await api(skiff, `/api/v1/namespaces/${NS}/secrets`, {
    method: 'POST',
    body: {
      metadata: { name: 'db' },
      type: 'kubernetes.io/basic-auth',
      stringData: { username: 'admin', password: 'ui-hidden-8c1f' },
    },
  });
  await page.goto(skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Secrets' }).click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  const row = page.getByRole('table', { name: 'Secrets' }).getByRole('row', { name: /^db / });
  await expect(row).toContainText('kubernetes.io/basic-auth');
  await expect(row.getByLabel('password value')).toHaveText('••••••••');
  expect(await page.content()).not.toContain('ui-hidden-8c1f');
  await row.getByRole('button', { name: 'Reveal password' }).click();
  await expect(row.getByLabel('password value')).toHaveText('ui-hidden-8c1f');
  await expect(row.getByLabel('username value')).toHaveText('••••••••');
  await row.getByRole('button', { name: 'Hide password' }).click();
  await expect(row.getByLabel('password value')).toHaveText('••••••••');
});

test('a claim shows Bound with the Docker volume behind it, and hostPath pods are called out', async ({
  page,
}) => {
  await page.goto(skiff.uiUrl);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Volumes & claims' })
    .click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await api(skiff, `/api/v1/namespaces/${NS}/persistentvolumeclaims`, {
    method: 'POST',
    body: {
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } },
    },
  });
  const claim = page
    .getByRole('table', { name: 'PersistentVolumeClaims' })
    .getByRole('row', { name: /^data / });
  await expect(claim).toContainText('Bound');
  await expect(claim).toContainText('2Gi');
  await expect(claim).toContainText('RWO');
  await expect(page.getByRole('table', { name: 'PersistentVolumes' })).toContainText(
    new RegExp(`${NS}/data\\s*Docker volume skiff-`),
  );

  await expect(page.getByRole('alert', { name: 'hostPath warning' })).toHaveCount(0);
  await api(skiff, `/api/v1/namespaces/${NS}/pods`, {
    method: 'POST',
    body: {
      metadata: { name: 'host-reader' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          { name: 'app', image: 'skiff-test/tools:v1', volumeMounts: [{ name: 'h', mountPath: '/h' }] },
        ],
        volumes: [{ name: 'h', hostPath: { path: '/tmp', type: 'Directory' } }],
      },
    },
  });
  await expect(page.getByRole('alert', { name: 'hostPath warning' })).toContainText(
    `reaches outside the cluster`,
  );
  await expect(page.getByRole('alert', { name: 'hostPath warning' })).toContainText(
    `${NS}/host-reader (/tmp)`,
  );
});
