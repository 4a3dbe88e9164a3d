import { expect, test } from '@playwright/test';
import { cpuAutoscalerFor, deploymentOf } from '../support/manifests';
import { api } from '../support/skiff-process';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-hpa';
const f = useUiSkiff(NS, ['--metrics-interval', '1']);

test('a Deployment shows its usage charts, and under an HPA its bounds and decisions replace the slider', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await api(f.skiff, `/apis/apps/v1/namespaces/${NS}/deployments`, {
    method: 'POST',
    body: deploymentOf(
      'web',
      {
        containers: [
          {
            name: 'web',
            image: 'skiff-test/web:v1',
            resources: { requests: { cpu: '100m', memory: '16Mi' } },
          },
        ],
      },
      2,
    ),
  });
  await page.goto(f.skiff.uiUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deployments' }).click();
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  const row = page.getByRole('table', { name: 'Deployments' }).getByRole('row', { name: /^web / });
  await row.getByRole('button', { name: 'web', exact: true }).click();
  const detail = page.getByRole('region', { name: 'Deployment web' });
  await expect(detail.getByRole('slider', { name: 'Replicas slider' })).toBeVisible();

  // Charts fill in from the engine's samples: the total against what the pods request, then each pod.
  await detail.getByRole('tab', { name: 'Metrics' }).click();
  const usage = detail.getByRole('region', { name: 'Usage' });
  await expect(usage.getByRole('figure', { name: 'CPU, all pods' }).locator('svg')).toBeVisible({
    timeout: 20_000,
  });
  await expect(usage.getByRole('figure', { name: 'CPU, all pods' })).toContainText('requested 200m');
  await expect(usage.getByRole('figure', { name: 'Memory, all pods' })).toContainText(
    /Memory, all pods: \d+(Ki|Mi)/,
  );
  await expect(usage.getByRole('list', { name: 'Usage per pod' }).getByRole('listitem')).toHaveCount(2);

  // An HPA takes over: the slider gives way to its bounds, targets and decisions.
  await detail.getByRole('tab', { name: 'Overview' }).click();
  await api(f.skiff, `/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers`, {
    method: 'POST',
    body: cpuAutoscalerFor(
      'web',
      50,
      { min: 1, max: 4 },
      { behavior: { scaleDown: { stabilizationWindowSeconds: 0 } } },
    ),
  });
  const autoscaler = detail.getByLabel('Autoscaler', { exact: true });
  await expect(autoscaler.getByRole('status', { name: 'Autoscaling state' })).toContainText(
    'Scaled by HorizontalPodAutoscaler web',
  );
  await expect(detail.getByRole('slider', { name: 'Replicas slider' })).toHaveCount(0);
  await expect(autoscaler.getByRole('list', { name: 'Autoscaler targets' })).toContainText(
    /cpu \d+% of request \(target 50%\)/,
    { timeout: 20_000 },
  );
  // idle pods are far below 50%: the HPA scales 2 → 1 and says why
  await expect(autoscaler.getByRole('list', { name: 'Autoscaler decisions' })).toContainText(
    'SuccessfulRescale: New size: 1; reason: All metrics below target',
    { timeout: 30_000 },
  );
  await expect(detail.getByRole('status', { name: 'Deployment status' })).toContainText('1/1', {
    timeout: 15_000,
  });

  // Bounds are edited in place; a refusal shows the server's message and puts the field back.
  const minimum = autoscaler.getByRole('spinbutton', { name: 'Minimum replicas' });
  await minimum.fill('2');
  await minimum.press('Enter');
  await expect(detail.getByRole('status', { name: 'Deployment status' })).toContainText('2/2', {
    timeout: 30_000,
  });
  await minimum.fill('9');
  await minimum.press('Enter');
  await expect(detail.getByRole('alert')).toContainText('spec.maxReplicas');
  await expect(minimum).toHaveValue('2');
});
