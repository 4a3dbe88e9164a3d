import { expect, test } from '@playwright/test';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-config';
const f = useUiSkiff(NS);

test('secret values stay masked until one is revealed, and hide again', async ({ page }) => {
  await api(f.skiff, `/api/v1/namespaces/${NS}/secrets`, {
    method: 'POST',
    body: {
      metadata: { name: 'db' },
      type: 'kubernetes.io/basic-auth',
      stringData: { username: 'admin', password: 'ui-hidden-8c1f' },
    },
  });
  await page.goto(f.skiff.uiUrl);
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
  await page.goto(f.skiff.uiUrl);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Volumes & claims' })
    .click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await api(f.skiff, `/api/v1/namespaces/${NS}/persistentvolumeclaims`, {
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
  await api(f.skiff, `/api/v1/namespaces/${NS}/pods`, {
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
