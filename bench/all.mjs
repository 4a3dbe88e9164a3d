// `npm run bench`: every figure of issue #20's table in one run, each against its baseline measured in the same
// run (or a published figure, labelled so), printed as ONE table and written as JSON to
// /tmp/skiff-bench-<time>.json. Run counts are chosen to keep the whole run near 10–15 minutes on 2 cores:
// pod start 5 one by one + a burst of 20; startup 3; fresh start → first pod 3; the Deployment bench once;
// Compose and Swarm once; the store load once (100 pods, 1,000 ConfigMaps, 10,000 Events, 200 requests each).
// Benches share one engine and must not overlap: run it as `flock /tmp/skiff-bench.lock node bench/all.mjs`
// (npm run bench does). Needs the built app, a Docker engine and the test images (npm run images).
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { measureCompose } from './compose.mjs';
import { measureDeployment } from './deployment.mjs';
import { measureFirstPod, PUBLISHED } from './first-pod.mjs';
import { isMain, median, progress, root, run } from './lib.mjs';
import { measurePodStart } from './pod-start.mjs';
import { measureStartup } from './startup.mjs';
import { measureStoreLoad } from './store-load.mjs';
import { measureSwarm } from './swarm.mjs';
import { formatTable, tableJson } from './table.mjs';

const COUNTS = {
  podStartRuns: 5,
  burst: 20,
  startupRuns: 3,
  firstPodRuns: 3,
  rssPods: 100,
  configMaps: 1000,
  events: 10_000,
};

/** Each bench once, in turn; a failure is kept as that bench's error, and the run goes on. */
async function measureAll() {
  const results = {};
  const benches = {
    startup: () => measureStartup({ runs: COUNTS.startupRuns }),
    firstPod: () => measureFirstPod({ runs: COUNTS.firstPodRuns }),
    podStart: () => measurePodStart({ runs: COUNTS.podStartRuns, burst: COUNTS.burst }),
    deployment: () => measureDeployment(),
    compose: () => measureCompose({ replicas: 20 }),
    swarm: () => measureSwarm({ replicas: 20, rolling: 10 }),
    store: () =>
      measureStoreLoad({ pods: COUNTS.rssPods, configMaps: COUNTS.configMaps, events: COUNTS.events }),
  };
  for (const [name, measure] of Object.entries(benches)) {
    try {
      results[name] = await measure();
    } catch (err) {
      console.error(`bench ${name} failed:`, err);
      results[name] = { error: String(err?.message ?? err).split('\n')[0] };
    }
  }
  return results;
}

