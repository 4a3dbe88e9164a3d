import { expect, test } from '@playwright/test';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-deploy';
const base = `/apis/apps/v1/namespaces/${NS}/deployments`;
const f = useUiSkiff(NS);

test('scale with the slider, see the rollout history, and roll back with one click', async ({ page }) => {
  await api(f.skiff, base, {
    method: 'POST',
    body: {
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            terminationGracePeriodSeconds: 1,
            containers: [
              {
                name: 'web',
                image: 'skiff-test/web:v1',
                resources: { requests: { cpu: '100m', memory: '32Mi' } },
                readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 1 },
              },
            ],
          },
        },
      },
    },
  });
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deployments' }).click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  const row = page.getByRole('table', { name: 'Deployments' }).getByRole('row', { name: /^web / });
  await expect(row).toContainText('2/2');
  await row.getByRole('button', { name: 'web', exact: true }).click();
  const detail = page.getByRole('region', { name: 'Deployment web' });
  // the page's header says what the list row said
  const ready = detail.getByRole('status', { name: 'Deployment status' });

  // The number field previews the resources, applies on Enter, and the table follows the pods.
  const replicas = detail.getByRole('spinbutton', { name: 'Replicas' });
  await replicas.fill('3');
  await expect(detail.getByLabel('Resource preview')).toContainText(
    '3 replicas request 300m CPU and 96Mi memory',
  );
  await replicas.press('Enter');
  await expect(ready).toContainText('3/3', { timeout: 15_000 });
  await expect(detail.getByRole('status', { name: 'Scaling state' })).toHaveText('3 of 3 ready');

  // The slider applies on release.
  const slider = detail.getByRole('slider', { name: 'Replicas slider' });
  await slider.focus();
  await slider.press('ArrowLeft');
  await expect(ready).toContainText('2/2', { timeout: 15_000 });

  // A new revision appears in the history; one click returns to revision 1 (as revision 3).
  await detail.getByRole('textbox', { name: 'New image' }).fill('skiff-test/web:v2');
  await detail.getByRole('button', { name: 'Set image' }).click();
  await detail.getByRole('tab', { name: 'History' }).click();
  const history = detail.getByRole('table', { name: 'Revisions' });
  await expect(history.locator('tr[data-revision="2"]')).toContainText('skiff-test/web:v2');
  await expect(history.locator('tr[data-revision="2"]')).toContainText('(current)');
  // the two revisions' templates, compared line by line
  const diff = detail.getByLabel('Template diff');
  await expect(diff.locator('.diff-removed')).toHaveText([/^- .*image: skiff-test\/web:v1$/]);
  await expect(diff.locator('.diff-added')).toHaveText([/^\+ .*image: skiff-test\/web:v2$/]);
  await history.getByRole('button', { name: 'Roll back to revision 1' }).click();
  await expect(history.locator('tr[data-revision="3"]')).toContainText('skiff-test/web:v1');
  await expect(history.locator('tr[data-revision="3"]')).toContainText('(current)');
  await page
    .getByRole('navigation', { name: 'Breadcrumb' })
    .getByRole('link', { name: 'Deployments' })
    .click();
  await expect(row).toContainText('skiff-test/web:v1');
  expect((await api(f.skiff, `${base}/web`)).body.spec.template.spec.containers[0].image).toBe(
    'skiff-test/web:v1',
  );

  // The server refuses a negative count: its message shows and the field returns to the real value.
  await row.getByRole('button', { name: 'web', exact: true }).click();
  await replicas.fill('-1');
  await replicas.press('Enter');
  await expect(detail.getByRole('alert')).toContainText('spec.replicas');
  await expect(replicas).toHaveValue('2');
});
