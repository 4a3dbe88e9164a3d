// Docker Compose as a peer: `docker-compose up -d --scale web=N` of the test image until every replica answers
// over HTTP, on a network made beforehand (as a Skiff namespace's network is). Everything it makes carries
// io.skiff.test=true and a per-run project name, and is removed after, even on failure.
// Needs docker-compose (v1, Debian's apt package; installed here when missing and running as root on Debian).
// Usage: node bench/compose.mjs [replicas=20]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMAGE, isMain, LABEL, now, progress, run, sleep } from './lib.mjs';

/** Makes sure `docker-compose` runs: apt-get installs it when missing (root on Debian), else says how. */
export async function ensureCompose() {
  if (
    await run('docker-compose', ['version', '--short']).then(
      () => true,
      () => false,
    )
  )
    return;
  const root = process.getuid?.() === 0;
  const apt = await run('sh', ['-c', 'command -v apt-get']).then(
    () => true,
    () => false,
  );
  if (!root || !apt)
    throw new Error('docker-compose is missing: install it (Debian/Ubuntu: apt-get install docker-compose)');
  progress('compose: installing docker-compose with apt-get');
  const install = () => run('apt-get', ['install', '-y', '--no-install-recommends', 'docker-compose']);
  await install().catch(async () => {
    await run('apt-get', ['update']);
    await install();
  });
}

async function answers(ip) {
  const r = await fetch(`http://${ip}:8080/healthz`, { signal: AbortSignal.timeout(1000) }).catch(
    () => undefined,
  );
  return r?.ok === true;
}

/** Runs the bench; returns the ms from `up` to every replica answering. */
export async function measureCompose({ replicas = 20 } = {}) {
  await ensureCompose();
  progress(`compose: up --scale web=${replicas}`);
  const project = `skiffbench${process.pid}`;
  const network = `${project}-net`;
  const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-compose-'));
  const file = join(dir, 'docker-compose.yml');
  // JSON is YAML: no YAML writer needed.
  writeFileSync(
    file,
    JSON.stringify({
      version: '3.7',
      services: {
        web: { image: IMAGE, labels: { 'io.skiff.test': 'true' }, networks: ['bench'] },
      },
      networks: { bench: { external: true, name: network } },
    }),
  );
  const compose = (...args) => run('docker-compose', ['-p', project, '-f', file, ...args]);
  await run('docker', ['network', 'create', '--label', LABEL, network]);
  try {
    const start = now();
    await compose('up', '-d', '--scale', `web=${replicas}`);
    const ids = (
      await run('docker', ['ps', '-q', '--filter', `label=com.docker.compose.project=${project}`])
    ).stdout
      .split('\n')
      .filter(Boolean);
    const ips = (
      await run('docker', [
        'inspect',
        '-f',
        `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`,
        ...ids,
      ])
    ).stdout
      .split('\n')
      .filter(Boolean);
    if (ips.length !== replicas) throw new Error(`compose started ${ips.length} of ${replicas} replicas`);
    const pending = new Set(ips);
    while (pending.size > 0) {
      for (const ip of [...pending]) if (await answers(ip)) pending.delete(ip);
      if (pending.size > 0) await sleep(10);
    }
    return { replicas, upMs: now() - start };
  } finally {
    await compose('down', '--remove-orphans', '--timeout', '1').catch(() => {});
    await run('docker', ['network', 'rm', network]).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const replicas = Number(process.argv[2] ?? 20);
  const { upMs } = await measureCompose({ replicas });
  console.log(`docker-compose up -d --scale web=${replicas} → all answer: ${upMs.toFixed(0)} ms`);
}
