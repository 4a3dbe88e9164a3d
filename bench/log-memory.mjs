/* global document, requestAnimationFrame, window */ // page.evaluate callbacks run in the browser
// The log viewer with a million lines, in Debian's Chromium against a real `skiff serve`: the renderer's JS heap
// before the log opens (the baseline) and after 200 000, 500 000 and 1 000 000 lines, and how the page's frames
// kept up while they streamed in. The pod writes 50 000-line waves, each when the viewer has shown the one before:
// the engine rotates a container's log at 10 MB (3 files kept), and its follow reader loses its place when a
// burst outruns that (as `docker logs -f` and `kubectl logs -f` would).
// Needs the built app, Docker, the test images and /usr/bin/chromium. Usage: node bench/log-memory.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, call, cleanup, run, startSkiff, until } from './lib.mjs';

const TOTAL = 1_000_000;
const WAVE = 50_000;
const ns = 'bench-logs';
const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-'));
const skiff = await startSkiff(dir);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  await call(skiff, 'POST', '/api/v1/namespaces', { metadata: { name: ns } });
  const waves = TOTAL / WAVE;
  await call(skiff, 'POST', `/api/v1/namespaces/${ns}/pods`, {
    metadata: { name: 'loud' },
    spec: {
      terminationGracePeriodSeconds: 1,
      containers: [
        {
          name: 'app',
          image: 'skiff-test/tools:v1',
          command: [
            'sh',
            '-c',
            `for w in $(seq 0 ${waves - 1}); do until [ -e /tmp/go-$w ]; do sleep 0.1; done; seq $((w * ${WAVE} + 1)) $((w * ${WAVE} + ${WAVE})); done; sleep 3600`,
          ],
        },
      ],
    },
  });
  await until(skiff, `/api/v1/namespaces/${ns}/pods/loud`, (pod) => pod.status?.phase === 'Running');
  const page = await browser.newPage();
  await page.goto(skiff.api.replace('https:', 'http:') + `/#token=${skiff.token}`);
  await page.getByRole('combobox', { name: 'Namespace' }).selectOption(ns);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pods' }).click();
  await page.getByRole('table', { name: 'Pods' }).getByRole('button', { name: 'loud', exact: true }).click();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const heap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'JSHeapUsedSize').value / 2 ** 20;
  };
  const before = await heap();
  // every frame's interval from here on, to see whether streaming froze the page
  await page.evaluate(() => {
    const frames = [];
    let last = performance.now();
    const tick = (t) => {
      frames.push(t - last);
      last = t;
      if (!document.documentElement.dataset.stopFrames) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    window.benchFrames = frames;
  });
  await page.getByRole('region', { name: 'Pod loud' }).getByRole('tab', { name: 'Logs' }).click();
  const state = page.getByRole('status', { name: 'Log state' });
  const [app] = (
    await run('docker', [
      'ps',
      '-q',
      '--filter',
      'label=io.skiff.pod-name=loud',
      '--filter',
      'label=io.skiff.container=app',
    ])
  ).stdout.split('\n');
  // lines the viewer has received: those it holds plus those it dropped
  const received = async () => {
    const text = (await state.textContent()) ?? '';
    const [, held, dropped] = /^(\d+) lines(?: \(the oldest (\d+) dropped\))?/.exec(text) ?? [];
    return Number(held ?? 0) + Number(dropped ?? 0);
  };
  const start = performance.now();
  const marks = [];
  for (let w = 0; w < waves; w++) {
    await run('docker', ['exec', app, 'touch', `/tmp/go-${w}`]);
    const deadline = Date.now() + 120_000;
    while ((await received()) < (w + 1) * WAVE) {
      if (Date.now() > deadline) throw new Error(`wave ${w}: the viewer has ${await received()} lines`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const seen = (w + 1) * WAVE;
    if ([200_000, 500_000, TOTAL].includes(seen))
      marks.push({ seen, at: (performance.now() - start) / 1000, heap: await heap() });
  }
  const frames = await page.evaluate(() => {
    document.documentElement.dataset.stopFrames = '1';
    return window.benchFrames;
  });
  const sorted = [...frames].sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  const lastShown = await page
    .getByRole('log', { name: 'Log lines' })
    .filter({ hasText: String(TOTAL) })
    .waitFor({ timeout: 5000 })
    .then(
      () => true,
      () => false,
    );

  console.log(`renderer JS heap, pod page open, no log yet (baseline): ${before.toFixed(1)} MiB`);
  for (const m of marks)
    console.log(
      `after ${String(m.seen).padStart(7)} lines (${m.at.toFixed(1)} s):  ${m.heap.toFixed(1)} MiB   ratio ${(m.heap / before).toFixed(1)}`,
    );
  console.log(`line ${TOTAL} on screen (following): ${lastShown}`);
  console.log(
    `frames while streaming: ${frames.length}, median ${pct(50).toFixed(0)} ms, p99 ${pct(99).toFixed(0)} ms, ` +
      `longest ${sorted.at(-1).toFixed(0)} ms, over 100 ms: ${frames.filter((f) => f > 100).length}`,
  );
} finally {
  await browser.close();
  await call(skiff, 'DELETE', `/api/v1/namespaces/${ns}`).catch(() => {});
  await new Promise((r) => setTimeout(r, 3000));
  await cleanup(skiff);
  rmSync(dir, { recursive: true, force: true });
}
