import { expect, test, type Locator, type Page } from '@playwright/test';
import { kubectl } from '../support/kubectl';
import { deploymentOf, webPod } from '../support/manifests';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-routing';
const f = useUiSkiff(NS);

/** The app at a path, in a tab that never saw the token: it gets it from this browser's session cookie. */
const at = (path: string) => new URL(path, f.skiff.uiUrl).toString().replace(/#.*$/, '');

async function signIn(page: Page) {
  await page.goto(f.skiff.uiUrl);
  await expect(page.getByRole('region', { name: 'Dashboard' })).toBeVisible();
}

async function type(terminal: Locator, text: string) {
  await terminal.click();
  await terminal.page().keyboard.type(text);
  await terminal.page().keyboard.press('Enter');
}

async function podRunning(name: string) {
  await expect
    .poll(async () => (await api(f.skiff, `/api/v1/namespaces/${NS}/pods/${name}`)).body.status?.phase, {
      timeout: 30_000,
    })
    .toBe('Running');
}

test.beforeAll(async () => {
  await api(f.skiff, `/api/v1/namespaces/${NS}/pods`, {
    method: 'POST',
    body: {
      metadata: { name: 'talker' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'app',
            image: 'skiff-test/tools:v1',
            command: ['sh', '-c', 'echo "hello from talker"; sleep 3600'],
          },
        ],
      },
    },
  });
  await api(f.skiff, `/apis/apps/v1/namespaces/${NS}/deployments`, {
    method: 'POST',
    body: deploymentOf('web', webPod('x', {}).spec, 1),
  });
  await podRunning('talker');
});

