import { expect, test, type Page } from '@playwright/test';
import { editorText, expectEditorText, setEditorText } from '../support/code-editor';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

// The generic "All kinds" section: any kind discovery lists, with the server's own columns (its Table output),
// an object's details, Edit YAML and events, with no view written for the kind.

const NS = 'ui-kinds';
const f = useUiSkiff(NS);
const ingressClasses = '/apis/networking.k8s.io/v1/ingressclasses';
const revisions = `/apis/apps/v1/namespaces/${NS}/controllerrevisions`;
const ROWS = 300;

async function openKind(page: Page, group: string, kind: string, namespace = '') {
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(namespace);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'All kinds' }).click();
  const kinds = page.getByRole('navigation', { name: 'Kinds' });
  await kinds
    .getByRole('region', { name: `API group ${group}` })
    .getByRole('link', { name: kind, exact: true })
    .click();
  return page.getByRole('table', { name: kind, exact: true });
}

test('a served kind is listed with the server’s columns and opened with its details, Edit YAML and events', async ({
  page,
}) => {
  await api(f.skiff, ingressClasses, {
    method: 'POST',
    body: { metadata: { name: 'edge' }, spec: { controller: 'example.com/edge-controller' } },
  });
  await api(f.skiff, `/api/v1/namespaces/default/events`, {
    method: 'POST',
    body: {
      metadata: { name: 'edge.1' },
      involvedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', name: 'edge' },
      reason: 'Checked',
      message: 'the edge class was checked',
      type: 'Normal',
      source: { component: 'ui-test' },
    },
  });
  const table = await openKind(page, 'networking.k8s.io', 'IngressClass');
  await expect(table.getByRole('columnheader', { name: 'Controller' })).toBeVisible();
  await expect(
    table.getByRole('row', { name: /^edge example\.com\/edge-controller <none> \d+s$/ }),
  ).toBeVisible();

  // a new object arrives through the shared watch, its cells printed by the server
  await api(f.skiff, ingressClasses, {
    method: 'POST',
    body: { metadata: { name: 'internal' }, spec: { controller: 'example.com/internal' } },
  });
  await expect(table.getByRole('row', { name: /^internal example\.com\/internal / })).toBeVisible();

  await table.getByRole('button', { name: 'edge', exact: true }).click();
  const detail = page.getByRole('region', { name: 'IngressClass edge' });
  const details = detail.getByRole('definition');
  await expect(details.filter({ hasText: 'example.com/edge-controller' })).toHaveCount(1);
  await expect(detail.getByRole('list', { name: 'Timeline' })).toContainText('the edge class was checked');
  await expect(page).toHaveURL(/\/kinds\/networking\.k8s\.io\/v1\/ingressclasses\/-\/edge$/);

  await detail.getByRole('button', { name: 'Edit YAML of IngressClass edge' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit YAML of IngressClass edge' });
  const editor = dialog.getByRole('textbox', { name: 'YAML of IngressClass edge' });
  await expectEditorText(editor, /controller: example.com\/edge-controller/);
  const loaded = await editorText(editor);
  await setEditorText(editor, loaded.replace(/^metadata:\n/m, 'metadata:\n  labels:\n    tier: edge\n'));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(details.filter({ hasText: 'tier=edge' })).toHaveCount(1);
  expect((await api(f.skiff, `${ingressClasses}/edge`)).body.metadata.labels).toEqual({ tier: 'edge' });
});

test('hundreds of objects of a generic kind stay a virtualized table, live from the watch', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const name = (i: number) => `rev-${String(i).padStart(3, '0')}`;
  for (let i = 0; i < ROWS; i += 25)
    await Promise.all(
      Array.from({ length: Math.min(25, ROWS - i) }, (_, j) =>
        api(f.skiff, revisions, {
          method: 'POST',
          body: { metadata: { name: name(i + j) }, revision: i + j + 1, data: { note: 'ui' } },
        }).then((r) => expect(r.status).toBe(201)),
      ),
    );
  const table = await openKind(page, 'apps', 'ControllerRevision', NS);
  await expect(table).toHaveAttribute('aria-rowcount', String(ROWS + 1));
  await expect(table.getByRole('row', { name: /^rev-000 <none> 1 / })).toBeInViewport();
  expect(await table.getByRole('row').count()).toBeLessThan(80);

  await table.hover();
  const last = table.getByRole('row', { name: new RegExp(`^${name(ROWS - 1)} <none> ${ROWS} `) });
  await expect(async () => {
    await page.mouse.wheel(0, 2000);
    await expect(last).toBeInViewport({ timeout: 500 });
  }).toPass({ timeout: 15_000 });

  await api(f.skiff, revisions, { method: 'POST', body: { metadata: { name: 'rev-new' }, revision: 999 } });
  await expect(table).toHaveAttribute('aria-rowcount', String(ROWS + 2));
  await expect(table.getByRole('row', { name: /^rev-new <none> 999 / })).toHaveCount(1);
});
