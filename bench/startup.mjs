// Measures time from `skiff serve` start to the API answering /version, against a baseline measured in the
// same run: a bare Node HTTPS server that answers its first request (process start + TLS, nothing else).
// Also reports the resident memory of an idle Skiff. Usage: node bench/startup.mjs [runs=5]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMain, median, progress, rssMiB } from './lib.mjs';

const root = new URL('..', import.meta.url).pathname;

function get(url, ca, token) {
  return new Promise((resolve) => {
    const req = request(url, { ca, headers: token ? { Authorization: `Bearer ${token}` } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

async function timeUntilAnswer(command, args, readTarget) {
  const start = process.hrtime.bigint();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  for (;;) {
    const target = readTarget(output);
    if (target && (await get(target.url, target.ca, target.token)) === 200) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, child };
}

function stop(child) {
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

const baselineScript = `
const { generateKeyPairSync } = require('node:crypto');
const https = require('node:https');
const fs = require('node:fs');
const { key, cert } = JSON.parse(fs.readFileSync(process.argv[1], 'utf8'));
https.createServer({ key, cert }, (q, s) => s.end('{}')).listen(0, '127.0.0.1', function () { console.log('PORT ' + this.address().port); });
`;

/** Runs the bench; returns both series in ms and the idle RSS in MiB. */
export async function measureStartup({ runs = 5 } = {}) {
  progress(`startup: ${runs} starts of skiff serve and of a bare Node HTTPS server`);
  const skiffTimes = [];
  const baselineTimes = [];
  let idleRss = 0;
  const dirs = [];
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-'));
    dirs.push(dir);
    // First start of a data dir makes the certificate; time the ordinary start, as users see it every day.
    const serveSkiff = () =>
      timeUntilAnswer(
        process.execPath,
        [join(root, 'bin/skiff.js'), 'serve', '--data-dir', dir, '--port', '0', '--ingress-port', '0'],
        (out) => {
          const m = /API:\s+(\S+)/.exec(out);
          return (
            m && {
              url: `${m[1]}/version`,
              ca: readFileSync(join(dir, 'tls/server.crt')),
              token: readFileSync(join(dir, 'token'), 'utf8').trim(),
            }
          );
        },
      );
    const warm = await serveSkiff();
    await stop(warm.child);
    const skiff = await serveSkiff();
    skiffTimes.push(skiff.ms);
    if (i === runs - 1) {
      await new Promise((r) => setTimeout(r, 5000));
      idleRss = rssMiB(skiff.child.pid);
    }
    await stop(skiff.child);

    const tlsFile = join(dir, 'baseline-tls.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      tlsFile,
      JSON.stringify({
        key: readFileSync(join(dir, 'tls/server.key'), 'utf8'),
        cert: readFileSync(join(dir, 'tls/server.crt'), 'utf8'),
      }),
    );
    const baseline = await timeUntilAnswer(process.execPath, ['-e', baselineScript, tlsFile], (out) => {
      const m = /PORT (\d+)/.exec(out);
      return m && { url: `https://127.0.0.1:${m[1]}/`, ca: readFileSync(join(dir, 'tls/server.crt')) };
    });
    baselineTimes.push(baseline.ms);
    await stop(baseline.child);
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  return { skiffTimes, baselineTimes, idleRss };
}

if (isMain(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 5);
  const { skiffTimes, baselineTimes, idleRss } = await measureStartup({ runs });

  const s = median(skiffTimes);
  const b = median(baselineTimes);
  console.log(
    `skiff serve → API answers:   median ${s.toFixed(0)} ms of ${runs} (${skiffTimes.map((t) => t.toFixed(0)).join(', ')})`,
  );
  console.log(
    `baseline bare Node HTTPS:     median ${b.toFixed(0)} ms of ${runs} (${baselineTimes.map((t) => t.toFixed(0)).join(', ')})`,
  );
  console.log(`ratio skiff / baseline:       ${(s / b).toFixed(2)}`);
  console.log(`idle RSS of skiff serve (5 s after start): ${idleRss.toFixed(1)} MiB`);
}
