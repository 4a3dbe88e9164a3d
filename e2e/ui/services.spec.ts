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

test("an Ingress's rules show host, path and Service, and a *.localhost rule opens in the browser", async ({
  page,
}) => {
  await api(f.skiff, `/api/v1/namespaces/${NS}/pods`, {
    method: 'POST',
    body: webPod('shop-1', { app: 'shop' }),
  });
  await api(f.skiff, `/api/v1/namespaces/${NS}/services`, {
    method: 'POST',
    body: {
      metadata: { name: 'shop' },
      spec: { selector: { app: 'shop' }, ports: [{ port: 80, targetPort: 8080 }] },
    },
  });
  await api(f.skiff, `/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses`, {
    method: 'POST',
    body: {
      metadata: { name: 'front' },
      spec: {
        rules: [
          {
            host: 'shop.localhost',
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'shop', port: { number: 80 } } },
                },
              ],
            },
          },
          {
            host: 'api.example.com',
            http: {
              paths: [
                {
                  path: '/v1',
                  pathType: 'Exact',
                  backend: { service: { name: 'shop', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    },
  });
  const port = new URL(f.skiff.ingressUrl).port;
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services' }).click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  const rules = page.getByRole('table', { name: 'Rules of ingress front' });
  await expect(rules.getByRole('row', { name: /^shop\.localhost / })).toContainText('shop:80');
  await expect(rules.getByRole('row', { name: /^api\.example\.com / })).toContainText(
    `curl -H 'Host: api.example.com' http://127.0.0.1:${port}/v1`,
  );
  const link = rules.getByRole('link', { name: `http://shop.localhost:${port}/` });
  await expect(link).toHaveAttribute('href', `http://shop.localhost:${port}/`);

  // Chromium sends *.localhost to 127.0.0.1: the rule answers from the pod behind the Service, once it is ready
  await expect
    .poll(
      async () =>
        (await api(f.skiff, `/api/v1/namespaces/${NS}/endpoints/shop`)).body.subsets?.[0]?.addresses
          ?.length ?? 0,
      {
        timeout: 20_000,
      },
    )
    .toBe(1);
  const popup = page.waitForEvent('popup');
  await link.click();
  const tab = await popup;
  await expect(tab.locator('h1')).toHaveText('web v1', { timeout: 15_000 });
});

test('headless, ExternalName and UDP Services show what they are, with no "open in browser"', async ({
  page,
}) => {
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services' }).click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  const create = (body: Record<string, unknown>) =>
    api(f.skiff, `/api/v1/namespaces/${NS}/services`, { method: 'POST', body });
  await create({
    metadata: { name: 'db' },
    spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] },
  });
  await create({
    metadata: { name: 'mail' },
    spec: { type: 'ExternalName', externalName: 'mail.example.com' },
  });
  await create({
    metadata: { name: 'dns' },
    spec: { selector: { app: 'dns' }, ports: [{ port: 53, protocol: 'UDP' }] },
  });
  const table = page.getByRole('table', { name: 'Services' });
  const db = table.getByRole('row', { name: /^db / });
  await expect(db).toContainText('None (headless)');
  await expect(db.getByRole('button', { name: /open/i })).toHaveCount(0);
  const mail = table.getByRole('row', { name: /^mail / });
  await expect(mail).toContainText('ExternalName');
  await expect(mail).toContainText('name for mail.example.com');
  await expect(mail.getByRole('button', { name: /open/i })).toHaveCount(0);
  const dns = table.getByRole('row', { name: /^dns / });
  await expect(dns).toContainText('53/UDP→53');
  await expect(dns.getByRole('button', { name: /open/i })).toHaveCount(0);
});
