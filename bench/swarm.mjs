// Swarm mode services as a peer, on the same engine and images: create N replicas with a health check until
// all are running and healthy; scale to 10; a rolling update of 10 to v2 (5 at a time, start-first: about the
// surge of a 25%/25% Deployment) until done; and its rollback. The engine joins a swarm only when it is not in
// one already, and then ALWAYS leaves it again (and its docker_gwbridge, when the bench made it), even on
// failure: the engine is left as found. Nothing is published (Swarm's ingress cannot bind 127.0.0.1 only).
// Usage: node bench/swarm.mjs [replicas=20] [rolling=10]
import { execFileSync } from 'node:child_process';
import { isMain, LABEL, now, progress, run, sleep } from './lib.mjs';

const docker = async (...args) => (await run('docker', args)).stdout.trim();

async function until(check, what, timeoutMs = 180_000) {
  const deadline = now() + timeoutMs;
  while (!(await check())) {
    if (now() > deadline) throw new Error(`swarm: timed out waiting for ${what}`);
    await sleep(100);
  }
}

const replicasAre = (service, n) => async () =>
  (await docker('service', 'ls', '--filter', `name=${service}`, '--format', '{{.Name}} {{.Replicas}}'))
    .split('\n')
    .some((line) => line === `${service} ${n}/${n}`);

const updateStateIs = (service, state) => async () =>
  (await docker(
    'service',
    'inspect',
    '-f',
    '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}',
    service,
  )) === state;

/** Runs the bench; returns ms for the create, the rolling update and the rollback. */
export async function measureSwarm({ replicas = 20, rolling = 10 } = {}) {
  const state = await docker('info', '--format', '{{.Swarm.LocalNodeState}}');
  const joined = state === 'inactive';
  if (!joined && state !== 'active')
    throw new Error(`swarm: the engine's swarm state is "${state}"; not touching it`);
  const gwbridgeBefore = (await docker('network', 'ls', '-q', '--filter', 'name=^docker_gwbridge$')) !== '';
  const service = `skiff-bench-${process.pid}`;
  // Interrupted (Ctrl-C, a timeout): the finally below never runs, so leave the swarm here, synchronously.
  const onSignal = (signal) => {
    const tryDocker = (...args) => {
      try {
        execFileSync('docker', args, { stdio: 'ignore' });
      } catch {
        // best effort: this process is going anyway
      }
    };
    tryDocker('service', 'rm', service);
    if (joined) tryDocker('swarm', 'leave', '--force');
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    if (joined) {
      progress('swarm: docker swarm init --advertise-addr 127.0.0.1');
      await docker('swarm', 'init', '--advertise-addr', '127.0.0.1');
    }
    progress(`swarm: create ${replicas} with health checks, update ${rolling}, roll back`);
    let start = now();
    await docker(
      'service',
      'create',
      '--detach',
      '--no-resolve-image',
      '--name',
      service,
      '--label',
      LABEL,
      '--container-label',
      LABEL,
      '--replicas',
      String(replicas),
      '--health-cmd',
      'wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1',
      '--health-interval',
      '1s',
      '--health-timeout',
      '1s',
      '--health-retries',
      '3',
      '--stop-grace-period',
      '1s',
      '--update-parallelism',
      '5',
      '--update-delay',
      '0s',
      '--update-order',
      'start-first',
      '--update-monitor',
      '1s',
      '--rollback-parallelism',
      '5',
      '--rollback-delay',
      '0s',
      '--rollback-order',
      'start-first',
      '--rollback-monitor',
      '1s',
      'skiff-test/web:v1',
    );
    await until(replicasAre(service, replicas), `${replicas} healthy replicas`);
    const createMs = now() - start;

    await docker('service', 'scale', '--detach', `${service}=${rolling}`);
    await until(replicasAre(service, rolling), `${rolling} replicas`);
    start = now();
    await docker(
      'service',
      'update',
      '--detach',
      '--no-resolve-image',
      '--image',
      'skiff-test/web:v2',
      service,
    );
    await until(updateStateIs(service, 'completed'), 'the rolling update');
    const updateMs = now() - start;

    start = now();
    await docker('service', 'rollback', '--detach', service);
    await until(updateStateIs(service, 'rollback_completed'), 'the rollback');
    const rollbackMs = now() - start;
    return { replicas, rolling, createMs, updateMs, rollbackMs, joined };
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await docker('service', 'rm', service).catch(() => {});
    const tasks = () => docker('ps', '-aq', '--filter', `label=com.docker.swarm.service.name=${service}`);
    await until(async () => (await tasks()) === '', 'the tasks to go', 30_000).catch(() => {});
    if (joined) {
      await docker('swarm', 'leave', '--force').catch((err) =>
        console.error(`swarm: leave failed: ${err.message}`),
      );
      if (!gwbridgeBefore) await docker('network', 'rm', 'docker_gwbridge').catch(() => {});
    }
    const left = await tasks().catch(() => '');
    if (left) await docker('rm', '-f', ...left.split('\n')).catch(() => {});
  }
}

if (isMain(import.meta.url)) {
  const replicas = Number(process.argv[2] ?? 20);
  const rolling = Number(process.argv[3] ?? 10);
  const r = await measureSwarm({ replicas, rolling });
  console.log(`swarm: create ${replicas} with health checks → all healthy: ${r.createMs.toFixed(0)} ms`);
  console.log(
    `swarm: rolling update of ${rolling} (5 at a time, start-first) → done: ${r.updateMs.toFixed(0)} ms`,
  );
  console.log(`swarm: rollback → done: ${r.rollbackMs.toFixed(0)} ms`);
}
