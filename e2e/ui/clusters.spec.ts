import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { dump } from 'js-yaml';
import { api, makeDataDir, removeDataDir, startSkiff, type SkiffProcess } from '../support/skiff-process';

// Two `skiff serve`s: the local one the UI is served by, and a second one standing in for a real cluster,
// reached through a kubeconfig (its API URL, CA and token) that the test writes and adds in the UI.

const LOCAL_NS = 'promo';
const REMOTE_NS = 'remote-apps';
const s = {} as {
  local: SkiffProcess;
  remote: SkiffProcess;
  localDir: string;
  remoteDir: string;
  dir: string;
};

const toolsPod = (name: string, text: string) => ({
  metadata: { name },
  spec: {
    terminationGracePeriodSeconds: 1,
    containers: [
      { name: 'tools', image: 'skiff-test/tools:v1', command: ['sh', '-c', `echo ${text}; sleep 3600`] },
    ],
  },
});

test.beforeAll(async () => {
  test.setTimeout(60_000);
  s.dir = await mkdtemp(join(tmpdir(), 'skiff-ui-clusters-'));
  s.remoteDir = await makeDataDir();
  s.localDir = await makeDataDir();
  s.remote = await startSkiff(s.remoteDir);
  // an empty $KUBECONFIG: the user's own ~/.kube/config stays out of the test
  s.local = await startSkiff(s.localDir, [], { KUBECONFIG: join(s.dir, 'none') });
  await api(s.remote, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: REMOTE_NS } } });
  await api(s.remote, `/api/v1/namespaces/${REMOTE_NS}/pods`, {
    method: 'POST',
    body: toolsPod('remote-box', 'hello-from-the-remote'),
  });
  await api(s.local, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: LOCAL_NS } } });
  await api(s.local, `/api/v1/namespaces/${LOCAL_NS}/pods`, {
    method: 'POST',
    body: toolsPod('local-box', 'local'),
  });
  await writeFile(
    join(s.dir, 'remote.yaml'),
    dump({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'remote',
          cluster: {
            server: s.remote.apiUrl,
            'certificate-authority-data': Buffer.from(s.remote.ca).toString('base64'),
          },
        },
      ],
      users: [{ name: 'remote-user', user: { token: s.remote.token } }],
      contexts: [{ name: 'remote', context: { cluster: 'remote', user: 'remote-user' } }],
      'current-context': 'remote',
    }),
  );
});

test.afterAll(async () => {
  for (const [skiff, dir] of [
    [s.local, s.localDir],
    [s.remote, s.remoteDir],
  ] as const) {
    for (const ns of [LOCAL_NS, REMOTE_NS])
      await api(skiff, `/api/v1/namespaces/${ns}`, { method: 'DELETE' }).catch(() => undefined);
    const deadline = Date.now() + 20_000;
    for (const ns of [LOCAL_NS, REMOTE_NS])
      while (Date.now() < deadline && (await api(skiff, `/api/v1/namespaces/${ns}`)).status !== 404)
        await new Promise((r) => setTimeout(r, 200));
    await skiff.stop();
    await removeDataDir(dir);
  }
  await rm(s.dir, { recursive: true, force: true });
});

const pods = (page: Page) => page.getByRole('table', { name: 'Pods' });
const context = (page: Page) => page.getByRole('combobox', { name: 'Cluster context' });

async function addKubeconfig(page: Page) {
  await page.getByRole('button', { name: 'Add kubeconfig' }).click();
  await page.getByRole('textbox', { name: 'Kubeconfig file path' }).fill(join(s.dir, 'remote.yaml'));
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(context(page).getByRole('option', { name: 'remote' })).toBeAttached();
}

