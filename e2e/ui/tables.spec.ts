import { expect, test, type Page } from '@playwright/test';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-tables';
const PODS = 300;
const f = useUiSkiff(NS);
const nameOf = (i: number) => `idle-${String(i).padStart(3, '0')}`;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  // Pending forever (no node has the label), so 300 pods cost the engine nothing
  for (let i = 0; i < PODS; i += 50) {
    await Promise.all(
      Array.from({ length: 50 }, async (_, k) => {
        const response = await api(f.skiff, `/api/v1/namespaces/${NS}/pods`, {
          method: 'POST',
          body: {
            metadata: {
              name: nameOf(i + k),
              labels: {
                app: 'idle',
                shard: String((i + k) % 10),
                ...((i + k) % 30 === 0 ? { canary: 'yes' } : {}),
              },
            },
            spec: {
              nodeSelector: { 'test.skiff.io/nowhere': 'true' },
              containers: [{ name: 'c', image: 'skiff-test/tools:v1' }],
            },
          },
        });
        expect(response.status).toBe(201);
      }),
    );
  }
});

async function openPods(page: Page) {
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pods' }).click();
  const table = page.getByRole('table', { name: 'Pods' });
  await expect(table).toHaveAttribute('aria-rowcount', String(PODS + 1)); // the header row counts
  return table;
}

test('300 pods: the table tells its real size, renders the rows in view, and scrolls to the last pod', async ({
  page,
}) => {
  const table = await openPods(page);
  await expect(table.getByRole('row', { name: /^idle-000 / })).toBeInViewport();
  expect(await table.getByRole('row').count()).toBeLessThan(80);
  const last = table.getByRole('row', { name: new RegExp(`^${nameOf(PODS - 1)} `) });
  await expect(last).toHaveCount(0);

  await table.hover();
  // the wheel, as a user scrolls, until the last pod shows
  await expect(async () => {
    await page.mouse.wheel(0, 2000);
    await expect(last).toBeInViewport({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await expect(last).toHaveAttribute('aria-rowindex', String(PODS + 1));
  await expect(last).toContainText('Pending');
  await expect(table.getByRole('columnheader', { name: 'Status' })).toBeInViewport(); // sticky
  await expect(table.getByRole('row', { name: /^idle-000 / })).toHaveCount(0);
});

test('keyboard: the rows are one tab stop; arrows, Home, End and PageUp move; Enter opens the pod', async ({
  page,
}) => {
  const table = await openPods(page);
  const row = (i: number) => table.getByRole('row', { name: new RegExp(`^${nameOf(i)} `) });

  // the sortable column headers are buttons before the rows; the rows come next, as one stop
  const lastHeader = table.locator('thead button').last();
  await lastHeader.focus();
  await page.keyboard.press('Tab');
  await expect(row(0)).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(lastHeader).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(row(2)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(row(1)).toBeFocused();

  await page.keyboard.press('End');
  await expect(row(PODS - 1)).toBeFocused();
  await expect(row(PODS - 1)).toBeInViewport();
  await page.keyboard.press('ArrowDown'); // nowhere further
  await expect(row(PODS - 1)).toBeFocused();
  await page.keyboard.press('PageUp');
  const focusedIndex = Number(
    await page.evaluate(() => document.activeElement?.getAttribute('aria-rowindex')),
  );
  expect(focusedIndex).toBeLessThan(PODS - 3); // a page is several rows
  expect(focusedIndex).toBeGreaterThan(PODS - 40);
  await page.keyboard.press('Home');
  await expect(row(0)).toBeFocused();
  await expect(row(0)).toBeInViewport();

  // Tab from the focused row reaches its own controls, then leaves the table (no stop in other rows)
  await page.keyboard.press('Tab');
  await expect(row(0).getByRole('button', { name: nameOf(0), exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(row(0).getByRole('button', { name: `Logs of pod ${nameOf(0)}` })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(row(0).getByRole('button', { name: `Delete pod ${nameOf(0)}` })).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('table') === null)).toBe(true);

  await row(0)
    .getByRole('button', { name: nameOf(0), exact: true })
    .focus();
  await page.keyboard.press('Shift+Tab');
  await expect(row(0)).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: `Pod ${nameOf(PODS - 1)}` })).toBeVisible();
  await expect(page.getByRole('region', { name: `Pod ${nameOf(PODS - 1)}` })).toContainText('Containers');
});

test('the label selector narrows the rows; a bad one says what is wrong and filters nothing', async ({
  page,
}) => {
  const table = await openPods(page);
  const selector = page.getByRole('searchbox', { name: 'Label selector' });

  await selector.fill('shard=3');
  await expect(table).toHaveAttribute('aria-rowcount', '31');
  await expect(table.getByRole('row')).toHaveCount(31); // a short table renders every row
  await expect(table.getByRole('row', { name: /^idle-013 / })).toBeVisible();

  await selector.fill('shard in (0,3),!canary');
  await expect(table).toHaveAttribute('aria-rowcount', String(60 - 10 + 1));
  await expect(table.getByRole('row', { name: /^idle-000 / })).toHaveCount(0);

  await selector.fill('shard in (0,3');
  await expect(page.getByRole('alert')).toHaveText(
    /^Label selector: parentheses do not pair up; write key=value/,
  );
  await expect(selector).toHaveAttribute('aria-invalid', 'true');
  await expect(table).toHaveAttribute('aria-rowcount', String(PODS + 1));

  await selector.fill('-shard=3');
  await expect(page.getByRole('alert')).toHaveText(/invalid label key "-shard"/);
  await selector.fill('canary');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(table).toHaveAttribute('aria-rowcount', String(PODS / 30 + 1));
});
