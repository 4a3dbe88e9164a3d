import { expect, test, type Page } from '@playwright/test';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-config-edit';
const f = useUiSkiff(NS);
const b64 = (text: string) => Buffer.from(text).toString('base64');
const configMap = async (name: string) =>
  (await api(f.skiff, `/api/v1/namespaces/${NS}/configmaps/${name}`)).body;

async function open(page: Page, area: 'ConfigMaps' | 'Secrets') {
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: area }).click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
}

test('edit a ConfigMap value, add and remove keys, and a bad key is refused at its field', async ({
  page,
}) => {
  await api(f.skiff, `/api/v1/namespaces/${NS}/configmaps`, {
    method: 'POST',
    body: {
      metadata: { name: 'app-config' },
      data: { greeting: 'hello', 'nginx.conf': 'server {\n  listen 8080;\n}', obsolete: 'x' },
    },
  });
  await open(page, 'ConfigMaps');
  await page
    .getByRole('table', { name: 'ConfigMaps' })
    .getByRole('button', { name: 'app-config', exact: true })
    .click();
  const editor = page.getByRole('region', { name: 'ConfigMap app-config' });
  await expect(editor.getByRole('textbox', { name: 'Value of nginx.conf' })).toHaveValue(
    'server {\n  listen 8080;\n}',
  );

  await editor.getByRole('textbox', { name: 'Value of greeting' }).fill('hello, world');
  const newKey = editor.getByRole('textbox', { name: 'New key name' });
  await newKey.fill('bad key');
  await editor.getByRole('button', { name: 'Add key' }).click();
  await expect(newKey).toHaveAccessibleDescription(
    `Key "bad key": use only letters, digits, '-', '_' or '.' (e.g. 'key.name')`,
  );
  await expect(editor.getByRole('textbox', { name: 'Value of bad key' })).toHaveCount(0);

  await newKey.fill('mode');
  await editor.getByRole('button', { name: 'Add key' }).click();
  await editor.getByRole('textbox', { name: 'Value of mode' }).fill('debug');
  await editor.getByRole('button', { name: 'Remove key obsolete' }).click();
  expect((await configMap('app-config')).data.greeting).toBe('hello'); // nothing is sent before Save
  await editor.getByRole('button', { name: 'Save ConfigMap app-config' }).click();
  await expect
    .poll(async () => (await configMap('app-config')).data)
    .toEqual({
      greeting: 'hello, world',
      mode: 'debug',
      'nginx.conf': 'server {\n  listen 8080;\n}',
    });
  await expect(editor.getByRole('button', { name: 'Save ConfigMap app-config' })).toBeDisabled();
  await page.goBack(); // the editor is the ConfigMap's page; its list is one step back
  await expect(
    page.getByRole('table', { name: 'ConfigMaps' }).getByRole('row', { name: /^app-config / }),
  ).toContainText(/app-config\s*3/);
});

test('a ConfigMap changed elsewhere while open is not overwritten: the user is told and can reload', async ({
  page,
}) => {
  await api(f.skiff, `/api/v1/namespaces/${NS}/configmaps`, {
    method: 'POST',
    body: { metadata: { name: 'shared' }, data: { level: 'info' } },
  });
  await open(page, 'ConfigMaps');
  await page
    .getByRole('table', { name: 'ConfigMaps' })
    .getByRole('button', { name: 'shared', exact: true })
    .click();
  const editor = page.getByRole('region', { name: 'ConfigMap shared' });
  await editor.getByRole('textbox', { name: 'Value of level' }).fill('debug');
  await api(f.skiff, `/api/v1/namespaces/${NS}/configmaps/shared`, {
    method: 'PATCH',
    contentType: 'application/merge-patch+json',
    body: { data: { level: 'warn' } },
  });
  await expect(editor.getByRole('alert')).toContainText('changed since you opened it');
  await editor.getByRole('button', { name: 'Save ConfigMap shared' }).click();
  await expect(editor.getByRole('alert')).toContainText(
    'ConfigMap shared changed since you opened it. Reload to see its current values',
  );
  expect((await configMap('shared')).data.level).toBe('warn');
  await editor.getByRole('button', { name: 'Reload' }).click();
  await expect(editor.getByRole('textbox', { name: 'Value of level' })).toHaveValue('warn');
  await expect(editor.getByRole('alert')).toHaveCount(0);
});

