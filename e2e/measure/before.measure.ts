import { test } from '@playwright/test';
import { useUiSkiff } from '../support/ui-skiff';
import { JourneyMeter, MEASURE_NS, seedJourneys } from './journey-meter';

// The journeys on the layout before object pages (details below lists); run against a build of that code.
const f = useUiSkiff(MEASURE_NS);

test('journeys from the dashboard, before', async ({ page }) => {
  test.setTimeout(120_000);
  await seedJourneys(f.skiff, page);
  const results: string[] = [];
  const nav = page.getByRole('navigation', { name: 'Main' });
  const home = async () => {
    await page.goto(f.skiff.uiUrl);
    await page.getByRole('region', { name: 'Dashboard' }).waitFor();
  };

  await home();
  let m = new JourneyMeter("a failing pod's reason");
  await m.click(
    page
      .getByRole('region', { name: 'Workloads needing attention' })
      .getByRole('button', { name: `${MEASURE_NS}/bad` }),
  );
  await m.click(
    page.getByRole('table', { name: 'Deployments' }).getByRole('button', { name: 'bad', exact: true }),
  );
  await m.read(
    page
      .getByRole('region', { name: 'Deployment bad' })
      .getByText(/ErrImagePull|ImagePullBackOff/)
      .first(),
    /Err|BackOff/,
  );
  results.push(m.report());

  await home();
  m = new JourneyMeter("a Deployment's rollback");
  await m.click(nav.getByRole('link', { name: 'Deployments' }));
  await m.click(
    page.getByRole('table', { name: 'Deployments' }).getByRole('button', { name: 'web', exact: true }),
  );
  await m.click(page.getByRole('button', { name: 'Roll back to revision 1' }));
  results.push(m.report());

  await home();
  m = new JourneyMeter("a pod's shell");
  await m.click(nav.getByRole('link', { name: 'Pods' }));
  await m.click(page.getByRole('table', { name: 'Pods' }).getByRole('button', { name: 'box', exact: true }));
  const pod = page.getByRole('region', { name: 'Pod box' });
  await m.click(pod.getByRole('tab', { name: 'Shell' }));
  await m.click(pod.getByRole('button', { name: 'New shell' }));
  await m.read(pod.getByLabel('Terminal', { exact: true }), /#|\$/);
  results.push(m.report());

  await home();
  m = new JourneyMeter("a Service's page in the browser");
  await m.click(nav.getByRole('link', { name: 'Services' }));
  const link = page.getByRole('table', { name: 'Services' }).getByRole('link', { name: /127\.0\.0\.1:\d+/ });
  await m.read(link, '127.0.0.1');
  m.clicks++; // the link opens the OS browser
  results.push(m.report());
  console.log(`\nBEFORE (1400×900)\n${results.join('\n')}`);
});
