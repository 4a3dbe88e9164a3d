import { expect, test } from '@playwright/test';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';
import { JourneyMeter, MEASURE_NS, seedJourneys } from './journey-meter';

// The same journeys on object pages with addresses and the dock; then the render time of a page with 200 events.
const f = useUiSkiff(MEASURE_NS);

test('journeys from the dashboard, after; an object page with 200 events', async ({ page }) => {
  test.setTimeout(180_000);
  await seedJourneys(f.skiff, page);
  const results: string[] = [];
  const nav = page.getByRole('navigation', { name: 'Main' });
  const home = async () => {
    await page.goto(f.skiff.uiUrl);
    await page.getByRole('region', { name: 'Dashboard' }).waitFor();
  };

  await home();
  let m = new JourneyMeter("a failing pod's reason (on the dashboard)");
  await m.read(
    page
      .getByRole('region', { name: 'Workloads needing attention' })
      .getByRole('listitem')
      .filter({ hasText: 'bad' }),
    /ErrImagePull|ImagePullBackOff/,
  );
  results.push(m.report());
  m = new JourneyMeter("a failing pod's reason (at the top of its Deployment's page)");
  await m.click(page.getByRole('link', { name: `${MEASURE_NS}/bad` }));
  await m.read(page.getByRole('alert', { name: 'Failing reason' }), /ErrImagePull|ImagePullBackOff/);
  results.push(m.report());

  await home();
  m = new JourneyMeter("a Deployment's rollback");
  await m.click(nav.getByRole('link', { name: 'Deployments' }));
  await m.click(
    page.getByRole('table', { name: 'Deployments' }).getByRole('button', { name: 'web', exact: true }),
  );
  await m.click(page.getByRole('tab', { name: 'History' }));
  await m.click(page.getByRole('button', { name: 'Roll back to revision 1' }));
  results.push(m.report());

  await home();
  m = new JourneyMeter("a pod's shell");
  await m.click(nav.getByRole('link', { name: 'Pods' }));
  await m.click(page.getByRole('table', { name: 'Pods' }).getByRole('button', { name: 'box', exact: true }));
  const pod = page.getByRole('region', { name: 'Pod box' });
  await m.click(pod.getByRole('tab', { name: 'Shell' }));
  await m.click(pod.getByRole('button', { name: 'New shell' }));
  await m.read(page.getByRole('region', { name: 'Dock' }).getByLabel('Terminal', { exact: true }), /#|\$/);
  results.push(m.report());

  await home();
  m = new JourneyMeter("a Service's page in the browser");
  await m.click(nav.getByRole('link', { name: 'Services' }));
  const link = page.getByRole('table', { name: 'Services' }).getByRole('link', { name: /127\.0\.0\.1:\d+/ });
  await m.read(link, '127.0.0.1');
  m.clicks++; // the link opens the OS browser
  results.push(m.report());

  console.log(`\nAFTER (1400×900)\n${results.join('\n')}`);
  // 200 events about one Deployment, then its page (Overview) and its Events tab, each from an in-app move
  const now = new Date().toISOString();
  for (let i = 0; i < 200; i++)
    await api(f.skiff, `/api/v1/namespaces/${MEASURE_NS}/events`, {
      method: 'POST',
      body: {
        metadata: { name: `web.measure-${i}` },
        involvedObject: { kind: 'Deployment', name: 'web', namespace: MEASURE_NS, apiVersion: 'apps/v1' },
        reason: 'Measured',
        message: `event ${i} of 200`,
        type: i % 10 === 0 ? 'Warning' : 'Normal',
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
      },
    });
  await page.goto(new URL(`/ns/${MEASURE_NS}/deployments`, f.skiff.uiUrl).toString().replace(/#.*/, ''));
  await expect(page.getByRole('table', { name: 'Deployments' })).toBeVisible();
  const timeTo = (path: string, selector: string, count: number) =>
    page.evaluate(
      ({ path, selector, count }) =>
        new Promise<number>((resolve) => {
          const t0 = performance.now();
          history.pushState(null, '', path);
          dispatchEvent(new PopStateEvent('popstate'));
          const check = () => {
            if (document.querySelectorAll(selector).length >= count) resolve(performance.now() - t0);
            else requestAnimationFrame(check);
          };
          check();
        }),
      { path, selector, count },
    );
  const samples: Record<string, number[]> = { overview: [], events: [] };
  for (let i = 0; i < 5; i++) {
    // wait for the events to be in the shared cache first
    samples.events!.push(
      await timeTo(`/ns/${MEASURE_NS}/deployments/web/events`, '[aria-label="Events of web"] li', 200),
    );
    samples.overview!.push(
      await timeTo(
        `/ns/${MEASURE_NS}/deployments/web`,
        '[aria-label="Deployment web"] [role="tabpanel"] *',
        1,
      ),
    );
    await timeTo(`/ns/${MEASURE_NS}/deployments`, 'table[aria-label="Deployments"] tbody tr', 1);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(0);
  results.push(
    `Deployment page with 200 events: Events tab ${median(samples.events!)} ms, Overview ${median(samples.overview!)} ms (median of 5, from the address change to the rows in the page; samples ${JSON.stringify(samples)})`,
  );
  console.log(`\nAFTER (1400×900)\n${results.join('\n')}`);
});
