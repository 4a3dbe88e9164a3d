import { expect, test, type Page } from '@playwright/test';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-journey';
const f = useUiSkiff(NS);

// The app prints the version its image serves, so its logs tell the revisions apart.
const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: journey
spec:
  replicas: 2
  selector:
    matchLabels: {app: journey}
  template:
    metadata:
      labels: {app: journey}
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: web
        image: skiff-test/web:v1
        command: [sh, -c, 'echo "serving $(cat /www/index.html)"; exec httpd -f -v -p 8080 -h /www']
        readinessProbe:
          httpGet: {path: /healthz, port: 8080}
          periodSeconds: 1
---
apiVersion: v1
kind: Service
metadata:
  name: journey
spec:
  selector: {app: journey}
  ports:
  - {port: 80, targetPort: 8080}
`;

const snapshot = (page: Page, name: string) =>
  page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test('deploy from YAML, scale to 5, change the image, roll back, read the logs, open a shell, delete', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);

  // deploy a sample app from YAML
  await nav.getByRole('link', { name: 'Create from YAML' }).click();
  await page.getByRole('textbox', { name: 'YAML' }).fill(APP);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('list', { name: 'Apply results' })).toHaveText(
    'deployment/journey appliedservice/journey applied',
  );

  // its pods become Ready
  await nav.getByRole('link', { name: 'Deployments' }).click();
  const row = page.getByRole('table', { name: 'Deployments' }).getByRole('row', { name: /^journey / });
  await expect(row).toContainText('2/2', { timeout: 30_000 });
  await row.getByRole('button', { name: 'journey', exact: true }).click();
  const detail = page.getByRole('region', { name: 'Deployment journey' });
  await expect(detail.getByRole('region', { name: 'Services of journey' })).toContainText(
    'journey ClusterIP',
  );

  // slide the replicas to 5: five pods, all ready
  const slider = detail.getByRole('slider', { name: 'Replicas slider' });
  await slider.focus();
  for (let i = 0; i < 3; i++) await slider.press('ArrowRight');
  await expect(detail.getByRole('status', { name: 'Deployment status' })).toContainText('5/5', {
    timeout: 30_000,
  });
  await expect(detail.getByRole('status', { name: 'Scaling state' })).toHaveText('5 of 5 ready');
  const pods = detail.getByRole('table', { name: 'Deployment pods' });
  await expect(pods.locator('tbody tr')).toHaveCount(5);
  await snapshot(page, 'deployment');

  // change the image and watch the rollout: the new revision fills while the old one drains
  await detail.getByRole('textbox', { name: 'New image' }).fill('skiff-test/web:v2');
  await detail.getByRole('button', { name: 'Set image' }).click();
  const progress = detail.getByRole('region', { name: 'Rollout progress' });
  await expect(progress.getByRole('listitem')).toHaveCount(2);
  await expect(progress.locator('li[data-revision="2"]')).toContainText(
    'Revision 2 (new) · skiff-test/web:v2',
  );
  await expect(progress.locator('li[data-revision="1"]')).toContainText('Revision 1 (old)');
  await expect(progress.getByRole('listitem')).toHaveCount(1, { timeout: 60_000 });
  await expect(progress.locator('li[data-revision="2"]')).toContainText('5 ready of 5');
  await expect(detail.getByRole('status', { name: 'Rollout state' })).toContainText('Complete');

  // one click back to the first revision (it comes back as revision 3)
  await detail.getByRole('tab', { name: 'History' }).click();
  const history = detail.getByRole('table', { name: 'Revisions' });
  await history.getByRole('button', { name: 'Roll back to revision 1' }).click();
  await expect(history.locator('tr[data-revision="3"]')).toContainText('(current)');
  await detail.getByRole('tab', { name: 'Overview' }).click();
  await expect(progress.locator('li[data-revision="3"]')).toContainText('5 ready of 5', { timeout: 60_000 });
  await expect(progress.getByRole('listitem')).toHaveCount(1, { timeout: 30_000 });
  await expect(pods.locator('tbody tr')).toHaveCount(5, { timeout: 30_000 });
  await detail.getByRole('tab', { name: 'Events' }).click();
  await expect(detail.getByRole('region', { name: 'Events of journey' })).toContainText('ScalingReplicaSet');
  await detail.getByRole('tab', { name: 'Overview' }).click();

  // the logs of one of its pods show the old version again
  const first = pods.locator('tbody tr').first();
  const podName = (await first.getAttribute('data-name')) ?? '';
  await expect(first).toContainText('3'); // its revision
  await first.getByRole('button', { name: `Open pod ${podName}` }).click();
  const pod = page.getByRole('region', { name: `Pod ${podName}` });
  await pod.getByRole('tab', { name: 'Logs' }).click();
  await expect(pod.getByRole('log', { name: 'Log lines' })).toContainText('serving');
  await expect(pod.getByRole('log', { name: 'Log lines' })).toContainText('web v1');
  await snapshot(page, 'pod-logs');

  // a shell in that pod answers with its name
  await pod.getByRole('tab', { name: 'Shell' }).click();
  await pod.getByRole('button', { name: 'New shell' }).click();
  const terminal = page
    .getByRole('region', { name: 'Dock' })
    .getByRole('tabpanel', { name: 'Shell 1' })
    .getByLabel('Terminal', { exact: true });
  await terminal.click();
  await page.keyboard.type('hostname');
  await page.keyboard.press('Enter');
  await expect(terminal).toContainText(new RegExp(`hostname\\s*${podName}(?![-\\w])`));
  await snapshot(page, 'pod-shell');

  // delete: confirmed in a dialog that says what goes; its pods go with it
  await nav.getByRole('link', { name: 'Deployments' }).click();
  await row.getByRole('button', { name: 'Delete deployment journey' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete deployment journey?' });
  await expect(dialog).toContainText('Its 5 pods stop');
  await dialog.getByRole('button', { name: 'Confirm deleting deployment journey' }).click();
  await expect(row).toHaveCount(0);
  expect((await api(f.skiff, `/apis/apps/v1/namespaces/${NS}/deployments/journey`)).status).toBe(404);
  await nav.getByRole('link', { name: 'Pods' }).click();
  await expect(page.getByText('No pods here.')).toBeVisible({ timeout: 30_000 });
});
