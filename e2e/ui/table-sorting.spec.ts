import { expect, test, type Page } from '@playwright/test';
import { deploymentOf } from '../support/manifests';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-table-sorting';
const f = useUiSkiff(NS);
const configMaps = `/api/v1/namespaces/${NS}/configmaps`;

async function open(page: Page, area: string) {
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: area }).click();
  return page.getByRole('table', { name: area });
}

const names = async (page: Page, table: string) =>
  (await page
    .getByRole('table', { name: table })
    .locator('tbody tr[data-name]')
    .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.name))) as string[];

test('columns sort by a click, either way, and rows keep their place as objects come and change', async ({
  page,
}) => {
  for (const [name, keys] of [
    ['cm-10', 1],
    ['cm-9', 3],
    ['alpha', 2],
  ] as const)
    await api(f.skiff, configMaps, {
      method: 'POST',
      body: {
        metadata: { name },
        data: Object.fromEntries(Array.from({ length: keys }, (_, i) => [`k${i}`, 'v'])),
      },
    });
  const table = await open(page, 'ConfigMaps');
  const nameHeader = table.getByRole('columnheader', { name: 'Name' });
  // by name at first, in natural order (cm-9 before cm-10)
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => names(page, 'ConfigMaps')).toEqual(['alpha', 'cm-9', 'cm-10', 'kube-root-ca.crt']);
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => names(page, 'ConfigMaps')).toEqual(['kube-root-ca.crt', 'cm-10', 'cm-9', 'alpha']);

  // an object changing does not move it; a new one lands in its sorted place
  await api(f.skiff, `${configMaps}/cm-9`, {
    method: 'PATCH',
    contentType: 'application/merge-patch+json',
    body: { data: { extra: 'x' } },
  });
  await api(f.skiff, configMaps, { method: 'POST', body: { metadata: { name: 'beta' }, data: {} } });
  await expect
    .poll(() => names(page, 'ConfigMaps'))
    .toEqual(['kube-root-ca.crt', 'cm-10', 'cm-9', 'beta', 'alpha']);

  // the column picker hides a column and remembers it
  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('group', { name: 'Show columns' }).getByRole('checkbox', { name: 'Age' }).uncheck();
  await expect(table.getByRole('columnheader', { name: 'Age' })).toHaveCount(0);
  await page.reload();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'ConfigMaps' }).click();
  await expect(
    page.getByRole('table', { name: 'ConfigMaps' }).getByRole('columnheader', { name: 'Name' }),
  ).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'ConfigMaps' }).getByRole('columnheader', { name: 'Age' }),
  ).toHaveCount(0);
});

test('at 1000 px the actions of a row are in view, not clipped', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await api(f.skiff, `/apis/apps/v1/namespaces/${NS}/deployments`, {
    method: 'POST',
    body: deploymentOf('a-deployment-with-a-rather-long-name', {
      containers: [{ name: 'web', image: 'skiff-test/web:v1' }],
    }),
  });
  const table = await open(page, 'Deployments');
  const row = table.getByRole('row', { name: /^a-deployment-with-a-rather-long-name / });
  await expect(row.getByRole('button', { name: /^Delete deployment / })).toBeInViewport({ ratio: 1 });
  // the low-priority columns step aside at this width
  await expect(table.getByRole('columnheader', { name: 'Images' })).toBeHidden();
});
