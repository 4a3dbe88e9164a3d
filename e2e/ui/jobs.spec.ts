import { expect, test } from '@playwright/test';
import { api } from '../support/skiff-process';
import { openPalette } from '../support/open-palette';
import { useUiSkiff } from '../support/ui-skiff';

const NS = 'ui-jobs';
const f = useUiSkiff(NS);

test('a CronJob run now, its run completes, its log is one click away; suspend and resume; Edit YAML', async ({
  page,
}) => {
  await api(f.skiff, `/apis/batch/v1/namespaces/${NS}/cronjobs`, {
    method: 'POST',
    body: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report' },
      spec: {
        schedule: '0 3 * * *',
        jobTemplate: {
          spec: {
            template: {
              spec: {
                restartPolicy: 'Never',
                containers: [
                  { name: 'main', image: 'skiff-test/tools:v1', command: ['sh', '-c', 'echo report-ready'] },
                ],
              },
            },
          },
        },
      },
    },
  });
  await page.goto(f.skiff.uiUrl);
  // Reached through the command palette, as any view.
  await openPalette(page);
  await page.keyboard.type('Go to Jobs');
  await page.keyboard.press('Enter');
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(NS);
  const cron = page.getByRole('table', { name: 'CronJobs' }).getByRole('row', { name: /^report / });
  await expect(cron).toContainText('0 3 * * *');

  await cron.getByRole('button', { name: 'Run CronJob report now' }).click();
  const run = page.getByRole('table', { name: 'Jobs' }).getByRole('row', { name: /^report-manual-/ });
  await expect(run).toContainText('Complete', { timeout: 30_000 });
  await expect(run).toContainText('1/1');
  await run.getByRole('button', { name: /^Logs of Job report-manual-/ }).click();
  await expect(page.getByRole('log', { name: 'Log lines' })).toContainText('report-ready', {
    timeout: 15_000,
  });
  // the run's logs are on its pod's page; Back returns to the Jobs
  await page.goBack();

  await cron.getByRole('button', { name: 'Suspend CronJob report' }).click();
  await expect(cron).toContainText('Yes');
  await cron.getByRole('button', { name: 'Resume CronJob report' }).click();
  await expect(cron).toContainText('No');

  await cron.getByRole('button', { name: 'Edit YAML of CronJob report' }).click();
  await expect(page.getByRole('dialog')).toContainText('schedule');
});
