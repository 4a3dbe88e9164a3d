import { expect, test, type Page } from '@playwright/test';
import { deploymentOf } from '../support/manifests';
import { editorText, expectEditorText, setEditorText } from '../support/code-editor';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-edit-yaml';
const f = useUiSkiff(NS);
const configMaps = `/api/v1/namespaces/${NS}/configmaps`;
const deployments = `/apis/apps/v1/namespaces/${NS}/deployments`;

async function openArea(page: Page, area: string) {
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: area }).click();
}

/** The 1-based line of the first line of `text` that contains `part`. */
const lineOf = (text: string, part: string) => text.split('\n').findIndex((l) => l.includes(part)) + 1;

test("a ConfigMap's data is edited as YAML, coloured, and bad edits are refused at their line", async ({
  page,
}) => {
  await api(f.skiff, configMaps, {
    method: 'POST',
    body: { metadata: { name: 'settings' }, data: { greeting: 'hello', mode: 'fast' } },
  });
  await openArea(page, 'ConfigMaps');
  const row = page.getByRole('table', { name: 'ConfigMaps' }).getByRole('row', { name: /^settings / });
  await row.getByRole('button', { name: 'Edit YAML of ConfigMap settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit YAML of ConfigMap settings' });
  const editor = dialog.getByRole('textbox', { name: 'YAML of ConfigMap settings' });
  await expectEditorText(editor, /greeting: hello/);
  const loaded = await editorText(editor);
  expect(loaded).toMatch(/resourceVersion: '\d+'/);
  expect(loaded).not.toContain('managedFields');
  // the colours: keys and values are told apart
  await expect(dialog.locator('.yaml-key', { hasText: /^greeting$/ })).toBeVisible();
  await expect(dialog.locator('.yaml-string', { hasText: /^hello$/ })).toBeVisible();

  // Cancel changes nothing (with edits, it asks first)
  await setEditorText(editor, loaded.replace('greeting: hello', 'greeting: cancelled'));
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog
    .getByRole('alertdialog', { name: 'Discard edits?' })
    .getByRole('button', { name: 'Discard edits' })
    .click();
  await expect(dialog).toHaveCount(0);
  expect((await api(f.skiff, `${configMaps}/settings`)).body.data.greeting).toBe('hello');

  // a syntax error is shown at its line, and nothing is sent
  await row.getByRole('button', { name: 'Edit YAML of ConfigMap settings' }).click();
  await expectEditorText(editor, /greeting: hello/);
  const broken = loaded.replace('mode: fast', 'mode: [fast');
  await setEditorText(editor, broken);
  await dialog.getByRole('button', { name: 'Save' }).click();
  const problems = dialog.getByRole('list', { name: 'Problems in YAML of ConfigMap settings' });
  await expect(problems).toContainText(/^line \d+: YAML: /);

  // a new name is refused at the line of metadata.name
  const renamed = loaded.replace('name: settings', 'name: other');
  await setEditorText(editor, renamed);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(problems).toHaveText(
    `line ${lineOf(renamed, 'name: other')}: metadata.name: cannot change from "settings" to "other" in Edit ` +
      'YAML; to make another object use Create from YAML; to rename, create a copy and delete this one',
  );
  expect((await api(f.skiff, `${configMaps}/other`)).status).toBe(404);

  // a good edit is saved: the dialog closes and the server has the new value
  await setEditorText(editor, loaded.replace('greeting: hello', 'greeting: bonjour'));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await api(f.skiff, `${configMaps}/settings`)).body.data).toEqual({
    greeting: 'bonjour',
    mode: 'fast',
  });
  await row.getByRole('button', { name: 'Edit YAML of ConfigMap settings' }).click();
  await expectEditorText(editor, /greeting: bonjour/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test("a Deployment's replicas are edited as YAML and its pods follow; an invalid value is shown at its line", async ({
  page,
}) => {
  await api(f.skiff, deployments, {
    method: 'POST',
    body: deploymentOf('web', {
      containers: [
        {
          name: 'web',
          image: 'skiff-test/web:v1',
          readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 1 },
        },
      ],
    }),
  });
  await openArea(page, 'Deployments');
  const row = page.getByRole('table', { name: 'Deployments' }).getByRole('row', { name: /^web / });
  await expect(row).toContainText('1/1', { timeout: 20_000 });
  await row.getByRole('button', { name: 'web', exact: true }).click();
  const detail = page.getByRole('region', { name: 'Deployment web' });
  const dialog = page.getByRole('dialog', { name: 'Edit YAML of Deployment web' });
  const editor = dialog.getByRole('textbox', { name: 'YAML of Deployment web' });

  await detail.getByRole('button', { name: 'Edit YAML of Deployment web' }).click();
  await expectEditorText(editor, /replicas: 1\n/);
  const loaded = await editorText(editor);
  expect(loaded).not.toMatch(/^status:/m);
  await setEditorText(editor, loaded.replace(/replicas: 1\n/, 'replicas: 3\n'));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(detail.getByRole('status', { name: 'Deployment status' })).toContainText('3/3', {
    timeout: 30_000,
  });
  const pods = await api(f.skiff, `/api/v1/namespaces/${NS}/pods?labelSelector=app%3Dweb`);
  expect(
    pods.body.items.filter((p: { status?: { phase?: string } }) => p.status?.phase === 'Running'),
  ).toHaveLength(3);

  // replicas: -1 is refused by the server, shown at that line, and the Deployment keeps 3
  await detail.getByRole('button', { name: 'Edit YAML of Deployment web' }).click();
  await expectEditorText(editor, /replicas: 3\n/);
  const invalid = (await editorText(editor)).replace(/replicas: 3\n/, 'replicas: -1\n');
  await setEditorText(editor, invalid);
  await dialog.getByRole('button', { name: 'Save' }).click();
  const line = lineOf(invalid, 'replicas: -1');
  await expect(dialog.getByRole('list', { name: 'Problems in YAML of Deployment web' })).toHaveText(
    new RegExp(`^line ${line}: spec\\.replicas: Invalid value: -1: must be at least 0$`),
  );
  // the gutter marks that line
  await expect(dialog.locator('.cm-lineNumbers .yaml-problem-mark')).toHaveText(String(line));
  // a value of the wrong type does not decode (400 BadRequest): its cause is shown at its line all the same
  const wrongType = invalid.replace('replicas: -1\n', 'replicas: many\n');
  await setEditorText(editor, wrongType);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('list', { name: 'Problems in YAML of Deployment web' })).toHaveText(
    new RegExp(
      `^line ${lineOf(wrongType, 'replicas: many')}: spec\\.replicas: Invalid value: "many": spec\\.replicas in body must be of type integer$`,
    ),
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.getByRole('button', { name: 'Discard edits' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await api(f.skiff, `${deployments}/web`)).body.spec.replicas).toBe(3);
  await expect(detail.getByRole('status', { name: 'Deployment status' })).toContainText('3/3');
});