test('add a kubeconfig, switch to its cluster, see its pods live, logs and a shell there, switch back', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.goto(s.local.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pods' }).click();
  await expect(pods(page).getByRole('button', { name: 'local-box', exact: true })).toBeVisible();
  await addKubeconfig(page);

  const started = Date.now();
  await context(page).selectOption('remote');
  await expect(pods(page).getByRole('button', { name: 'remote-box', exact: true })).toBeVisible();
  const switchMs = Date.now() - started;
  console.log(`switch time (select → the other cluster's pods on screen): ${switchMs} ms`);
  await expect(pods(page).getByRole('button', { name: 'local-box', exact: true })).toHaveCount(0);
  expect(new URL(page.url()).searchParams.get('context')).toBe('remote');
  expect(new URL(page.url()).pathname).toBe('/pods');

  // live: a pod created on the remote appears without a reload
  await api(s.remote, `/api/v1/namespaces/${REMOTE_NS}/pods`, {
    method: 'POST',
    body: toolsPod('remote-late', 'late'),
  });
  await expect(pods(page).getByRole('button', { name: 'remote-late', exact: true })).toBeVisible();

  // its node is a link to the node's page
  await expect
    .poll(
      async () => (await api(s.remote, `/api/v1/namespaces/${REMOTE_NS}/pods/remote-box`)).body.status?.phase,
      {
        timeout: 20_000,
      },
    )
    .toBe('Running');
  await pods(page).getByRole('button', { name: 'remote-box', exact: true }).click();
  const detail = page.getByRole('region', { name: 'Pod remote-box' });
  await detail.getByRole('tab', { name: 'Logs' }).click();
  await expect(
    detail.getByRole('tabpanel', { name: 'Logs' }).getByLabel('Logs', { exact: true }),
  ).toContainText('hello-from-the-remote');
  await detail.getByRole('tab', { name: 'Shell' }).click();
  await detail.getByRole('button', { name: 'New shell' }).click();
  // shells open in the dock, which stays across views
  const terminal = page
    .getByRole('region', { name: 'Dock' })
    .getByRole('tabpanel', { name: 'Shell 1' })
    .getByLabel('Terminal', { exact: true });
  await terminal.click();
  await page.keyboard.type('echo remote-$((6*7))');
  await page.keyboard.press('Enter');
  await expect(terminal).toContainText('remote-42');

  // the namespace is remembered per context
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(REMOTE_NS);
  await context(page).selectOption('local');
  await expect(pods(page).getByRole('button', { name: 'local-box', exact: true })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Namespace' })).toHaveValue('');
  await context(page).selectOption('remote');
  await expect(page.getByRole('combobox', { name: 'Namespace' })).toHaveValue(REMOTE_NS);
  await context(page).selectOption('local');
  await expect(pods(page).getByRole('button', { name: 'local-box', exact: true })).toBeVisible();
});

test('promote a local Deployment, Service and ConfigMap after reviewing the diff', async ({ page }) => {
  test.setTimeout(90_000);
  const ns = `/api/v1/namespaces/${LOCAL_NS}`;
  await api(s.local, `${ns}/configmaps`, {
    method: 'POST',
    body: { metadata: { name: 'settings' }, data: { mode: 'prod' } },
  });
  await api(s.local, `${ns}/services`, {
    method: 'POST',
    body: { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } },
  });
  const deployment = {
    metadata: { name: 'web' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          terminationGracePeriodSeconds: 1,
          containers: [{ name: 'web', image: 'skiff-test/tools:v1', command: ['sleep', '3600'] }],
        },
      },
    },
  };
  await api(s.local, `/apis/apps/v1/namespaces/${LOCAL_NS}/deployments`, {
    method: 'POST',
    body: deployment,
  });
  // the local pod is not promoted: it is dropped from the selection
  await page.goto(s.local.uiUrl);
  await addKubeconfig(page);
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Promote to a cluster' })
    .click();
  await page.getByRole('combobox', { name: 'Source namespace' }).selectOption(LOCAL_NS);
  await page.getByRole('checkbox', { name: 'Pod local-box' }).uncheck();
  await expect(page.getByRole('combobox', { name: 'Target context' })).toHaveValue('remote');
  await page.getByRole('button', { name: 'Review changes' }).click();
  // the image was built locally: flagged, with the exact lines, before anything is applied
  const images = page.getByRole('alert', { name: 'Local-only images' });
  await expect(images.getByLabel('Push commands')).toHaveText(
    'docker tag skiff-test/tools:v1 registry.example.com/team/tools:v1\ndocker push registry.example.com/team/tools:v1',
  );
  await expect(page.getByRole('status', { name: 'Plan summary' })).toHaveText(
    '4 created · 0 changed · 0 unchanged',
  );
  expect((await api(s.remote, ns)).status).toBe(404);
  await page.getByRole('button', { name: 'Apply to remote' }).click();
  await expect(page.getByRole('list', { name: 'Promote result' })).toContainText('Deployment web: applied');
  const promoted = await api(s.remote, `/apis/apps/v1/namespaces/${LOCAL_NS}/deployments/web`);
  expect(promoted.status).toBe(200);
  expect(promoted.body.metadata.managedFields.map((m: { manager: string }) => m.manager)).toContain('skiff');
  expect((await api(s.remote, `${ns}/configmaps/settings`)).body.data).toEqual({ mode: 'prod' });
  expect((await api(s.remote, `${ns}/services/web`)).status).toBe(200);

  // a local change shows as a field diff; the rest is unchanged
  await api(s.local, `/apis/apps/v1/namespaces/${LOCAL_NS}/deployments/web`, {
    method: 'PATCH',
    contentType: 'application/merge-patch+json',
    body: { spec: { replicas: 2 } },
  });
  await page.getByRole('button', { name: 'Review changes' }).click();
  await expect(page.getByRole('status', { name: 'Plan summary' })).toHaveText(
    '0 created · 1 changed · 2 unchanged',
  );
  const diff = page.getByLabel('Diff of Deployment web');
  await expect(diff).toContainText('-   replicas: 1');
  await expect(diff).toContainText('+   replicas: 2');
  await page.getByRole('button', { name: 'Apply to remote' }).click();
  await expect(page.getByRole('list', { name: 'Promote result' })).toContainText('Deployment web: applied');
  await expect
    .poll(
      async () =>
        (await api(s.remote, `/apis/apps/v1/namespaces/${LOCAL_NS}/deployments/web`)).body.spec.replicas,
    )
    .toBe(2);
});
