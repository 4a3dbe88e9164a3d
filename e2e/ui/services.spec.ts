import { expect, test } from '@playwright/test';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';
import { webPod } from '../support/manifests';

const NS = 'ui-svc';
const f = useUiSkiff(NS);

test('a Service shows its address, its NodePort link and which pods it sends traffic to, live', async ({
  page,
}) => {
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services' }).click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  for (const name of ['web-1', 'web-2'])
    await api(f.skiff, `/api/v1/namespaces/${NS}/pods`, {
      method: 'POST',
      body: webPod(name, { app: 'web' }),
    });
  const created = await api(f.skiff, `/api/v1/namespaces/${NS}/services`, {
    method: 'POST',
    body: {
      metadata: { name: 'web' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
    },
  });
  const nodePort = created.body.spec.ports[0].nodePort;
  const row = page.getByRole('table', { name: 'Services' }).getByRole('row', { name: /^web / });
  await expect(row).toContainText('NodePort');
  await expect(row).toContainText(/\d+\.\d+\.\d+\.\d+/);
  await expect(row.getByRole('link', { name: `127.0.0.1:${nodePort}` })).toHaveAttribute(
    'href',
    `http://127.0.0.1:${nodePort}/`,
  );
  await expect(row).toContainText('2/2 ready');
  await expect(row).toContainText('web-1');

  // A pod that fails readiness is shown as held back.
  await api(f.skiff, `/api/v1/namespaces/${NS}/pods`, {
    method: 'POST',
    body: webPod('web-3', { app: 'web' }, 'skiff-test/web-unhealthy:v1'),
  });
  await expect(row).toContainText('2/3 ready');
  await expect(row).toContainText('web-3 (not ready)');

  // A targetPort name no container has is allowed, and called out.
  await api(f.skiff, `/api/v1/namespaces/${NS}/services`, {
    method: 'POST',
    body: {
      metadata: { name: 'typo' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'htp' }] },
    },
  });
  await expect(
    page
      .getByRole('table', { name: 'Services' })
      .getByRole('row', { name: /^typo / })
      .getByRole('note'),
  ).toHaveText('targetPort "htp" is no container port of the selected pods');

  // A ClusterIP Service opens in the browser through a 127.0.0.1 forward Skiff makes for it.
  await api(f.skiff, `/api/v1/namespaces/${NS}/services`, {
    method: 'POST',
    body: {
      metadata: { name: 'inside' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
    },
  });
  const inside = page.getByRole('table', { name: 'Services' }).getByRole('row', { name: /^inside / });
  await expect(inside).toContainText('2/3 ready');
  const popup = page.waitForEvent('popup');
  await inside.getByRole('button', { name: 'Open port 80 of inside in the browser' }).click();
  const tab = await popup;
  await expect(tab.locator('h1')).toHaveText('web v1');
  expect(tab.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
});
