import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { KUBECTL } from '../support/kubectl';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-yaml';
const f = useUiSkiff(NS);

const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: skiff-test/web:v1
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;

test('YAML applies several documents, shows problems at their line, and objects export as clean YAML', async ({
  page,
}) => {
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Create from YAML' })
    .click();
  const editor = page.getByRole('textbox', { name: 'YAML' });
  const results = page.getByRole('list', { name: 'Apply results' });

  await editor.fill(MANIFESTS);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(results).toHaveText('deployment/web appliedservice/web applied');
  expect((await api(f.skiff, `/apis/apps/v1/namespaces/${NS}/deployments/web`)).body.spec.replicas).toBe(1);

  // a misspelt field: refused at its line, nothing changes
  await editor.fill(MANIFESTS.replace('  replicas: 1', '  replicas: 3\n  replicaz: 2'));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(results.getByRole('listitem').first()).toContainText('line 7: deployment/web: spec.replicaz');
  // the editor colours what it shows and marks the refused line in its gutter
  await expect(page.locator('.yaml-key', { hasText: /^replicaz$/ })).toBeVisible();
  await expect(page.locator('.yaml-number', { hasText: /^2$/ })).toBeVisible();
  await expect(page.locator('.yaml-problem-mark')).toHaveText('7');
  expect((await api(f.skiff, `/apis/apps/v1/namespaces/${NS}/deployments/web`)).body.spec.replicas).toBe(1);

  // a syntax error names its line
  await editor.fill('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(results).toContainText(/^line \d: YAML: /);

  // Export YAML from the Deployment's page leaves out what the server owns, and kubectl takes it as it is
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deployments' }).click();
  await page
    .getByRole('table', { name: 'Deployments' })
    .getByRole('button', { name: 'web', exact: true })
    .click();
  const detail = page.getByRole('region', { name: 'Deployment web' });
  await detail.getByRole('tab', { name: 'YAML' }).click();
  await detail.getByText('Export YAML').click();
  const exported = (await detail.getByLabel('Exported YAML').textContent()) ?? '';
  expect(exported).toContain('name: web');
  for (const owned of ['uid:', 'resourceVersion:', 'creationTimestamp:', 'status:', 'managedFields:'])
    expect(exported).not.toContain(owned);
  const file = join(f.skiff.dataDir, 'exported.yaml');
  await writeFile(file, exported);
  const { stdout } = await promisify(execFile)(KUBECTL, [
    '--kubeconfig',
    f.skiff.kubeconfig,
    'apply',
    '--server-side',
    '--dry-run=server',
    '-f',
    file,
  ]);
  expect(stdout).toBe('deployment.apps/web serverside-applied (server dry run)\n');
});

test('Ctrl+K jumps to an object by a few letters of it, and the UI follows the OS into dark mode', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(f.skiff.uiUrl);
  await expect(page.getByRole('region', { name: 'Dashboard' })).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(background).toBe('rgb(16, 20, 28)');

  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('textbox', { name: 'Jump to' }).fill('deployment web');
  await expect(palette.getByRole('option').first()).toHaveText(`Deployment web (${NS})`);
  await page.keyboard.press('Enter');
  await expect(palette).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Deployment web' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Namespace' })).toHaveValue(NS);
});