/** The table's rows from the benches' results. */
export function rowsOf(r) {
  const { startup, firstPod, podStart, deployment, compose, swarm, store } = r;
  // A row from one or more benches' results; a failed bench leaves its error in the rows it feeds.
  const from = (needs, figure, make) => {
    const failed = needs.find((result) => result.error);
    if (failed) return { figure, unit: 'ms', baselineLabel: '', error: failed.error };
    return { figure, ...make(...needs) };
  };
  return [
    from([podStart], `pod create → Ready (median of ${COUNTS.podStartRuns})`, (p) => ({
      unit: 'ms',
      value: median(p.pods),
      baseline: median(p.baseline),
      baselineLabel: 'docker run → first HTTP answer',
      goal: { ratioAtMost: 1.0 },
    })),
    from([podStart], `${COUNTS.burst} pods at once → all Ready`, (p) => ({
      unit: 'ms',
      value: p.burstPods,
      baseline: p.burstBaseline,
      baselineLabel: `${p.burst} parallel docker runs → all answer`,
      goal: { ratioAtMost: 1.0 },
    })),
    from([deployment], 'rolling update of 10 (25 %/25 %)', (d) => ({
      unit: 'ms',
      value: d.rollout,
      baseline: d.lowerBound,
      baselineLabel: '2 waves × one pod start → Ready',
      goal: { ratioAtMost: 1.5 },
    })),
    from(
      [firstPod],
      `skiff serve (fresh data dir) → first pod Ready (median of ${COUNTS.firstPodRuns})`,
      (f) => ({
        unit: 'ms',
        value: median(f.samples),
        baseline: PUBLISHED.k3dMs,
        published: true,
        baselineLabel: `k3d (kind ${PUBLISHED.kindMs / 1000} s)`,
        goal: { valueAtMost: 1500, timesSoonerAtLeast: 20 },
        note: `published, not measured: ${PUBLISHED.source}`,
      }),
    ),
    from([startup], `skiff serve → API answers (median of ${COUNTS.startupRuns})`, (s) => ({
      unit: 'ms',
      value: median(s.skiffTimes),
      baseline: median(s.baselineTimes),
      baselineLabel: 'bare Node HTTPS → answers',
      goal: { ratioAtMost: 1.5 },
    })),
    from(
      [store],
      `main-process RSS, ${COUNTS.rssPods} running pods + ${COUNTS.configMaps} ConfigMaps`,
      (s) => ({
        unit: 'MiB',
        value: s.loadedRss,
        baseline: s.idleRss,
        baselineLabel: 'the same skiff idle',
        goal: { valueAtMost: 150 },
        note: `with ${s.events} Events stored as well: ${s.withEventsRss.toFixed(1)} MiB`,
      }),
    ),
    ...[
      ['get one pod', 'getPod'],
      [`list ${COUNTS.rssPods} pods of a namespace`, 'listPods'],
      ["list one pod's Events (field selector)", 'listSelected'],
    ].map(([what, key]) =>
      from([store], `${what}: p99, ${COUNTS.events} Events stored`, (s) => ({
        unit: 'ms',
        value: s[key].p99,
        baseline: s.version.p99,
        baselineLabel: 'GET /version p99',
        goal: { valueBelow: 20 },
      })),
    ),
    from([deployment, compose], 'Deployment scale 0 → 20 → all Ready', (d, c) => ({
      unit: 'ms',
      value: d.scaleUp,
      baseline: c.upMs,
      baselineLabel: `docker-compose up --scale web=${c.replicas} → all answer`,
    })),
    from([deployment, swarm], 'Deployment scale 0 → 20 → all Ready', (d, w) => ({
      unit: 'ms',
      value: d.scaleUp,
      baseline: w.createMs,
      baselineLabel: `Swarm service create ${w.replicas}, health-checked → all healthy`,
    })),
    from([deployment, swarm], 'rolling update of 10 (25 %/25 %)', (d, w) => ({
      unit: 'ms',
      value: d.rollout,
      baseline: w.updateMs,
      baselineLabel: `Swarm update of ${w.rolling} (5 at a time, start-first)`,
    })),
    from([deployment, swarm], 'rollback of that update (template back to v1)', (d, w) => ({
      unit: 'ms',
      value: d.rollback,
      baseline: w.rollbackMs,
      baselineLabel: 'Swarm service rollback',
    })),
  ];
}

async function main() {
  const started = new Date();
  const commit = (await run('git', ['-C', root, 'rev-parse', '--short', 'HEAD'])).stdout.trim();
  const dirty =
    (await run('git', ['-C', root, 'status', '--porcelain', '--untracked-files=no'])).stdout.trim() !== '';
  const loadBefore = loadavg()[0];
  progress(
    `bench: all figures on ${commit}${dirty ? ' (uncommitted changes)' : ''}, load ${loadBefore.toFixed(1)}`,
  );
  const results = await measureAll();
  const rows = rowsOf(results);
  const minutes = (Date.now() - started.getTime()) / 60_000;
  const loadAfter = loadavg()[0];
  console.log(
    `Skiff bench ${started.toISOString()} on ${commit}${dirty ? '+dirty' : ''}; ${minutes.toFixed(1)} min; ` +
      `load average ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)} (shared machine: figures are noisy)`,
  );
  console.log(formatTable(rows));
  const file = `/tmp/skiff-bench-${started.toISOString().replace(/[:.]/g, '-')}.json`;
  writeFileSync(
    file,
    JSON.stringify(
      {
        started: started.toISOString(),
        commit,
        dirty,
        minutes,
        loadBefore,
        loadAfter,
        counts: COUNTS,
        rows: tableJson(rows),
        results,
      },
      null,
      2,
    ),
  );
  console.log(`written: ${file}`);
}

if (isMain(import.meta.url)) await main();
