import { expect, test, type Page } from '@playwright/test';
import { api } from '../support/skiff-process';
import { deploymentOf, webPod } from '../support/manifests';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-undo';
const f = useUiSkiff(NS);
const deployments = `/apis/apps/v1/namespaces/${NS}/deployments`;
const web = webPod('x', {}).spec.containers[0]!;

async function open(page: Page, area: string) {
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: area }).click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
}

const runningPods = async (app: string) =>
  (await api(f.skiff, `/api/v1/namespaces/${NS}/pods?labelSelector=app%3D${app}`)).body.items.filter(
    (p: any) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp,
  );

test('delete a Deployment after the dialog says what goes, then Undo brings it and its pods back', async ({
  page,
}) => {
  // The page loads first: Docker changes the host's network as pods start, and Chromium aborts what it is
  // loading then (ERR_NETWORK_CHANGED); a run under load once ended on a blank page, most likely so.
  await open(page, 'Deployments');
  await api(f.skiff, deployments, { method: 'POST', body: deploymentOf('web', { containers: [web] }, 2) });
  const row = page.getByRole('table', { name: 'Deployments' }).getByRole('row', { name: /^web / });
  await expect(row).toContainText('2/2', { timeout: 20_000 });
  const before = (await api(f.skiff, `${deployments}/web`)).body.metadata.uid;

  await row.getByRole('button', { name: 'Delete deployment web' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete deployment web?' });
  await expect(dialog).toContainText('Its 2 pods stop; its ReplicaSets and rollout history go with it.');
  await expect(dialog).toContainText('You can undo for 10 seconds');
  await dialog.getByRole('button', { name: 'Confirm deleting deployment web' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toHaveCount(0);
  expect((await api(f.skiff, `${deployments}/web`)).status).toBe(404);

  const toast = page.getByRole('status', { name: 'Undo deletion' });
  await expect(toast).toContainText('Deleted deployment web —');
  await toast.getByRole('button', { name: 'Undo deleting deployment web' }).click();
  await expect(toast).toContainText('Restored deployment web.', { timeout: 20_000 });
  await expect(row).toContainText('2/2', { timeout: 30_000 });
  const after = (await api(f.skiff, `${deployments}/web`)).body;
  expect(after.metadata.uid).not.toBe(before);
  expect(after.spec.replicas).toBe(2);
  await expect.poll(async () => (await runningPods('web')).length, { timeout: 20_000 }).toBe(2);
});

test('a pod its ReplicaSet owns: the dialog says it is replaced, and no undo is offered', async ({
  page,
}) => {
  await api(f.skiff, deployments, { method: 'POST', body: deploymentOf('api', { containers: [web] }, 1) });
  await expect.poll(async () => (await runningPods('api')).length, { timeout: 20_000 }).toBe(1);
  const [pod] = await runningPods('api');
  const name: string = pod.metadata.name;
  const owner: string = pod.metadata.ownerReferences[0].name;
  await open(page, 'Pods');
  await page.getByRole('button', { name: `Delete pod ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Delete pod ${name}?` });
  await expect(dialog).toContainText(`Pod ${name} is owned by ReplicaSet ${owner}: it will be replaced.`);
  await expect(dialog).toContainText(`No undo is needed: ReplicaSet ${owner} starts a new pod in its place.`);
  await dialog.getByRole('button', { name: `Confirm deleting pod ${name}` }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Undo deletion' })).toHaveCount(0);
  await expect
    .poll(async () => (await runningPods('api')).map((p: any) => p.metadata.name), { timeout: 20_000 })
    .toEqual([expect.not.stringMatching(`^${name}$`)]);
});

test('Cancel and Escape change nothing; a deleted Service comes back on Undo with its nodePort', async ({
  page,
}) => {
  const services = `/api/v1/namespaces/${NS}/services`;
  const created = await api(f.skiff, services, {
    method: 'POST',
    body: {
      metadata: { name: 'front' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
    },
  });
  const nodePort: number = created.body.spec.ports[0].nodePort;
  await open(page, 'Services');
  const row = page.getByRole('table', { name: 'Services' }).getByRole('row', { name: /^front / });
  const dialog = page.getByRole('dialog', { name: 'Delete service front?' });

  await row.getByRole('button', { name: 'Delete service front' }).click();
  await expect(dialog).toContainText('Traffic to its name and ports stops; the pods behind it keep running.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await row.getByRole('button', { name: 'Delete service front' }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(row).toBeVisible();
  expect((await api(f.skiff, `${services}/front`)).body.metadata.uid).toBe(created.body.metadata.uid);
  await expect(page.getByRole('status', { name: 'Undo deletion' })).toHaveCount(0);

  await row.getByRole('button', { name: 'Delete service front' }).click();
  await dialog.getByRole('button', { name: 'Confirm deleting service front' }).click();
  await expect(row).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo deleting service front' }).click();
  await expect(row).toBeVisible({ timeout: 20_000 });
  const again = (await api(f.skiff, `${services}/front`)).body;
  expect(again.metadata.uid).not.toBe(created.body.metadata.uid);
  expect(again.spec.ports[0].nodePort).toBe(nodePort);
});

test('deleting a namespace needs its name typed and says there is no undo', async ({ page }) => {
  await api(f.skiff, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: 'scratch' } } });
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Namespaces' }).click();
  const row = page.getByRole('table', { name: 'Namespaces' }).getByRole('row', { name: /^scratch / });
  await row.getByRole('button', { name: 'Delete namespace scratch' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete namespace scratch?' });
  await expect(dialog).toContainText('Everything in namespace scratch is deleted with it');
  await expect(dialog).toContainText('There is no undo.');
  const confirm = dialog.getByRole('button', { name: 'Confirm deleting namespace scratch' });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Type scratch to confirm' }).fill('scratc');
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Type scratch to confirm' }).fill('scratch');
  await confirm.click();
  await expect(row).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByRole('status', { name: 'Undo deletion' })).toHaveCount(0);
});

test('a standalone pod comes back on Undo once the old one has finished terminating', async ({ page }) => {
  await api(f.skiff, `/api/v1/namespaces/${NS}/pods`, {
    method: 'POST',
    body: webPod('solo', { app: 'solo' }),
  });
  await expect.poll(async () => (await runningPods('solo')).length, { timeout: 20_000 }).toBe(1);
  const before: string = (await runningPods('solo'))[0].metadata.uid;
  await open(page, 'Pods');
  await page.getByRole('button', { name: 'Delete pod solo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete pod solo?' });
  await expect(dialog).toContainText('Its containers stop and its logs go; nothing starts it again.');
  await dialog.getByRole('button', { name: 'Confirm deleting pod solo' }).click();
  await page.getByRole('button', { name: 'Undo deleting pod solo' }).click();
  await expect(page.getByRole('status', { name: 'Undo deletion' })).toContainText('Restored pod solo.', {
    timeout: 30_000,
  });
  await expect
    .poll(async () => (await runningPods('solo')).map((p: any) => p.metadata.uid), { timeout: 20_000 })
    .toEqual([expect.not.stringMatching(`^${before}$`)]);
});

test('a deleted Secret can be taken back only while its toast shows', async ({ page }) => {
  const secrets = `/api/v1/namespaces/${NS}/secrets`;
  await api(f.skiff, secrets, {
    method: 'POST',
    body: { metadata: { name: 'creds' }, stringData: { token: 'undo-9d2c' } },
  });
  await open(page, 'Secrets');
  await page.getByRole('button', { name: 'Delete secret creds' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete secret creds?' });
  await expect(dialog).toContainText("its values are kept in this window's memory only");
  await dialog.getByRole('button', { name: 'Confirm deleting secret creds' }).click();
  const toast = page.getByRole('status', { name: 'Undo deletion' });
  await expect(toast).toContainText('Deleted secret creds');
  expect(await page.content()).not.toContain('undo-9d2c');
  await expect(toast).toHaveCount(0, { timeout: 15_000 });
  expect((await api(f.skiff, `${secrets}/creds`)).status).toBe(404);

  await api(f.skiff, secrets, {
    method: 'POST',
    body: { metadata: { name: 'creds' }, stringData: { token: 'undo-9d2c' } },
  });
  await page.getByRole('button', { name: 'Delete secret creds' }).click();
  await dialog.getByRole('button', { name: 'Confirm deleting secret creds' }).click();
  await page.getByRole('button', { name: 'Undo deleting secret creds' }).click();
  await expect(toast).toContainText('Restored secret creds.');
  const restored = (await api(f.skiff, `${secrets}/creds`)).body;
  expect(restored.data).toEqual({ token: Buffer.from('undo-9d2c').toString('base64') });
  expect(restored.type).toBe('Opaque');
});
