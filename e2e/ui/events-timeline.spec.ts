import { expect, test, type Page } from '@playwright/test';
import { api } from '../support/skiff-process';
import { deploymentOf, webPod } from '../support/manifests';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-events';
const base = `/apis/apps/v1/namespaces/${NS}/deployments`;
const f = useUiSkiff(NS);

const setImage = (image: string, spec: Record<string, unknown> = {}) =>
  api(f.skiff, `${base}/web`, {
    method: 'PATCH',
    contentType: 'application/strategic-merge-patch+json',
    body: { spec: { ...spec, template: { spec: { containers: [{ name: 'web', image }] } } } },
  });

const rollout = (page: Page, revision: number) =>
  page.getByRole('group', { name: new RegExp(`^deployment/web revision ${revision}\\b`) });

test('rollouts are spans on the events timeline: done, failed, rolled back, and the filters narrow it', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const created = await api(f.skiff, base, {
    method: 'POST',
    body: deploymentOf('web', webPod('web', {}).spec),
  });
  expect(created.status).toBe(201);
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).click();
  await expect(page.getByRole('radio', { name: 'Timeline' })).toBeChecked();
  await expect(rollout(page, 1)).toHaveAccessibleName(/^deployment\/web revision 1 — done in \d+ s$/, {
    timeout: 30_000,
  });

  // A new image: revision 2 becomes a span that reaches "done", its new pod's events inside it.
  await setImage('skiff-test/web:v2');
  const second = rollout(page, 2);
  await expect(second).toHaveAccessibleName(/^deployment\/web revision 2 — done in \d+ s$/, {
    timeout: 30_000,
  });
  await expect(second.getByText('done', { exact: true })).toBeVisible();
  const secondEvents = second.getByRole('list', { name: 'Events of deployment/web revision 2' });
  const rs2 = (await api(f.skiff, `/apis/apps/v1/namespaces/${NS}/replicasets`)).body.items.find(
    (rs: { metadata: { annotations: Record<string, string> } }) =>
      rs.metadata.annotations['deployment.kubernetes.io/revision'] === '2',
  ).metadata.name;
  for (const reason of ['Created', 'Started'])
    await expect(secondEvents.getByRole('listitem').filter({ hasText: `${reason} pod/${rs2}-` })).toHaveCount(
      1,
    );
  await expect(secondEvents).toContainText('Scaled up replica set web-');
  // the first rollout's span stays, closed now that a newer one exists, and opens on a click
  await expect(rollout(page, 1).getByRole('list')).toHaveCount(0);
  await rollout(page, 1)
    .getByRole('button', { name: /revision 1/ })
    .click();
  await expect(
    rollout(page, 1).getByRole('list', { name: 'Events of deployment/web revision 1' }),
  ).toContainText('Started');

  // An image that cannot be pulled, with a short deadline: in progress with a progress bar, then failed.
  await setImage('registry.invalid/none:1', { progressDeadlineSeconds: 8 });
  const third = rollout(page, 3);
  await expect(
    third.getByRole('progressbar', { name: 'Progress of deployment/web revision 3' }),
  ).toBeVisible();
  await expect(third).toHaveAccessibleName(
    /^deployment\/web revision 3 — failed after \d+ s: progress deadline exceeded$/,
    { timeout: 40_000 },
  );
  await expect(third.getByText('failed', { exact: true })).toBeVisible();
  await expect(third.getByRole('listitem').filter({ hasText: 'Warning' }).first()).toContainText(
    /registry\.invalid\/none:1/,
  );
  await expect(third.getByRole('progressbar')).toHaveCount(0);

  // Warnings only: the failed rollout and its warnings stay, the finished ones go.
  await page.getByLabel('Warnings only').check();
  await expect(third).toBeVisible();
  await expect(rollout(page, 2)).toHaveCount(0);
  await expect(rollout(page, 1)).toHaveCount(0);
  await expect(third.getByRole('listitem').filter({ hasNotText: 'Warning' })).toHaveCount(0);
  await page.getByLabel('Warnings only').uncheck();

  // One reason: only the rollouts that started containers stay, with just those events.
  await page.getByRole('combobox', { name: 'Event reason' }).selectOption('Started');
  await expect(rollout(page, 3)).toHaveCount(0);
  await expect(rollout(page, 2).getByRole('listitem')).toHaveText([/Started/]);
  await page.getByRole('combobox', { name: 'Event reason' }).selectOption('');

  // Rolling back (as the UI's rollback button does) makes revision 4 from revision 2's template.
  const back = await api(f.skiff, `${base}/web/rollback`, {
    method: 'POST',
    body: { rollbackTo: { revision: 0 } },
  });
  expect(back.status).toBe(200);
  await expect(rollout(page, 3)).toHaveAccessibleName(
    /^deployment\/web revision 3 — rolled back after \d+ s$/,
  );
  await expect(rollout(page, 3).getByText('rolled back', { exact: true })).toBeVisible();
  await expect(rollout(page, 4)).toHaveAccessibleName(
    /^deployment\/web revision 4 \(back to revision 2\) — done in \d+ s$/,
    { timeout: 30_000 },
  );
  await expect(rollout(page, 4)).toContainText('Scaled down replica set web-');

  // Clicking an object narrows both layouts to it.
  await rollout(page, 4).getByRole('button', { name: 'deployment/web', exact: true }).first().click();
  await expect(page.getByRole('status', { name: 'Object filter' })).toContainText('Only deployment/web');
  const timeline = page.getByRole('list', { name: 'Timeline' });
  await expect(rollout(page, 4)).toBeVisible();
  await expect(timeline.getByRole('listitem').filter({ hasText: /(pod|replicaset)\// })).toHaveCount(0);
  await page.getByRole('radio', { name: 'Table' }).check();
  const table = page.getByRole('table', { name: 'Events' });
  await expect(table.getByRole('row')).not.toHaveCount(1);
  const objects = await table.getByRole('row').locator('td:nth-child(4)').allTextContents();
  expect(new Set(objects)).toEqual(new Set(['deployment/web']));
  await page.getByRole('button', { name: 'Show every object' }).click();
  await expect(table).toContainText(/pod\/web-/);
});

test('a rollout Skiff rolled back by itself says why on its span', async ({ page }) => {
  test.setTimeout(90_000);
  const manifest = deploymentOf('api', webPod('api', {}).spec);
  const withAutoRollback = {
    ...manifest,
    metadata: { name: 'api', annotations: { 'skiff.io/auto-rollback': 'true' } },
  };
  expect((await api(f.skiff, base, { method: 'POST', body: withAutoRollback })).status).toBe(201);
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).click();
  const span = (revision: number) =>
    page.getByRole('group', { name: new RegExp(`^deployment/api revision ${revision}\\b`) });
  await expect(span(1)).toHaveAccessibleName(/^deployment\/api revision 1 — done in \d+ s$/, {
    timeout: 30_000,
  });

  await api(f.skiff, `${base}/api`, {
    method: 'PATCH',
    contentType: 'application/strategic-merge-patch+json',
    body: {
      spec: {
        progressDeadlineSeconds: 5,
        template: { spec: { containers: [{ name: 'api', image: 'registry.invalid/none:1' }] } },
      },
    },
  });
  await expect(span(2)).toHaveAccessibleName(
    /^deployment\/api revision 2 — rolled back after \d+ s: the rollout made no progress for 5s$/,
    { timeout: 40_000 },
  );
  await expect(span(3)).toHaveAccessibleName(/^deployment\/api revision 3 \(back to revision 1\) — done/, {
    timeout: 30_000,
  });
  await expect(span(3).getByRole('listitem').filter({ hasText: 'RolledBack' })).toContainText(
    'Rolled back from revision 2 to revision 1',
  );
});