test("a copied link to a pod's logs tab opens there, and a reload keeps the place and the namespace", async ({
  page,
  context,
}) => {
  await signIn(page);
  const copied = await context.newPage();
  await copied.goto(at(`/ns/${NS}/pods/talker/logs`));
  const pod = copied.getByRole('region', { name: 'Pod talker' });
  await expect(pod.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
  await expect(pod.getByRole('log', { name: 'Log lines' })).toContainText('hello from talker');
  await expect(copied.getByRole('combobox', { name: 'Namespace' })).toHaveValue(NS);

  await copied.reload();
  await expect(copied).toHaveURL(new RegExp(`/ns/${NS}/pods/talker/logs$`));
  await expect(pod.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
  await expect(pod.getByRole('log', { name: 'Log lines' })).toContainText('hello from talker');
  await expect(copied.getByRole('combobox', { name: 'Namespace' })).toHaveValue(NS);
});

test('Back from a pod opened on a Deployment returns to the Deployment and its tab', async ({ page }) => {
  await signIn(page);
  await page.goto(at(`/ns/${NS}/deployments`));
  await page
    .getByRole('table', { name: 'Deployments' })
    .getByRole('button', { name: 'web', exact: true })
    .click();
  const deployment = page.getByRole('region', { name: 'Deployment web' });
  await deployment.getByRole('tab', { name: 'Pods' }).click();
  await expect(page).toHaveURL(new RegExp(`/ns/${NS}/deployments/web/pods$`));
  const podButton = deployment.getByRole('button', { name: /^Open pod web-/ });
  await expect(podButton).toHaveCount(1, { timeout: 30_000 });
  await podButton.click();
  await expect(page.getByRole('region', { name: /^Pod web-/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Owner Deployment web' })).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/ns/${NS}/deployments/web/pods$`));
  await expect(deployment.getByRole('tab', { name: 'Pods' })).toHaveAttribute('aria-selected', 'true');
  await page.goBack();
  await page.goBack();
  // the list it was opened from marks its row
  await expect(
    page.getByRole('table', { name: 'Deployments' }).getByRole('row', { name: /^web / }),
  ).toHaveAttribute('aria-current', 'true');
  await page.goForward();
  await expect(deployment.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
});

test('a shell in the dock survives a visit to another view, and closing its tab ends it', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(at(`/ns/${NS}/pods/talker/shell`));
  await page.getByRole('region', { name: 'Pod talker' }).getByRole('button', { name: 'New shell' }).click();
  const dock = page.getByRole('region', { name: 'Dock' });
  const terminal = dock.getByRole('tabpanel', { name: 'Shell 1' }).getByLabel('Terminal', { exact: true });
  await type(terminal, 'echo before-$((6*7))');
  await expect(terminal).toContainText('before-42');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services' }).click();
  await expect(page.getByRole('heading', { name: 'Services' })).toBeVisible();
  await expect(terminal).toContainText('before-42'); // the same session, its scrollback intact
  await type(terminal, 'sleep 778');
  const sleeping = async () =>
    (await kubectl(f.skiff, ['exec', 'talker', '--', 'ps'], NS)).stdout.includes('sleep 778');
  await expect.poll(sleeping).toBe(true);
  await page.goBack();
  await expect(page.getByRole('region', { name: 'Pod talker' })).toBeVisible();
  await expect(terminal).toContainText('before-42');

  await dock.getByRole('button', { name: 'Close shell 1' }).click();
  await expect(dock).toHaveCount(0);
  await expect.poll(sleeping, { timeout: 10_000 }).toBe(false);
});

test("a bad image's reason is at the top of the Deployment's page, on its row and on the dashboard within a second", async ({
  page,
  context,
}) => {
  // three tabs watch before the Deployment exists: its page, its list, the dashboard
  await signIn(page);
  await page.goto(at(`/ns/${NS}/deployments/broken`));
  const list = await context.newPage();
  await list.goto(at(`/ns/${NS}/deployments`));
  await expect(list.getByRole('table', { name: 'Deployments' })).toBeVisible();
  const home = await context.newPage();
  await home.goto(at(`/ns/${NS}`));
  const dashboard = home.getByRole('region', { name: 'Workloads needing attention' });
  await expect(dashboard).toBeVisible();

  await api(f.skiff, `/apis/apps/v1/namespaces/${NS}/deployments`, {
    method: 'POST',
    body: deploymentOf(
      'broken',
      { containers: [{ name: 'app', image: 'skiff-test/no-such-image:v404' }] },
      1,
    ),
  });
  const reasonOf = async () => {
    const pods = (await api(f.skiff, `/api/v1/namespaces/${NS}/pods?labelSelector=app%3Dbroken`)).body.items;
    return pods[0]?.status?.containerStatuses?.[0]?.state?.waiting?.reason as string | undefined;
  };
  await expect
    .poll(reasonOf, { timeout: 30_000, intervals: [100] })
    .toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
  const reason = /ErrImagePull|ImagePullBackOff/;
  const banner = page
    .getByRole('region', { name: 'Deployment broken' })
    .getByRole('alert', { name: 'Failing reason' });
  // all three within a second of the pod's status saying so
  await Promise.all([
    expect(banner).toContainText(reason, { timeout: 1_000 }),
    expect(
      list.getByRole('table', { name: 'Deployments' }).getByRole('row', { name: /^broken / }),
    ).toContainText(/Failing: (ErrImagePull|ImagePullBackOff)/, { timeout: 1_000 }),
    expect(dashboard).toContainText(new RegExp(`${NS}/broken failing: (ErrImagePull|ImagePullBackOff)`), {
      timeout: 1_000,
    }),
  ]);
  await expect(banner).toContainText('The image cannot be pulled');
  await expect(banner).toBeInViewport();
  await expect(page.getByRole('status', { name: 'Deployment status' })).toContainText(/Failing: /);
});

test('an unknown object says so and leads back to its list; the server serves the app at any route', async ({
  page,
}) => {
  await signIn(page);
  await page.goto(at(`/ns/${NS}/configmaps/kube-root-ca.crt`));
  await expect(page.getByRole('region', { name: 'ConfigMap kube-root-ca.crt' })).toBeVisible();
  await page.goto(at(`/ns/${NS}/pods/nobody-here`));
  await expect(page.getByRole('main')).toContainText('There is no Pod nobody-here');
  await page.getByRole('link', { name: 'Back to Pods' }).click();
  await expect(page).toHaveURL(new RegExp(`/ns/${NS}/pods$`));
  await expect(page.getByRole('table', { name: 'Pods' })).toBeVisible();
});

test('at 1000×700 the page never scrolls, the header stays over a scrolled tab, the sidebar folds to icons', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1000, height: 700 });
  await signIn(page);
  await page.getByRole('button', { name: 'Collapse sidebar' }).click();
  const nav = page.getByRole('navigation', { name: 'Main' });
  expect((await nav.boundingBox())!.width).toBeLessThan(80);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Expand sidebar' })).toBeVisible(); // remembered
  await nav.getByRole('link', { name: 'Deployments' }).click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  await page
    .getByRole('table', { name: 'Deployments' })
    .getByRole('button', { name: 'web', exact: true })
    .click();
  const deployment = page.getByRole('region', { name: 'Deployment web' });
  await expect(deployment.getByRole('slider', { name: 'Replicas slider' })).toBeVisible();
  await page.getByRole('main').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(deployment.getByRole('tab', { name: 'History' })).toBeInViewport();
  await expect(page.getByRole('combobox', { name: 'Namespace' })).toBeInViewport();
  await expect(nav.getByRole('link', { name: 'Pods' })).toBeInViewport();
  const windowScrolls = await page.evaluate(
    () =>
      document.scrollingElement!.scrollHeight > window.innerHeight + 1 ||
      document.scrollingElement!.scrollWidth > window.innerWidth + 1,
  );
  expect(windowScrolls).toBe(false);
  await deployment.getByRole('tab', { name: 'History' }).click();
  await expect(deployment.getByRole('table', { name: 'Revisions' })).toBeInViewport();
});
