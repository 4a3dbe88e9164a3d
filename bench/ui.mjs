/* global document, requestAnimationFrame */ // page.evaluate callbacks run in the browser
// The UI at scale, in Debian's Chromium against a real `skiff serve`, each figure next to a baseline measured in
// the same run:
//  1. the Pods view with 1000 pods (API objects that stay Pending) from the click to the table on screen (its
//     first rows in the window, aria-rowcount 1001: header + 1000), against inserting 1000 plain table rows into
//     the same page. The Dashboard, where the UI opens, lists the namespace's pods when it is chosen, and the Pods
//     view shares that list (react-query's cache): the click waits for it first, so this is the renderer's work;
//  2. scrolling the pods table top to bottom in ~2 s, one step per animation frame: frames longer than twice the
//     median and longer than 50 ms, against the same scroll over a plain 1000-row table in the same page;
//  3. one pod's status change from the API's answer to the screen (5 pods in view, one after another);
//  4. the renderer's JS heap after a pod streams 200 000 log lines (the viewer's whole buffer), against before.
// Needs the built app, Docker, the test images and /usr/bin/chromium. Usage: node bench/ui.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, call, cleanup, median, startSkiff } from './lib.mjs';

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
  const listed = page.waitForResponse((r) => r.url().endsWith(`/namespaces/${ns}/pods`));
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(ns);
  await (await listed).finished();
  const onScreen = `(() => {
    const table = document.querySelector('table[aria-label="Pods"]');
    const first = table?.querySelector('tr[data-name="idle-0000"]')?.getBoundingClientRect();
    return table?.getAttribute('aria-rowcount') === '${PODS + 1}' && !!first && first.top < window.innerHeight;
  })()`;
  let start = performance.now();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pods' }).click();
  await page.waitForFunction(onScreen, undefined, { polling: 'raf', timeout: 60_000 });
  const table = performance.now() - start;
  const rendered = await page.locator('table[aria-label="Pods"] tbody tr[data-name]').count();
  // again from another view, the Pods view's JS and the list warm: the first click also meets the Dashboard's
  // own work on the fresh list (its summary, the scheduler's events)
  const again = [];
  for (let i = 0; i < 5; i++) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Services' }).click();
    await page.getByRole('heading', { name: 'Services' }).waitFor();
    await page.waitForTimeout(500);
    start = performance.now();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pods' }).click();
    await page.waitForFunction(onScreen, undefined, { polling: 'raf', timeout: 60_000 });
    again.push(performance.now() - start);
  }
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

  // 2. scrolling, one step per frame; the baseline is a plain table of as many rows in a box of the same size
  const scroll = (which) =>
    page.evaluate(
      async ({ which, n }) => {
        const pods = document.querySelector('table[aria-label="Pods"]').parentElement;
        let box = pods;
        if (which === 'plain') {
          box = document.createElement('div');
          box.style.cssText = `position:fixed;left:0;top:0;width:${pods.clientWidth}px;height:${pods.clientHeight}px;overflow:auto;background:#fff`;
          box.innerHTML = `<table class="resource-table">${Array.from(
            { length: n },
            (_, i) =>
              `<tr><td>idle-${i}</td><td>0/1</td><td>Pending</td><td>0</td><td>1s</td><td></td><td></td><td>Delete</td></tr>`,
          ).join('')}</table>`;
          document.body.appendChild(box);
        }
        box.scrollTop = 0;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const frames = await new Promise((resolve) => {
          const max = box.scrollHeight - box.clientHeight;
          const gaps = [];
          let t0;
          let last;
          const step = (t) => {
            t0 ??= t;
            if (last !== undefined) gaps.push(t - last);
            last = t;
            const progress = Math.min(1, (t - t0) / 2000);
            box.scrollTop = progress * max;
            if (progress < 1) requestAnimationFrame(step);
            else resolve(gaps);
          };
          requestAnimationFrame(step);
        });
        if (which === 'plain') box.remove();
        const sorted = [...frames].sort((a, b) => a - b);
        const median = sorted[Math.floor(sorted.length / 2)];
        return {
          frames: frames.length,
          median,
          long: frames.filter((f) => f > 2 * median).length,
          over50: frames.filter((f) => f > 50).length,
          max: sorted.at(-1),
        };
      },
      { which, n: PODS },
    );
  const podScroll = await scroll('pods');
  const plainScroll = await scroll('plain');

  // 3. status changes of pods in view reach the screen
  const updates = [];
  await page.evaluate(() => {
    const box = document.querySelector('table[aria-label="Pods"]').parentElement;
    box.scrollTop = 495 * 36;
  });
  for (let i = 500; i < 505; i++) {
    const target = `idle-${String(i).padStart(4, '0')}`;
    await page.waitForFunction((name) => document.querySelector(`tr[data-name="${name}"]`), target);
    const current = await call(skiff, 'GET', `/api/v1/namespaces/${ns}/pods/${target}`);
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
    updates.push(performance.now() - answered);
  }

  // 4. 200 000 log lines (the viewer's whole buffer) in waves: the engine rotates a container's log at 10 MB (3
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

  const frames = (r) =>
    `${r.frames} frames, median ${r.median.toFixed(1)} ms, ${r.long} > 2× median, ${r.over50} > 50 ms, longest ${r.max.toFixed(0)} ms`;
  console.log(
    `Pods view, ${PODS} pods, click → table on screen: ${table.toFixed(0)} ms (${rendered} rows rendered)`,
  );
  console.log(
    `  again from the Services view, 5 times:  ${again.map((ms) => ms.toFixed(0)).join(', ')} ms (median ${median(again).toFixed(0)})`,
  );
  console.log(
    `baseline ${PODS} plain rows, same page:        ${plain.toFixed(0)} ms   ratio ${(table / plain).toFixed(1)}`,
  );
  console.log(`scroll pods table top → bottom in 2 s:     ${frames(podScroll)}`);
  console.log(`baseline, plain ${PODS}-row table:          ${frames(plainScroll)}`);
  console.log(
    `a pod's status, API answer → screen:       ${updates.map((u) => u.toFixed(0)).join(', ')} ms (5 pods in view)`,
  );
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
