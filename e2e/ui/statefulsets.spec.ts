import { openPalette } from '../support/open-palette';
import { expect, test } from '@playwright/test';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-sts';
const apps = `/apis/apps/v1/namespaces/${NS}`;
const f = useUiSkiff(NS);

const template = (app: string) => ({
  metadata: { labels: { app } },
  spec: {
    terminationGracePeriodSeconds: 1,
    containers: [
      {
        name: 'web',
        image: 'skiff-test/web:v1',
        readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 1 },
        ...(app === 'db' ? { volumeMounts: [{ name: 'data', mountPath: '/data' }] } : {}),
      },
    ],
  },
});

test('a StatefulSet’s pods in order with their claims, scaling, and one-click rollback; a DaemonSet’s page', async ({
  page,
}) => {
  await api(f.skiff, `${apps}/statefulsets`, {
    method: 'POST',
    body: {
      metadata: { name: 'db' },
      spec: {
        replicas: 2,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: template('db'),
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      },
    },
  });
  await api(f.skiff, `${apps}/daemonsets`, {
    method: 'POST',
    body: {
      metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: template('agent') },
    },
  });
  await page.goto(f.skiff.uiUrl);

  // Ctrl+K finds the StatefulSet and opens its page.
  const palette = await openPalette(page);
  await palette.getByRole('textbox', { name: 'Jump to' }).fill('statefulset db');
  await expect(palette.getByRole('option').first()).toHaveText(`StatefulSet db (${NS})`);
  await page.keyboard.press('Enter');
  const detail = page.getByRole('region', { name: 'StatefulSet db' });
  const ordinals = detail.getByRole('table', { name: 'Pods by ordinal' });
  await expect(ordinals.locator('tr[data-ordinal="0"]')).toContainText('db-0');
  await expect(ordinals.locator('tr[data-ordinal="0"]')).toContainText('data-db-0 (Bound)');
  await expect(ordinals.locator('tr[data-ordinal="1"]')).toContainText('Running', { timeout: 30_000 });
  await expect(ordinals.locator('tr[data-ordinal="1"]')).toContainText('data-db-1 (Bound)');
  await expect(detail.getByRole('status', { name: 'Scaling state' })).toHaveText('2 of 2 ready', {
    timeout: 30_000,
  });
  await expect(detail.getByRole('button', { name: 'Edit YAML of StatefulSet db' })).toBeVisible();

  // Scale up with the number field: db-2 comes, with its own claim.
  const replicas = detail.getByRole('spinbutton', { name: 'Replicas' });
  await replicas.fill('3');
  await replicas.press('Enter');
  await expect(ordinals.locator('tr[data-ordinal="2"]')).toContainText('data-db-2 (Bound)', {
    timeout: 30_000,
  });
  await expect(detail.getByRole('status', { name: 'Scaling state' })).toHaveText('3 of 3 ready', {
    timeout: 30_000,
  });

  // A new template is revision 2; one click rolls back to revision 1's template (as revision 3).
  await api(f.skiff, `${apps}/statefulsets/db`, {
    method: 'PATCH',
    contentType: 'application/merge-patch+json',
    body: { spec: { template: { spec: { containers: [{ name: 'web', image: 'skiff-test/web:v2' }] } } } },
  });
  const history = detail.getByRole('table', { name: 'Revisions' });
  await expect(history.locator('tr[data-revision="2"]')).toContainText('skiff-test/web:v2');
  await expect(history.locator('tr[data-revision="2"]')).toContainText('(current)');
  await history.getByRole('button', { name: 'Roll back to revision 1' }).click();
  await expect(history.locator('tr[data-revision="3"]')).toContainText('skiff-test/web:v1');
  await expect(history.locator('tr[data-revision="3"]')).toContainText('(current)');
  expect((await api(f.skiff, `${apps}/statefulsets/db`)).body.spec.template.spec.containers[0].image).toBe(
    'skiff-test/web:v1',
  );

  // Scaling down keeps the claims, and the page says so.
  await replicas.fill('1');
  await replicas.press('Enter');
  await expect(detail.getByLabel('Kept claims')).toContainText('data-db-1, data-db-2', { timeout: 30_000 });

  // A pod's name opens its page.
  await ordinals.getByRole('button', { name: 'db-0', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Pod db-0' })).toBeVisible();

  // The DaemonSets page: one pod on the node.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'DaemonSets' }).click();
  const row = page.getByRole('table', { name: 'DaemonSets' }).getByRole('row', { name: /^agent / });
  await expect(row).toContainText('1', { timeout: 30_000 });
  await row.getByRole('button', { name: 'agent', exact: true }).click();
  const ds = page.getByRole('region', { name: 'DaemonSet agent' });
  await expect(ds.getByRole('status', { name: 'Rollout state' })).toContainText('1 of 1 nodes available', {
    timeout: 30_000,
  });
  await expect(ds.getByRole('table', { name: 'Daemon pods' })).toContainText('skiff');
  await expect(ds.getByRole('table', { name: 'Revisions' }).locator('tr[data-revision="1"]')).toContainText(
    '(current)',
  );
});