test('a change the server refuses shows its field and message, and changes nothing', async ({ page }) => {
  await api(f.skiff, `/api/v1/namespaces/${NS}/configmaps`, {
    method: 'POST',
    body: { metadata: { name: 'small' }, data: { blob: 'x' } },
  });
  await open(page, 'ConfigMaps');
  await page
    .getByRole('table', { name: 'ConfigMaps' })
    .getByRole('button', { name: 'small', exact: true })
    .click();
  const editor = page.getByRole('region', { name: 'ConfigMap small' });
  await editor.getByRole('textbox', { name: 'Value of blob' }).fill('x'.repeat(1024 * 1024 + 1));
  await editor.getByRole('button', { name: 'Save ConfigMap small' }).click();
  await expect(editor.getByRole('alert')).toContainText('data: Too long: must have at most 1048576 bytes');
  expect((await configMap('small')).data).toEqual({ blob: 'x' });
});

test('create a ConfigMap with its first key; a bad name is explained at the field and creates nothing', async ({
  page,
}) => {
  await open(page, 'ConfigMaps');
  await page.getByRole('button', { name: 'New ConfigMap' }).click();
  const form = page.getByRole('form', { name: 'New ConfigMap' });
  const name = form.getByRole('textbox', { name: 'New ConfigMap name' });
  await name.fill('Bad_Name');
  await form.getByRole('textbox', { name: 'New ConfigMap first key' }).fill('color');
  await form.getByRole('textbox', { name: 'New ConfigMap first value' }).fill('blue');
  await form.getByRole('button', { name: 'Create ConfigMap' }).click();
  await expect(name).toHaveAccessibleDescription(/^Name "Bad_Name": use lowercase letters, digits/);
  expect(
    (await api(f.skiff, `/api/v1/namespaces/${NS}/configmaps`)).body.items.map((c: any) => c.metadata.name),
  ).not.toContain('Bad_Name');

  await name.fill('theme');
  await form.getByRole('button', { name: 'Create ConfigMap' }).click();
  await expect(
    page.getByRole('region', { name: 'ConfigMap theme' }).getByRole('textbox', { name: 'Value of color' }),
  ).toHaveValue('blue');
  expect((await configMap('theme')).data).toEqual({ color: 'blue' });
});

test('immutable ConfigMaps and Secrets are shown read-only, with the reason', async ({ page }) => {
  await api(f.skiff, `/api/v1/namespaces/${NS}/configmaps`, {
    method: 'POST',
    body: { metadata: { name: 'frozen' }, data: { a: '1' }, immutable: true },
  });
  await api(f.skiff, `/api/v1/namespaces/${NS}/secrets`, {
    method: 'POST',
    body: { metadata: { name: 'frozen-secret' }, data: { k: b64('v') }, immutable: true },
  });
  await open(page, 'ConfigMaps');
  await page
    .getByRole('table', { name: 'ConfigMaps' })
    .getByRole('button', { name: 'frozen', exact: true })
    .click();
  const editor = page.getByRole('region', { name: 'ConfigMap frozen' });
  await expect(editor.getByRole('note', { name: 'Immutable' })).toContainText('This ConfigMap is immutable');
  await expect(editor.getByRole('textbox', { name: 'Value of a' })).not.toBeEditable();
  await expect(editor.getByRole('button', { name: /Save/ })).toHaveCount(0);
  await expect(editor.getByRole('button', { name: /Remove key/ })).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Secrets' }).click();
  await page
    .getByRole('table', { name: 'Secrets' })
    .getByRole('button', { name: 'frozen-secret', exact: true })
    .click();
  const secret = page.getByRole('region', { name: 'Secret frozen-secret' });
  await expect(secret.getByRole('note', { name: 'Immutable' })).toContainText('This Secret is immutable');
  await expect(secret.getByRole('button', { name: /Save/ })).toHaveCount(0);
});

