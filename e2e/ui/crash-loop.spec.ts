import { expect, test } from '@playwright/test';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-crash';
const f = useUiSkiff(NS);

// Each run counts itself in an emptyDir (which outlives container restarts), says so, and fails.
const CRASH =
  'n=$(($(cat /data/n 2>/dev/null || echo 0) + 1)); echo $n > /data/n; echo "run $n crashes on purpose"; exit 3';

test('a crash loop shows its reason and restart count, and the previous container keeps its logs', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await api(f.skiff, `/api/v1/namespaces/${NS}/pods`, {
    method: 'POST',
    body: {
      metadata: { name: 'crasher' },
      spec: {
        volumes: [{ name: 'data', emptyDir: {} }],
        containers: [
          {
            name: 'app',
            image: 'skiff-test/tools:v1',
            command: ['sh', '-c', CRASH],
            volumeMounts: [{ name: 'data', mountPath: '/data' }],
          },
        ],
      },
    },
  });
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pods' }).click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  const row = page.getByRole('table', { name: 'Pods' }).getByRole('row', { name: /^crasher / });
  await expect(row).toContainText('CrashLoopBackOff', { timeout: 30_000 });
  await expect(row.getByRole('cell').nth(3)).toHaveText(/^[1-9]\d* \(\d+s ago\)$/, { timeout: 30_000 });

  await row.getByRole('button', { name: 'crasher', exact: true }).click();
  const detail = page.getByRole('region', { name: 'Pod crasher' });
  const containers = detail.getByRole('list', { name: 'Containers' });
  await expect(containers).toContainText(/restarts [1-9]/);
  await expect(containers).toContainText('Last termination: Error, exit code 3');
  await expect(detail.getByRole('list', { name: 'Pod events' })).toContainText('BackOff');

  await detail.getByRole('tab', { name: 'Logs' }).click();
  const lines = detail.getByRole('log', { name: 'Log lines' });
  const runShown = async () => Number(/run (\d+)/.exec((await lines.textContent()) ?? '')?.[1]);
  await detail.getByLabel('Previous container').check();
  await expect(lines).toContainText(/run \d+ crashes on purpose/);
  const previous = await runShown();
  // read after the previous one, the current container's run is always a later one
  await detail.getByLabel('Previous container').uncheck();
  await expect(lines).toContainText(/run \d+ crashes on purpose/);
  await expect.poll(runShown).toBeGreaterThan(previous);
  expect(previous).toBeGreaterThanOrEqual(1);
});
