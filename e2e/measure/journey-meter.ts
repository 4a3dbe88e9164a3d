import { expect, type Locator, type Page } from '@playwright/test';
import { deploymentOf, webPod } from '../support/manifests';
import { api, type SkiffProcess } from '../support/skiff-process';

/** Counts the clicks of a journey and how far the user had to scroll to reach each thing clicked or read. */
export class JourneyMeter {
  clicks = 0;
  scrolled = 0;
  constructor(readonly name: string) {}

  private async reach(target: Locator): Promise<void> {
    await target.waitFor({ state: 'attached' });
    const before = await target.evaluate((el) => el.getBoundingClientRect().top);
    await target.scrollIntoViewIfNeeded();
    const after = await target.evaluate((el) => el.getBoundingClientRect().top);
    this.scrolled += Math.round(Math.abs(before - after));
  }

  async click(target: Locator): Promise<void> {
    await this.reach(target);
    this.clicks++;
    await target.click();
  }

  async read(target: Locator, text: string | RegExp): Promise<void> {
    await expect(target).toContainText(text, { timeout: 30_000 });
    await this.reach(target);
  }

  report(): string {
    return `${this.name}: ${this.clicks} clicks, ${this.scrolled} px scrolled`;
  }
}

export const MEASURE_NS = 'measure';

/** A namespace with a settled Deployment at revision 2, one whose image cannot be pulled, a pod and a Service. */
export async function seedJourneys(skiff: SkiffProcess, page: Page): Promise<void> {
  const deployments = `/apis/apps/v1/namespaces/${MEASURE_NS}/deployments`;
  const web = webPod('x', { app: 'web' }).spec;
  await api(skiff, deployments, { method: 'POST', body: deploymentOf('web', web, 2) });
  for (let i = 0; i < 6; i++)
    await api(skiff, deployments, { method: 'POST', body: deploymentOf(`filler-${i}`, web, 1) });
  await api(skiff, `${deployments}/web`, {
    method: 'PATCH',
    contentType: 'application/strategic-merge-patch+json',
    body: { spec: { template: { spec: { containers: [{ name: 'web', image: 'skiff-test/web:v2' }] } } } },
  });
  await api(skiff, deployments, {
    method: 'POST',
    body: deploymentOf('bad', { containers: [{ name: 'app', image: 'skiff-test/does-not-exist:v9' }] }, 1),
  });
  await api(skiff, `/api/v1/namespaces/${MEASURE_NS}/pods`, {
    method: 'POST',
    body: {
      metadata: { name: 'box' },
      spec: { containers: [{ name: 'tools', image: 'skiff-test/tools:v1' }] },
    },
  });
  await api(skiff, `/api/v1/namespaces/${MEASURE_NS}/services`, {
    method: 'POST',
    body: {
      metadata: { name: 'web' },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
    },
  });
  await expect
    .poll(async () => (await api(skiff, `/api/v1/namespaces/${MEASURE_NS}/pods/box`)).body.status?.phase, {
      timeout: 30_000,
    })
    .toBe('Running');
  await page.setViewportSize({ width: 1400, height: 900 });
}