test('edit a Secret value behind a masked input: the API gets the new base64, the page never shows it', async ({
  page,
}) => {
  const logged: string[] = [];
  page.on('console', (message) => logged.push(message.text()));
  await api(f.skiff, `/api/v1/namespaces/${NS}/secrets`, {
    method: 'POST',
    body: {
      metadata: { name: 'db' },
      type: 'Opaque',
      data: { password: b64('old-pass-91ab'), user: b64('admin') },
    },
  });
  await open(page, 'Secrets');
  await page.getByRole('table', { name: 'Secrets' }).getByRole('button', { name: 'db', exact: true }).click();
  const editor = page.getByRole('region', { name: 'Secret db' });
  await expect(editor).toContainText('Type Opaque');

  const password = editor.getByRole('textbox', { name: 'New value of password' });
  await expect(password).toHaveAttribute('type', 'password');
  await password.fill('new-pass-7f3e');
  await editor.getByRole('button', { name: 'Show what is typed in New value of password' }).click();
  await expect(password).toHaveAttribute('type', 'text');
  await editor.getByRole('button', { name: 'Show what is typed in New value of password' }).click();
  await expect(password).toHaveAttribute('type', 'password');

  await editor.getByRole('textbox', { name: 'New key name' }).fill('host');
  await editor.getByRole('button', { name: 'Add key' }).click();
  await editor.getByRole('textbox', { name: 'New value of host' }).fill('db.internal');
  await editor.getByRole('button', { name: 'Remove key user' }).click();
  await editor.getByRole('button', { name: 'Save Secret db' }).click();

  await expect
    .poll(async () => (await api(f.skiff, `/api/v1/namespaces/${NS}/secrets/db`)).body.data)
    .toEqual({ password: b64('new-pass-7f3e'), host: b64('db.internal') });
  await expect(editor.getByRole('textbox', { name: 'New value of password' })).toHaveValue(''); // cleared after saving
  const hidden = async () => {
    const html = await page.content();
    for (const value of ['new-pass-7f3e', 'old-pass-91ab', 'db.internal'])
      expect(html, `${value} is in the page`).not.toContain(value);
  };
  await hidden();
  await page.goBack(); // the editor is the Secret's page; its list is one step back
  const row = page.getByRole('table', { name: 'Secrets' }).getByRole('row', { name: /^db / });
  await expect(row.getByLabel('password value')).toHaveText('••••••••');
  await hidden();
  expect(logged.join('\n')).not.toMatch(/new-pass-7f3e|old-pass-91ab/);
});

test('create an Opaque Secret with a masked first value', async ({ page }) => {
  await open(page, 'Secrets');
  await page.getByRole('button', { name: 'New Secret' }).click();
  const form = page.getByRole('form', { name: 'New Secret' });
  await form.getByRole('textbox', { name: 'New Secret name' }).fill('api-token');
  await form.getByRole('textbox', { name: 'New Secret first key' }).fill('token');
  await form.getByRole('textbox', { name: 'New Secret first value' }).fill('tok-5521-secret');
  await form.getByRole('button', { name: 'Create Secret' }).click();
  await expect(page.getByRole('region', { name: 'Secret api-token' })).toBeVisible();
  const created = (await api(f.skiff, `/api/v1/namespaces/${NS}/secrets/api-token`)).body;
  expect(created.type).toBe('Opaque');
  expect(created.data).toEqual({ token: b64('tok-5521-secret') });
  expect(await page.content()).not.toContain('tok-5521-secret');
});
