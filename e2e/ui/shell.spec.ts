import { expect, test, type Locator } from '@playwright/test';
import { kubectl } from '../support/kubectl';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-shell';
const f = useUiSkiff(NS);

async function type(terminal: Locator, text: string) {
  await terminal.click();
  await terminal.page().keyboard.type(text);
  await terminal.page().keyboard.press('Enter');
}

test('a shell tab runs commands at the panel size, keeps several sessions, and closing one ends it', async ({
  page,
}) => {
  await api(f.skiff, `/api/v1/namespaces/${NS}/pods`, {
    method: 'POST',
    body: {
      metadata: { name: 'box' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [{ name: 'tools', image: 'skiff-test/tools:v1' }],
      },
    },
  });
  await expect
    .poll(async () => (await api(f.skiff, `/api/v1/namespaces/${NS}/pods/box`)).body.status?.phase, {
      timeout: 20_000,
    })
    .toBe('Running');
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pods' }).click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await page.getByRole('table', { name: 'Pods' }).getByRole('button', { name: 'box', exact: true }).click();
  const detail = page.getByRole('region', { name: 'Pod box' });
  await detail.getByRole('tab', { name: 'Shell' }).click();

  // no bash in the busybox image: the automatic choice falls back to sh
  await detail.getByRole('button', { name: 'New shell' }).click();
  // shells open in the dock, which stays across views
  const dock = page.getByRole('region', { name: 'Dock' });
  const first = dock.getByRole('tabpanel', { name: 'Shell 1' }).getByLabel('Terminal', { exact: true });
  await type(first, 'echo hello-$((6*7)) from $0');
  await expect(first).toContainText('hello-42 from sh');
  await type(first, 'stty size');
  await expect(first).toContainText(/\n?\d+ (\d{2,})/);

  // a second session, then the first one is closed while it runs something: it ends on the engine
  await detail.getByRole('button', { name: 'New shell' }).click();
  const second = dock.getByRole('tabpanel', { name: 'Shell 2' }).getByLabel('Terminal', { exact: true });
  await type(second, 'echo second');
  await expect(second).toContainText('second');
  await dock.getByRole('tab', { name: 'Shell 1 (box/tools)' }).click();
  await type(first, 'sleep 777');
  const sleeping = async () =>
    (await kubectl(f.skiff, ['exec', 'box', '--', 'ps'], NS)).stdout.includes('sleep 777');
  await expect.poll(sleeping).toBe(true);
  await dock.getByRole('button', { name: 'Close shell 1' }).click();
  await expect.poll(sleeping, { timeout: 10_000 }).toBe(false);
  await expect(dock.getByRole('tab', { name: 'Shell 2 (box/tools)' })).toBeVisible();
});
