import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { api } from '../support/skiff-process';
import { deploymentOf } from '../support/manifests';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-logs';
const f = useUiSkiff(NS);

const pod = (name: string, script: string) => ({
  metadata: { name },
  spec: {
    terminationGracePeriodSeconds: 1,
    containers: [{ name: 'app', image: 'skiff-test/tools:v1', command: ['sh', '-c', script] }],
  },
});

async function openLogs(page: import('@playwright/test').Page, name: string) {
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pods' }).click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await page.getByRole('table', { name: 'Pods' }).getByRole('button', { name, exact: true }).click();
  const detail = page.getByRole('region', { name: `Pod ${name}` });
  await detail.getByRole('tab', { name: 'Logs' }).click();
  return detail.getByLabel('Logs', { exact: true });
}

test('logs stream live, can be searched, paused, shown with timestamps and downloaded', async ({ page }) => {
  await api(f.skiff, `/api/v1/namespaces/${NS}/pods`, {
    method: 'POST',
    body: pod(
      'ticker',
      'i=0; while true; do i=$((i+1)); echo "tick $i"; [ $((i % 5)) -eq 0 ] && echo "marker $i"; sleep 0.1; done',
    ),
  });
  const logs = await openLogs(page, 'ticker');
  const lines = logs.getByRole('log', { name: 'Log lines' });
  await expect(lines).toContainText('tick 1');
  await expect(lines).toContainText('marker 10'); // still streaming
  await expect(logs.getByRole('status', { name: 'Log state' })).toContainText('following');

  await logs.getByRole('searchbox', { name: 'Search logs' }).fill('marker');
  await expect(logs.getByRole('status', { name: 'Matches' })).toHaveText(/^1 of \d+$/);
  await logs.getByRole('button', { name: 'Next match' }).click();
  await expect(logs.getByRole('status', { name: 'Matches' })).toHaveText(/^2 of \d+$/);
  await expect(lines.locator('mark.current')).toHaveText('marker');
  await expect(logs.getByRole('status', { name: 'Log state' })).toContainText('paused');

  await logs.getByLabel('Timestamps').check();
  await expect(lines.locator('.log-time').first()).toHaveText(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);

  const download = page.waitForEvent('download');
  await logs.getByRole('button', { name: 'Download' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('ticker-app.log');
  const text = await readFile((await file.path())!, 'utf8');
  expect(text).toMatch(/^\d{4}-\d\d-\d\dT\S+ tick 1\n/);
});

test('a long log stays virtualized: 100 000 lines streamed in, a few dozen rows in the page', async ({
  page,
}) => {
  await api(f.skiff, `/api/v1/namespaces/${NS}/pods`, {
    method: 'POST',
    body: pod('chatty', 'sleep 4; seq 1 100000; sleep 3600'),
  });
  const logs = await openLogs(page, 'chatty');
  await expect(logs.getByRole('status', { name: 'Log state' })).toContainText('100000 lines', {
    timeout: 30_000,
  });
  await expect(logs.getByRole('log', { name: 'Log lines' })).toContainText('100000');
  expect(await logs.locator('.log-line').count()).toBeLessThan(120);
});

test("a Deployment's pods in one log: each line marked by its pod, a marker where the new revision begins", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const script = (word: string) => `while true; do echo "${word} from $(hostname)"; sleep 0.5; done`;
  const base = `/apis/apps/v1/namespaces/${NS}/deployments`;
  await api(f.skiff, base, {
    method: 'POST',
    body: deploymentOf(
      'talk',
      { containers: [{ name: 'app', image: 'skiff-test/tools:v1', command: ['sh', '-c', script('first')] }] },
      2,
    ),
  });
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deployments' }).click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  const row = page.getByRole('table', { name: 'Deployments' }).getByRole('row', { name: /^talk / });
  await expect(row).toContainText('2/2', { timeout: 30_000 });
  await row.getByRole('button', { name: 'talk', exact: true }).click();
  // the Logs tab of its page opens the logs of all its pods
  await page.getByRole('region', { name: 'Deployment talk' }).getByRole('tab', { name: 'Logs' }).click();
  const section = page.getByRole('region', { name: 'Deployment logs' });
  await expect(section.getByRole('button', { name: 'Hide logs' })).toBeVisible();
  const lines = section.getByRole('log', { name: 'Log lines' });
  await expect(lines.locator('.log-source')).not.toHaveCount(0);
  const sources = new Set(await lines.locator('.log-source').allTextContents());
  expect(sources.size).toBe(2);

  await api(f.skiff, `${base}/talk`, {
    method: 'PATCH',
    contentType: 'application/strategic-merge-patch+json',
    body: {
      spec: {
        template: { spec: { containers: [{ name: 'app', command: ['sh', '-c', script('second')] }] } },
      },
    },
  });
  // found by search, wherever following has scrolled it
  const search = section.getByRole('searchbox', { name: 'Search logs' });
  const matches = section.getByRole('status', { name: 'Matches' });
  await search.fill('revision 2: pods of the new revision begin');
  await expect(matches).toHaveText('1 of 1', { timeout: 60_000 });
  await search.fill('second from talk-');
  await expect(matches).toHaveText(/^1 of \d+$/, { timeout: 30_000 });
});

test('logs open in one click from a pod row and from a Deployment row', async ({ page }) => {
  await api(f.skiff, `/api/v1/namespaces/${NS}/pods`, {
    method: 'POST',
    body: pod('oneclick', 'echo "hello from oneclick"; sleep 3600'),
  });
  await api(f.skiff, `/apis/apps/v1/namespaces/${NS}/deployments`, {
    method: 'POST',
    body: deploymentOf(
      'chorus',
      {
        containers: [
          {
            name: 'app',
            image: 'skiff-test/tools:v1',
            command: ['sh', '-c', 'echo "la from $(hostname)"; sleep 3600'],
          },
        ],
      },
      2,
    ),
  });
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Pods' }).click();
  await page.getByRole('button', { name: 'Logs of pod oneclick' }).click();
  const detail = page.getByRole('region', { name: 'Pod oneclick' });
  await expect(detail.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
  await expect(detail.getByRole('log', { name: 'Log lines' })).toContainText('hello from oneclick');

  await nav.getByRole('link', { name: 'Deployments' }).click();
  const row = page.getByRole('table', { name: 'Deployments' }).getByRole('row', { name: /^chorus / });
  await expect(row).toContainText('2/2', { timeout: 30_000 });
  await row.getByRole('button', { name: 'Logs of deployment chorus' }).click();
  const logs = page.getByRole('region', { name: 'Deployment logs' });
  await expect(logs.getByRole('button', { name: 'Hide logs' })).toBeVisible();
  await expect(logs.getByRole('log', { name: 'Log lines' }).locator('.log-source')).toHaveCount(2);
  await expect(logs.getByRole('log', { name: 'Log lines' })).toContainText('la from chorus-');
});
