import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { KUBECTL } from '../support/kubectl';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-kubectl';
const f = useUiSkiff(NS);

test('"Use with kubectl" hands over a kubeconfig that the real kubectl uses, and both see the same objects', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('button', { name: 'Use with kubectl' }).click();
  const panel = page.getByRole('dialog', { name: 'Use with kubectl' });
  await expect(panel.getByLabel('kubectl command')).toContainText(`export KUBECONFIG=${f.skiff.kubeconfig}`);

  await panel.getByRole('button', { name: 'Copy kubeconfig' }).click();
  await expect(panel.getByRole('status')).toHaveText('Copied the kubeconfig.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`server: ${f.skiff.apiUrl}`);

  // kubectl with exactly what was copied creates a namespace; the UI's picker shows it without a reload
  const file = join(f.skiff.dataDir, 'copied-kubeconfig');
  await writeFile(file, copied, { mode: 0o600 });
  const { stdout } = await promisify(execFile)(KUBECTL, [
    '--kubeconfig',
    file,
    'create',
    'namespace',
    'from-the-copy',
  ]);
  expect(stdout).toBe('namespace/from-the-copy created\n');
  await expect(
    page.getByRole('combobox', { name: 'Namespace' }).locator('option', { hasText: 'from-the-copy' }),
  ).toHaveCount(1);
  await api(f.skiff, '/api/v1/namespaces/from-the-copy', { method: 'DELETE' });
});
