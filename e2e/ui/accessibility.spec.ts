import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { useUiSkiff } from '../support/ui-skiff';

// Every main view, light and dark: no serious or critical axe violations.
const NS = 'ui-a11y';
const f = useUiSkiff(NS);
const VIEWS = ['Dashboard', 'Deployments', 'Pods', 'Services', 'ConfigMaps', 'Events', 'Create from YAML'];

for (const colorScheme of ['light', 'dark'] as const)
  test(`main views have no serious or critical accessibility violations (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(f.skiff.uiUrl);
    await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const view of VIEWS) {
      const link = nav.getByRole('link', { name: view, exact: true });
      if ((await link.count()) === 0) continue; // a view the navigation names otherwise
      await link.click();
      await expect(page.locator('h1').first()).toBeVisible();
      const { violations } = await new AxeBuilder({ page }).analyze();
      const bad = violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${view}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
      expect(bad).toEqual([]);
    }
  });
