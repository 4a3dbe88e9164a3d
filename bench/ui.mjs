/* global document */ // page.evaluate callbacks run in the browser
// The UI at scale, in Debian's Chromium against a real `skiff serve`, each figure next to a baseline measured in
// the same run:
//  1. the Pods view with 1000 pods (API objects that stay Pending) from the click to 1000 rows on screen,
//     against inserting the same number of plain table rows into the same page;
//  2. one pod's status change from the API's answer to the screen;
//  3. the renderer's JS heap after a pod streams 200 000 log lines (the viewer's whole buffer), against before.
// Needs the built app, Docker, the test images and /usr/bin/chromium. Usage: node bench/ui.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { call, cleanup, startSkiff } from './lib.mjs';

// the flags playwright.config.ts gives Debian's Chromium (it is TypeScript, which a plain .mjs cannot import)
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const PODS = 1000;
const ns = 'bench-ui';
const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-'));
const skiff = await startSkiff(dir);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  await call(skiff, 'POST', '/api/v1/namespaces', { metadata: { name: ns } });
  for (let i = 0; i < PODS; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, PODS - i) }, (_, k) =>
        call(skiff, 'POST', `/api/v1/namespaces/${ns}/pods`, {
          metadata: { name: `idle-${String(i + k).padStart(4, '0')}` },
          spec: {
            nodeSelector: { 'bench.skiff.io/nowhere': 'true' },
            containers: [{ name: 'c', image: 'skiff-test/tools:v1' }],
          },
        }),
      ),
    );
  }
  const uiUrl = skiff.api.replace('https:', 'http:') + `/#token=${skiff.token}`;
  const page = await browser.newPage();
  await page.goto(uiUrl);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(ns);
  const rows = (n) => `document.querySelectorAll('table[aria-label="Pods"] tbody tr').length === ${n}`;
  let start = performance.now();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pods' }).click();
  await page.waitForFunction(rows(PODS), undefined, { polling: 'raf', timeout: 60_000 });
  const table = performance.now() - start;
  const plain = await page.evaluate((n) => {
    const t0 = performance.now();
    const holder = document.createElement('table');
    holder.innerHTML = Array.from(
      { length: n },
      (_, i) =>
        `<tr><td>idle-${i}</td><td>0/1</td><td>Pending</td><td>0</td><td>1s</td><td></td><td></td><td>Delete</td></tr>`,
    ).join('');
    document.body.appendChild(holder);
    holder.getBoundingClientRect(); // layout
    const ms = performance.now() - t0;
    holder.remove();
    return ms;
  }, PODS);

  // 2. one pod's status change reaches the screen
  const target = 'idle-0500';
  const current = await call(skiff, 'GET', `/api/v1/namespaces/${ns}/pods/${target}`);
  start = performance.now();
  await call(skiff, 'PUT', `/api/v1/namespaces/${ns}/pods/${target}/status`, {
    ...current,
    status: { ...current.status, phase: 'Failed', reason: 'BenchMarked' },
  });
  const answered = performance.now();
  await page.waitForFunction(
    (name) => document.querySelector(`tr[data-name="${name}"]`)?.textContent?.includes('BenchMarked'),
    target,
    { polling: 'raf', timeout: 10_000 },
  );
  const update = performance.now() - answered;

  // 3. 200 000 log lines (the viewer's whole buffer) in waves: the engine rotates a container's log at 10 MB (3
  //    files kept), and its follow reader lost its place when a million-line burst outran the rotation
  await call(skiff, 'POST', `/api/v1/namespaces/${ns}/pods`, {
    metadata: { name: 'loud' },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'skiff-test/tools:v1',
          command: [
            'sh',
            '-c',
            'sleep 30; for w in $(seq 0 3); do seq $((w * 50000 + 1)) $((w * 50000 + 50000)); sleep 2; done; sleep 3600',
          ],
        },
      ],
    },
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize').value / 2 ** 20;
  };
  await page.getByRole('searchbox', { name: 'Search pods' }).fill('loud');
  await page.getByRole('table', { name: 'Pods' }).getByRole('button', { name: 'loud', exact: true }).click();
  const before = await heap();
  await page.getByRole('region', { name: 'Pod loud' }).getByRole('tab', { name: 'Logs' }).click();
  start = performance.now();
  await page
    .getByRole('status', { name: 'Log state' })
    .filter({ hasText: '200000 lines' })
    .waitFor({ timeout: 300_000 });
  const streamed = performance.now() - start;
  const after = await heap();

  console.log(`Pods view, ${PODS} pods, click → all rows:   ${table.toFixed(0)} ms`);
  console.log(
    `baseline ${PODS} plain rows, same page:      ${plain.toFixed(0)} ms   ratio ${(table / plain).toFixed(1)}`,
  );
  console.log(`one pod's status, API answer → screen:     ${update.toFixed(0)} ms`);
  console.log(
    `200 000 log lines streamed in:             ${(streamed / 1000).toFixed(1)} s (the viewer's full buffer)`,
  );
  console.log(
    `renderer JS heap before → after:           ${before.toFixed(0)} MiB → ${after.toFixed(0)} MiB`,
  );
} finally {
  await browser.close();
  await call(skiff, 'DELETE', `/api/v1/namespaces/${ns}`).catch(() => {});
  await new Promise((r) => setTimeout(r, 3000));
  await cleanup(skiff);
  rmSync(dir, { recursive: true, force: true });
}
