import { expect, test, type Page } from '@playwright/test';
import { editorText, expectEditorText, setEditorText } from '../support/code-editor';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

// The YAML editor as people use it daily: indentation, Tab, Kubernetes completion and checking, drafts kept,
// and nothing discarded without asking.

const NS = 'ui-yaml-editor';
const f = useUiSkiff(NS);

async function openCreateFromYaml(page: Page) {
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Create from YAML' })
    .click();
  const editor = page.getByRole('textbox', { name: 'YAML', exact: true });
  await expect(editor).toBeVisible();
  return editor;
}

test('Enter indents after a key, Tab indents, and Esc then Tab leaves the editor', async ({ page }) => {
  const editor = await openCreateFromYaml(page);
  await setEditorText(editor, '');
  await editor.click();
  await page.keyboard.type('spec:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('template:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('x: 1');
  await expect.poll(() => editorText(editor)).toBe('spec:\n  template:\n    x: 1');
  // Tab indents the line and keeps the focus in the editor
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  await expect.poll(() => editorText(editor)).toBe('spec:\n  template:\n      x: 1');
  await expect(editor).toBeFocused();
  // Esc, then Tab: the keyboard user's way out
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();
  expect(await editorText(editor)).toBe('spec:\n  template:\n      x: 1');
});

test('fields complete from the Kubernetes schema with their descriptions; wrong types and unknown fields are marked', async ({
  page,
}) => {
  const editor = await openCreateFromYaml(page);
  await setEditorText(editor, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: typed\nspec:\n  ');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('repl');
  const list = page.getByRole('listbox');
  await expect(list.getByRole('option', { name: /^replicas/ })).toBeVisible();
  // the description as the server's schema has it
  await expect(page.locator('.cm-completionInfo')).toContainText('Number of desired pods');
  // chosen with the mouse: CodeMirror ignores Enter for 75 ms after the list (re)opens, which a loaded
  // machine can stretch past any fixed wait
  await list.getByRole('option', { name: /^replicas/ }).click();
  await page.keyboard.type('many');
  await expectEditorText(editor, /\n {2}replicas: many$/);
  const marked = page.locator('.cm-lintRange-error');
  await expect(marked).toHaveText('many');
  await editor.locator('.cm-lintRange-error').hover();
  await expect(page.locator('.cm-tooltip-lint')).toContainText(
    'spec.replicas: expected an integer, not "many"',
  );

  // an unknown field is marked at its key
  await setEditorText(
    editor,
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  lables: {x: y}\ndata: {}\n',
  );
  await expect(page.locator('.cm-lintRange-error')).toHaveText('lables');
});

test('the Create-from-YAML text is kept when you leave and come back', async ({ page }) => {
  const editor = await openCreateFromYaml(page);
  const draft = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: draft-kept\n';
  await setEditorText(editor, draft);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pods' }).click();
  await expect(editor).toHaveCount(0);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Create from YAML' })
    .click();
  await expectEditorText(editor, /name: draft-kept\n$/);
  // Apply says so in a toast
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Applied 1 object' })).toBeVisible();
  expect((await api(f.skiff, `/api/v1/namespaces/${NS}/configmaps/draft-kept`)).status).toBe(200);
});

test('Esc with edits in Edit YAML asks before discarding, and Save stays in view in a long dialog', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  const lines = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`key${i}`, `value ${i}`]));
  await api(f.skiff, `/api/v1/namespaces/${NS}/configmaps`, {
    method: 'POST',
    body: { metadata: { name: 'long' }, data: lines },
  });
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'ConfigMaps' }).click();
  await page
    .getByRole('table', { name: 'ConfigMaps' })
    .getByRole('row', { name: /^long / })
    .getByRole('button', { name: 'Edit YAML of ConfigMap long' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Edit YAML of ConfigMap long' });
  const editor = dialog.getByRole('textbox', { name: 'YAML of ConfigMap long' });
  await expectEditorText(editor, /key79: value 79/);
  await expect(dialog.getByRole('button', { name: 'Save' })).toBeInViewport();

  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# mine');
  // the first Esc stays in the editor (then Tab would leave it); the second asks
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  const ask = dialog.getByRole('alertdialog', { name: 'Discard edits?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  await expectEditorText(editor, /# mine$/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await ask.getByRole('button', { name: 'Discard edits' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await api(f.skiff, `/api/v1/namespaces/${NS}/configmaps/long`)).body.data.key0).toBe('value 0');

  // a save is confirmed in a toast
  await page.getByRole('button', { name: 'Edit YAML of ConfigMap long' }).click();
  await expectEditorText(editor, /key0: value 0/);
  await setEditorText(editor, (await editorText(editor)).replace('value 0', 'changed'));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Saved ConfigMap long' })).toBeVisible();
});
