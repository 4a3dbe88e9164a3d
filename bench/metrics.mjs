// The cost of collecting metrics from 100 running containers, against `docker stats --no-stream` of the same
// containers measured in the same run. CPU is read from /proc for Skiff and for the engine (dockerd,
// containerd and its shims, which answer stats). The same Skiff data dir runs twice over the same pods: once
// with collection effectively off (--metrics-interval 300), once every 2 s; the difference per round is the
// cost of a round. Needs root (to read the engine's /proc), the built app, Docker and the test images.
// Usage: node bench/metrics.mjs [pods=100]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, cleanup, run, sleep, startSkiff, until } from './lib.mjs';

const PODS = Number(process.argv[2] ?? 100);
const WINDOW_MS = 30_000;
const INTERVAL_S = 2;
const TICKS_PER_S = 100; // USER_HZ on Linux

function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S; // utime + stime
  } catch {
    return 0; // exited
  }
}

function enginePids() {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return /^(dockerd|containerd|containerd-shim)/.test(readFileSync(`/proc/${pid}/comm`, 'utf8'));
      } catch {
        return false;
      }
    });
}

const engineCpuMs = () => enginePids().reduce((sum, pid) => sum + cpuMsOf(pid), 0);

/** CPU milliseconds Skiff and the engine spend over the window. */
async function measure(skiffPid) {
  const before = { skiff: cpuMsOf(skiffPid), engine: engineCpuMs() };
  await sleep(WINDOW_MS);
  return { skiff: cpuMsOf(skiffPid) - before.skiff, engine: engineCpuMs() - before.engine };
}

const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-'));
const ns = 'bench';
let skiff = await startSkiff(dir, ['--metrics-interval', '300']);
try {
  await call(skiff, 'POST', '/api/v1/namespaces', { metadata: { name: ns } });
  await call(skiff, 'POST', `/apis/apps/v1/namespaces/${ns}/deployments`, {
    metadata: { name: 'idle' },
    spec: {
      replicas: PODS,
      selector: { matchLabels: { app: 'idle' } },
      template: {
        metadata: { labels: { app: 'idle' } },
        spec: {
          terminationGracePeriodSeconds: 1,
          containers: [{ name: 'sleep', image: 'skiff-test/tools:v1', command: ['sleep', '86400'] }],
        },
      },
    },
  });
  process.stderr.write(`starting ${PODS} pods…\n`);
  await until(
    skiff,
    `/apis/apps/v1/namespaces/${ns}/deployments/idle`,
    (d) => d.status?.readyReplicas === PODS,
  );
  await sleep(5_000); // let the start-up work settle
  const off = await measure(skiff.child.pid);

  skiff.child.kill('SIGTERM');
  await new Promise((r) => skiff.child.once('exit', r));
  skiff = await startSkiff(dir, ['--metrics-interval', String(INTERVAL_S)]);
  await sleep(5_000); // adoption of the running pods, and the first rounds
  const on = await measure(skiff.child.pid);
  const rounds = WINDOW_MS / 1000 / INTERVAL_S;
  const perRound = {
    skiff: (on.skiff - off.skiff) / rounds,
    engine: (on.engine - off.engine) / rounds,
  };
  const top = await call(skiff, 'GET', `/apis/metrics.k8s.io/v1beta1/namespaces/${ns}/pods`);

  // Baseline: one `docker stats --no-stream` of the same containers.
  const ids = (
    await run('docker', [
      'ps',
      '-q',
      '--filter',
      'label=io.skiff.role=app',
      '--filter',
      `label=io.skiff.namespace=${ns}`,
    ])
  ).stdout
    .trim()
    .split('\n');
  const stats = [];
  for (let i = 0; i < 3; i++) {
    const engineBefore = engineCpuMs();
    const wallStart = performance.now();
    const cli = await run('bash', [
      '-c',
      `TIMEFORMAT='%U %S'; time docker stats --no-stream ${ids.join(' ')} > /dev/null`,
    ]);
    const [user, sys] = cli.stderr.trim().split(/\s+/).map(Number);
    stats.push({
      wall: performance.now() - wallStart,
      cli: (user + sys) * 1000,
      engine: engineCpuMs() - engineBefore,
    });
  }
  const baseline = stats.sort((a, b) => a.cli + a.engine - (b.cli + b.engine))[1];

  const total = perRound.skiff + perRound.engine;
  const base = baseline.cli + baseline.engine;
  console.log(
    `metrics collection over ${ids.length} running app containers (${top.items?.length ?? 0} pods in metrics.k8s.io)`,
  );
  console.log(
    `  idle window (${WINDOW_MS / 1000} s, collection off): Skiff ${off.skiff.toFixed(0)} ms CPU, engine ${off.engine.toFixed(0)} ms CPU`,
  );
  console.log(
    `  collecting every ${INTERVAL_S} s (${rounds} rounds): Skiff ${on.skiff.toFixed(0)} ms CPU, engine ${on.engine.toFixed(0)} ms CPU`,
  );
  console.log(
    `  one round: Skiff ${perRound.skiff.toFixed(0)} ms + engine ${perRound.engine.toFixed(0)} ms = ${total.toFixed(0)} ms CPU`,
  );
  console.log(`  at the default 15 s interval: ${((total / 15_000) * 100).toFixed(2)}% of one core`);
  console.log(
    `  baseline docker stats --no-stream: CLI ${baseline.cli.toFixed(0)} ms + engine ${baseline.engine.toFixed(0)} ms = ${base.toFixed(0)} ms CPU (${baseline.wall.toFixed(0)} ms wall)`,
  );
  console.log(`  ratio one round / docker stats --no-stream (CPU): ${(total / base).toFixed(2)}`);
} finally {
  await call(skiff, 'DELETE', `/api/v1/namespaces/${ns}`).catch(() => {});
  await sleep(3_000);
  await cleanup(skiff);
  rmSync(dir, { recursive: true, force: true });
}
