import { expect, test, type Page } from '@playwright/test';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

// ResourceQuota and NetworkPolicy in the generic "All kinds" section: a quota's used against hard as bars, and
// NetworkPolicy marked as stored but not enforced. Needs the server to serve both kinds (issue #15).

const NS = 'ui-policy-kinds';
const f = useUiSkiff(NS);

async function openKind(page: Page, group: string, kind: string) {
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'All kinds' }).click();
  await page
    .getByRole('navigation', { name: 'Kinds' })
    .getByRole('region', { name: `API group ${group}` })
    .getByRole('link', { name: kind, exact: true })
    .click();
  return page.getByRole('table', { name: kind, exact: true });
}

test('a ResourceQuota shows what is used of each hard limit as bars', async ({ page }) => {
  const created = await api(f.skiff, `/api/v1/namespaces/${NS}/resourcequotas`, {
    method: 'POST',
    body: { metadata: { name: 'team-quota' }, spec: { hard: { configmaps: '10', pods: '4' } } },
  });
  expect(created.status).toBe(201);
  for (const name of ['one', 'two'])
    expect(
      (
        await api(f.skiff, `/api/v1/namespaces/${NS}/configmaps`, {
          method: 'POST',
          body: { metadata: { name }, data: { k: 'v' } },
        })
      ).status,
    ).toBe(201);

  const table = await openKind(page, 'core', 'ResourceQuota');
  await table.getByRole('button', { name: 'team-quota', exact: true }).click();
  const usage = page.getByRole('region', { name: 'ResourceQuota team-quota' }).getByRole('region', {
    name: 'Quota usage',
  });
  // the namespace may hold ConfigMaps of its own (kube-root-ca.crt): at least the two made here
  await expect(usage.getByRole('meter', { name: 'configmaps' })).toHaveAttribute(
    'aria-valuetext',
    /^([2-9]|10) of 10 used$/,
  );
  await expect(usage.getByRole('meter', { name: 'pods' })).toHaveAttribute('aria-valuetext', '0 of 4 used');
  await expect(usage.getByRole('meter', { name: 'pods' })).toHaveAttribute('aria-valuenow', '0');
});

test('a NetworkPolicy is listed and opened with a "not enforced here" note', async ({ page }) => {
  const created = await api(f.skiff, `/apis/networking.k8s.io/v1/namespaces/${NS}/networkpolicies`, {
    method: 'POST',
    body: { metadata: { name: 'deny-all' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } },
  });
  expect(created.status).toBe(201);
  const table = await openKind(page, 'networking.k8s.io', 'NetworkPolicy');
  await expect(
    page.getByRole('heading', { level: 1 }).getByRole('note', { name: 'Not enforced here' }),
  ).toBeVisible();
  await table.getByRole('button', { name: 'deny-all', exact: true }).click();
  const detail = page.getByRole('region', { name: 'NetworkPolicy deny-all' });
  await expect(detail.getByRole('note', { name: 'Not enforced here' })).toBeVisible();
  await expect(detail).toContainText('does not enforce');
  await expect(detail.getByRole('button', { name: 'Edit YAML of NetworkPolicy deny-all' })).toBeVisible();
});
