// The main process under load: its resident memory with 100 running pods and 1,000 stored ConfigMaps, against
// the same process idle (measured first, in this run); then, with 10,000 Events stored as well, the p99 of a
// get and of lists, one request at a time, against the p99 of /version (a request that touches no object).
// Needs the built app, a Docker engine and the test images. Usage: node bench/store-load.mjs [pods=100] [configMaps=1000] [events=10000] [samples=200]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, cleanup, isMain, median, now, progress, quantile, rssMiB, sleep, startSkiff } from './lib.mjs';
import { podManifest, untilReady } from './pod-start.mjs';

const ns = 'load';

/** Runs `count` calls of `make(i)`, `width` at a time. */
async function inParallel(count, width, make) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await make(next++);
    }),
  );
}

async function steadyRss(pid) {
  await sleep(3000);
  const samples = [];
  for (let i = 0; i < 5; i++) {
    samples.push(rssMiB(pid));
    await sleep(500);
  }
  return median(samples);
}

async function created(promise, what) {
  const object = await promise;
  if (!object?.metadata?.uid)
    throw new Error(`${what} was not created: ${JSON.stringify(object).slice(0, 300)}`);
}

const event = (i, pods) => ({
  metadata: { name: `bench-${i}` },
  involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace: ns, name: `p-${i % pods}` },
  reason: 'Bench',
  message: `event ${i} of the store bench`,
  type: 'Normal',
  source: { component: 'bench' },
  count: 1,
  // Now, not a fixed date: Events last seen over an hour ago are swept away every minute (the event TTL).
  firstTimestamp: new Date().toISOString(),
  lastTimestamp: new Date().toISOString(),
});

async function latencies(skiff, path, count) {
  const samples = [];
  for (let i = 0; i < count; i++) {
    const start = now();
    await call(skiff, 'GET', path(i));
    samples.push(now() - start);
  }
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
}

/** Runs the bench; returns RSS in MiB and latencies in ms. */
export async function measureStoreLoad({
  pods = 100,
  configMaps = 1000,
  events = 10_000,
  samples = 300,
} = {}) {
  progress(
    `store load: ${pods} pods, ${configMaps} ConfigMaps, then ${events} Events and ${samples} requests of each`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-'));
  const skiff = await startSkiff(dir);
  try {
    await call(skiff, 'GET', '/version');
    const idleRss = await steadyRss(skiff.child.pid);
    await created(call(skiff, 'POST', '/api/v1/namespaces', { metadata: { name: ns } }), 'the namespace');
    const names = Array.from({ length: pods }, (_, i) => `p-${i}`);
    await inParallel(pods, 10, (i) =>
      created(call(skiff, 'POST', `/api/v1/namespaces/${ns}/pods`, podManifest(names[i])), names[i]),
    );
    await untilReady(skiff, ns, names);
    const data = { value: 'x'.repeat(1024) };
    await inParallel(configMaps, 10, (i) =>
      created(
        call(skiff, 'POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name: `cm-${i}` }, data }),
        `cm-${i}`,
      ),
    );
    progress('store load: RSS with pods and ConfigMaps');
    const loadedRss = await steadyRss(skiff.child.pid);

    progress(`store load: ${events} Events`);
    await inParallel(events, 16, (i) =>
      created(call(skiff, 'POST', `/api/v1/namespaces/${ns}/events`, event(i, pods)), `event ${i}`),
    );
    const withEventsRss = await steadyRss(skiff.child.pid);

    progress('store load: latencies');
    progress('store load: version');
    const version = await latencies(skiff, () => '/version', samples);
    progress('store load: getPod');
    const getPod = await latencies(skiff, (i) => `/api/v1/namespaces/${ns}/pods/p-${i % pods}`, samples);
    progress('store load: getEvent');
    const getEvent = await latencies(
      skiff,
      (i) => `/api/v1/namespaces/${ns}/events/bench-${(i * 37) % events}`,
      samples,
    );
    progress('store load: listPods');
    const listPods = await latencies(skiff, () => `/api/v1/namespaces/${ns}/pods`, samples);
    progress('store load: listSelected');
    const listSelected = await latencies(
      skiff,
      (i) => `/api/v1/namespaces/${ns}/events?fieldSelector=involvedObject.name%3Dp-${i % pods}`,
      samples,
    );
    return {
      pods,
      configMaps,
      events,
      idleRss,
      loadedRss,
      withEventsRss,
      version,
      getPod,
      getEvent,
      listPods,
      listSelected,
    };
  } finally {
    await cleanup(skiff);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const [pods, configMaps, events, samples] = process.argv.slice(2).map((a) => (a ? Number(a) : undefined));
  const r = await measureStoreLoad({ pods, configMaps, events, samples });
  const ms = (l) => `p50 ${l.p50.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms`;
  console.log(
    `RSS idle ${r.idleRss.toFixed(1)} MiB; with ${r.pods} pods + ${r.configMaps} ConfigMaps ${r.loadedRss.toFixed(1)} MiB; + ${r.events} Events ${r.withEventsRss.toFixed(1)} MiB`,
  );
  console.log(`GET /version:                 ${ms(r.version)}`);
  console.log(`GET one pod:                  ${ms(r.getPod)}`);
  console.log(`GET one event:                ${ms(r.getEvent)}`);
  console.log(`LIST ${r.pods} pods (namespace):   ${ms(r.listPods)}`);
  console.log(`LIST events of one pod:       ${ms(r.listSelected)}`);
}
