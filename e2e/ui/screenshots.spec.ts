import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { api, REPO_ROOT } from '../support/skiff-process';
import { deploymentOf } from '../support/manifests';
import { useUiSkiff } from '../support/ui-skiff';

// Each main view with something in it, saved as a test artifact (test-results/…/<view>.png). With
// SKIFF_SCREENSHOTS=docs the same files also go to docs/screenshots/, which the README shows.
const NS = 'shop';
const f = useUiSkiff(NS);

async function save(page: Page, name: string) {
  const file = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  if (process.env.SKIFF_SCREENSHOTS === 'docs') {
    const dir = join(REPO_ROOT, 'docs', 'screenshots');
    await mkdir(dir, { recursive: true });
    await copyFile(file, join(dir, `${name}.png`));
  }
}

test('every main view, with a small shop running in it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const web = {
    terminationGracePeriodSeconds: 1,
    containers: [
      {
        name: 'web',
        image: 'skiff-test/web:v1',
        ports: [{ name: 'http', containerPort: 8080 }],
        resources: { requests: { cpu: '50m', memory: '16Mi' } },
        readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 1 },
      },
    ],
  };
  const deployments = `/apis/apps/v1/namespaces/${NS}/deployments`;
  await api(f.skiff, deployments, { method: 'POST', body: deploymentOf('storefront', web, 3) });
  await api(f.skiff, `/api/v1/namespaces/${NS}/services`, {
    method: 'POST',
    body: {
      metadata: { name: 'storefront' },
      spec: { type: 'NodePort', selector: { app: 'storefront' }, ports: [{ port: 80, targetPort: 'http' }] },
    },
  });
  await api(f.skiff, `/api/v1/namespaces/${NS}/configmaps`, {
    method: 'POST',
    body: { metadata: { name: 'storefront-settings' }, data: { THEME: 'sea', PAGE_SIZE: '24' } },
  });
  await api(f.skiff, `/api/v1/namespaces/${NS}/secrets`, {
    method: 'POST',
    body: { metadata: { name: 'payments' }, stringData: { API_KEY: 'not-a-real-key' } },
  });
  await api(f.skiff, `/api/v1/namespaces/${NS}/pods`, {
    method: 'POST',
    body: {
      metadata: { name: 'nightly-report' },
      spec: {
        containers: [
          { name: 'report', image: 'skiff-test/tools:v1', command: ['sh', '-c', 'echo "no data"; exit 2'] },
        ],
      },
    },
  });
  await api(f.skiff, `${deployments}/storefront`, {
    method: 'PATCH',
    contentType: 'application/strategic-merge-patch+json',
    body: { spec: { template: { spec: { containers: [{ name: 'web', image: 'skiff-test/web:v2' }] } } } },
  });

  // the views as a user sees them once things settle: the rollout to v2 done
  await expect
    .poll(
      async () => {
        const status = (await api(f.skiff, `${deployments}/storefront`)).body.status ?? {};
        return [status.replicas, status.updatedReplicas, status.availableReplicas].join('/');
      },
      { timeout: 60_000 },
    )
    .toBe('3/3/3');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('3 Running', { timeout: 30_000 });
  await save(page, 'dashboard');

  await nav.getByRole('link', { name: 'Deployments' }).click();
  const row = page.getByRole('table', { name: 'Deployments' }).getByRole('row', { name: /^storefront / });
  await expect(row).toContainText('3/3', { timeout: 30_000 });
  await expect(row).toContainText('skiff-test/web:v2');
  await row.getByRole('button', { name: 'storefront', exact: true }).click();
  const progress = page.getByRole('region', { name: 'Rollout progress' });
  await expect(progress.getByRole('listitem')).toHaveCount(1);
  await expect(progress).toContainText('Revision 2 (new) · skiff-test/web:v2');
  await expect(progress).toContainText('3 ready of 3');
  await save(page, 'deployment');

  await nav.getByRole('link', { name: 'Pods' }).click();
  const pods = page.getByRole('table', { name: 'Pods' });
  await expect(pods.getByRole('row', { name: /^nightly-report / })).toContainText(/CrashLoopBackOff|Error/, {
    timeout: 30_000,
  });
  await pods.getByRole('button', { name: 'nightly-report', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Pod nightly-report' })).toContainText('exit code 2');
  await save(page, 'pods');

  await nav.getByRole('link', { name: 'Services' }).click();
  await expect(page.getByRole('main')).toContainText('storefront');
  await save(page, 'services');

  await nav.getByRole('link', { name: 'Events' }).click();
  await expect(page.getByRole('main')).toContainText('ScalingReplicaSet');
  await save(page, 'events');

  await nav.getByRole('link', { name: 'ConfigMaps' }).click();
  await expect(page.getByRole('main')).toContainText('storefront-settings');
  await save(page, 'configmaps');

  await nav.getByRole('link', { name: 'Secrets' }).click();
  await expect(page.getByRole('main')).toContainText('payments');
  await expect(page.getByRole('main')).not.toContainText('not-a-real-key');
  await save(page, 'secrets');

  await nav.getByRole('link', { name: 'Create from YAML' }).click();
  await expect(page.getByRole('textbox', { name: 'YAML' })).toBeVisible();
  await save(page, 'yaml');
});
