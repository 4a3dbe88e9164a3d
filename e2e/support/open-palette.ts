import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Ctrl+K until the command palette shows, as a person presses it again when the page was still starting: the
 * keystroke only reaches the palette once the app has mounted it.
 */
export async function openPalette(page: Page): Promise<Locator> {
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(async () => {
    await page.keyboard.press('Control+k');
    await expect(palette).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  return palette;
}
