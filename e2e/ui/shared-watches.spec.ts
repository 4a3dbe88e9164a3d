import { expect, test, type WebSocket } from '@playwright/test';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

// One watch per kind whatever namespace a view shows, and nothing left open by a closed log or a left view:
// what the page holds is read from its WebSockets, what the server holds from /debug/skiff/resources.

const NS = 'ui-watches';
const f = useUiSkiff(NS);

test('views share one pod watch, and a closed log or a left view leaves no stream open', async ({ page }) => {
  await api(f.skiff, `/api/v1/namespaces/${NS}/pods`, {
    method: 'POST',
    body: {
      metadata: { name: 'ticker' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'app',
            image: 'skiff-test/tools:v1',
            command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.2; done'],
          },
        ],
      },
    },
  });
  const open = new Map<WebSocket, URL>();
  page.on('websocket', (socket) => {
    open.set(socket, new URL(socket.url()));
    socket.on('close', () => open.delete(socket));
  });
  const podWatches = () =>
    [...open.values()]
      .filter((url) => url.searchParams.get('watch') === 'true' && url.pathname.endsWith('/pods'))
      .map((url) => url.pathname);
  const serverStreams = async () =>
    (await api<{ apiStreams: number }>(f.skiff, '/debug/skiff/resources')).body.apiStreams;

  await page.goto(f.skiff.uiUrl);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pods' }).click();
  await page
    .getByRole('table', { name: 'Pods' })
    .getByRole('button', { name: 'ticker', exact: true })
    .click();
  const detail = page.getByRole('region', { name: 'Pod ticker' });
  await detail.getByRole('tab', { name: 'Logs' }).click();
  await expect(detail.getByRole('log', { name: 'Log lines' })).toContainText('tick 2');

  // the Pods view of one namespace and the command palette's list of all pods: one watch
  await expect.poll(podWatches).toEqual(['/api/v1/pods']);
  const podWatch = [...open.keys()].find((s) => new URL(s.url()).pathname === '/api/v1/pods')!;
  const logStream = [...open.keys()].find((s) => new URL(s.url()).pathname.endsWith('/pods/ticker/log'));
  expect(logStream).toBeDefined();

  // closing the log closes its stream, on the server too
  await detail.getByRole('tab', { name: 'Overview' }).click();
  await expect.poll(() => logStream!.isClosed()).toBe(true);
  await expect.poll(async () => (await serverStreams()) - open.size).toBe(0);

  // Deployments, Secrets and ConfigMaps read all pods: still the same one watch
  for (const area of ['Deployments', 'Secrets', 'ConfigMaps']) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: area }).click();
    await expect(page.getByRole('heading', { level: 1, name: area })).toBeVisible();
    await expect.poll(podWatches).toEqual(['/api/v1/pods']);
  }
  expect(podWatch.isClosed()).toBe(false);

  // back on the Dashboard: the server holds exactly the watches the page has open, one per kind
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect.poll(async () => (await serverStreams()) - open.size).toBe(0);
  const watched = [...open.values()].map((url) => url.pathname);
  expect(new Set(watched).size).toBe(watched.length);
});