test('saving over a change made since the editor opened is a conflict, and Reload shows the new version', async ({
  page,
}) => {
  await api(f.skiff, configMaps, {
    method: 'POST',
    body: { metadata: { name: 'shared' }, data: { owner: 'ui' } },
  });
  await openArea(page, 'ConfigMaps');
  const row = page.getByRole('table', { name: 'ConfigMaps' }).getByRole('row', { name: /^shared / });
  await row.getByRole('button', { name: 'Edit YAML of ConfigMap shared' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit YAML of ConfigMap shared' });
  const editor = dialog.getByRole('textbox', { name: 'YAML of ConfigMap shared' });
  await expectEditorText(editor, /owner: ui/);

  // someone else changes it through the API while the editor is open
  await api(f.skiff, `${configMaps}/shared`, {
    method: 'PATCH',
    contentType: 'application/merge-patch+json',
    body: { data: { owner: 'script' } },
  });
  await setEditorText(editor, (await editorText(editor)).replace('owner: ui', 'owner: ui-edit'));
  await dialog.getByRole('button', { name: 'Save' }).click();
  const conflict = dialog.getByRole('alert');
  await expect(conflict).toContainText('ConfigMap shared has changed since this editor opened it');
  expect((await api(f.skiff, `${configMaps}/shared`)).body.data.owner).toBe('script');

  await conflict.getByRole('button', { name: 'Reload' }).click();
  await expectEditorText(editor, /owner: script/);
  await expect(conflict).toHaveCount(0);
  await setEditorText(editor, (await editorText(editor)).replace('owner: script', 'owner: both'));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await api(f.skiff, `${configMaps}/shared`)).body.data.owner).toBe('both');
});

test('a cluster-wide object (a Namespace) is edited from its row the same way', async ({ page }) => {
  await openArea(page, 'Namespaces');
  const row = page
    .getByRole('table', { name: 'Namespaces' })
    .getByRole('row', { name: new RegExp(`^${NS} `) });
  await row.getByRole('button', { name: `Edit YAML of Namespace ${NS}` }).click();
  const dialog = page.getByRole('dialog', { name: `Edit YAML of Namespace ${NS}` });
  const editor = dialog.getByRole('textbox', { name: `YAML of Namespace ${NS}` });
  await expectEditorText(editor, new RegExp(`name: ${NS}\\n`));
  await setEditorText(editor, (await editorText(editor)).replace('  labels:\n', '  labels:\n    team: ui\n'));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  expect((await api(f.skiff, `/api/v1/namespaces/${NS}`)).body.metadata.labels).toMatchObject({ team: 'ui' });
  // focus returns to the button that opened the editor
  await expect(row.getByRole('button', { name: `Edit YAML of Namespace ${NS}` })).toBeFocused();
});
