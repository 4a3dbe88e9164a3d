// Shared by the benchmarks: a test-labelled `skiff serve`, API calls, and the `docker run` baseline.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const root = new URL('..', import.meta.url).pathname;
export const LABEL = 'io.skiff.test=true';
// the flags playwright.config.ts gives Debian's Chromium (it is TypeScript, which a plain .mjs cannot import)
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const IMAGE = 'skiff-test/web:v1';
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const now = () => performance.now();
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function firstAnswer(url) {
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
}

/** `docker run` of the test image, published on 127.0.0.1, until its first successful HTTP answer. */
export async function dockerRunToAnswer(image = IMAGE) {
  const start = now();
  const { stdout } = await run('docker', ['run', '-d', '--label', LABEL, '-p', '127.0.0.1::8080', image]);
  const id = stdout.trim();
  const port = (await run('docker', ['port', id, '8080/tcp'])).stdout.trim().split(':').pop();
  await firstAnswer(`http://127.0.0.1:${port}/healthz`);
  return { ms: now() - start, id };
}

/**
 * What one pod is to the engine, done by hand: a pause container on a network, the app joined to its network
 * namespace, until the app answers on the pause container's address (reachable from a Linux host).
 */
export async function dockerPodToAnswer(network, image = IMAGE) {
  const start = now();
  const sandbox = (
    await run('docker', ['run', '-d', '--label', LABEL, '--network', network, 'skiff/pause:2'])
  ).stdout.trim();
  const [app, ip] = await Promise.all([
    run('docker', ['run', '-d', '--label', LABEL, '--network', `container:${sandbox}`, image]).then((r) =>
      r.stdout.trim(),
    ),
    run('docker', [
      'inspect',
      '-f',
      `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`,
      sandbox,
    ]).then((r) => r.stdout.trim()),
  ]);
  await firstAnswer(`http://${ip}:8080/healthz`);
  return { ms: now() - start, ids: [app, sandbox] };
}

export function startSkiff(dir, extraArgs = []) {
  const child = spawn(
    process.execPath,
    [
      join(root, 'bin/skiff.js'),
      'serve',
      '--data-dir',
      dir,
      '--port',
      '0',
      '--ingress-port',
      '0',
      ...extraArgs,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, SKIFF_EXTRA_LABELS: LABEL },
    },
  );
  return new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', function onData(d) {
      out += d;
      const m = /API:\s+(\S+)/.exec(out);
      if (!m) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      resolve({
        child,
        dataDir: dir,
        api: m[1],
        token: readFileSync(join(dir, 'token'), 'utf8').trim(),
        ca: readFileSync(join(dir, 'tls/server.crt')),
      });
    });
  });
}

export function call(skiff, method, path, body, contentType = 'application/json') {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      `${skiff.api}${path}`,
      {
        method,
        ca: skiff.ca,
        headers: { Authorization: `Bearer ${skiff.token}`, 'Content-Type': contentType },
      },
      (res) => {
        let data = '';
        res.on('data', (d) => (data += d));
        res.on('end', () => resolve(JSON.parse(data || '{}')));
      },
    );
    req.on('error', reject);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

/** Polls until `check(object)` holds for the object at `path`. */
export async function until(skiff, path, check) {
  for (;;) {
    const object = await call(skiff, 'GET', path);
    if (check(object)) return object;
    await sleep(10);
  }
}

/**
 * Stops the bench's Skiff and removes what it made on the engine — by its own instance label, so a bench can
 * run while tests (or another Skiff) use the same engine. Baseline containers are removed by each bench.
 */
export async function cleanup(skiff) {
  skiff.child.kill('SIGTERM');
  await sleep(500);
  await removeInstance(skiff.dataDir);
}

/** Removes the containers, networks and volumes of the Skiff whose data dir is `dataDir`. */
export async function removeInstance(dataDir) {
  const instance = readFileSync(join(dataDir, 'instance-id'), 'utf8').trim();
  for (const [what, list] of [
    ['container', ['ps', '-aq']],
    ['network', ['network', 'ls', '-q']],
    ['volume', ['volume', 'ls', '-q']],
  ]) {
    const ids = (await run('docker', [...list, '--filter', `label=io.skiff.instance=${instance}`])).stdout
      .split('\n')
      .filter(Boolean);
    if (ids.length) await run('docker', [what, 'rm', '-f', ...ids]).catch(() => {});
  }
}

/** True when the module at `moduleUrl` is the script node was started with (a bench run alone, not imported). */
export function isMain(moduleUrl) {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}

/** The q-quantile (0..1) of `xs`, nearest rank. */
export const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.ceil(q * xs.length) - 1] ?? NaN;

/** Resident memory of a process, in MiB. */
export function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

/** Progress for a human watching a long run: on stderr, so stdout keeps only results. */
export const progress = (message) =>
  console.error(`· ${(performance.now() / 1000).toFixed(0).padStart(4)} s  ${message}`);
