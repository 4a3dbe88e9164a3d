import { expect, test } from '@playwright/test';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

const f = useUiSkiff('ui-dashboard');

test('the dashboard shows the node, offers a sample app on an empty machine, then shows what it is doing', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.goto(f.skiff.uiUrl);
  const dashboard = page.getByRole('region', { name: 'Dashboard' });
  await expect(page.getByRole('status', { name: 'Node readiness' })).toHaveText('Ready');
  await expect(page.getByLabel('CPU requested')).toContainText(/CPU requested: 0 of \d+ \(0%\)/);

  // Nothing runs in the namespace yet: one click deploys the sample app there and goes to Deployments.
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption('ui-dashboard');
  await page.getByRole('button', { name: 'Deploy a sample app' }).click();
  await expect(
    page.getByRole('table', { name: 'Deployments' }).getByRole('row', { name: /^hello / }),
  ).toBeVisible();
  const service = await api(f.skiff, '/api/v1/namespaces/ui-dashboard/services/hello');
  expect(service.body.spec.type).toBe('NodePort');

  // Back on the dashboard: its pods by state, the rollout in progress, and (no registry here) the pull warnings.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('region', { name: 'Pods by state' })).toContainText(
    /\d (Pending|ContainerCreating|ErrImagePull|ImagePullBackOff)/,
  );
  await expect(page.getByRole('region', { name: 'Workloads needing attention' })).toContainText(
    'ui-dashboard/hello progressing: 0 of 2 ready',
  );
  await expect(page.getByRole('region', { name: 'Recent warnings' })).toContainText(
    /pod\/hello-[\w-]+ · Failed: /,
    {
      timeout: 30_000,
    },
  );
  await expect(dashboard).toBeVisible();

  // The Events view (as a table): the same warnings, filtered by kind and text
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).click();
  await page.getByRole('radio', { name: 'Table' }).check();
  const events = page.getByRole('table', { name: 'Events' });
  await page.getByLabel('Warnings only').check();
  await expect(events.getByRole('row').nth(1)).toContainText('Warning');
  await page.getByRole('combobox', { name: 'Event object kind' }).selectOption('Deployment');
  await expect(page.getByText('No event matches the filter.')).toBeVisible();
  await page.getByRole('combobox', { name: 'Event object kind' }).selectOption('');
  await page.getByLabel('Warnings only').uncheck();
  await page.getByRole('searchbox', { name: 'Search events' }).fill('ScalingReplicaSet');
  await expect(events).toContainText('deployment/hello');
  await expect(events.getByRole('row')).toHaveCount(2);
});
