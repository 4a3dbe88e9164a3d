// Throughput and p50/p99 latency through a NodePort Service from the host, against the same container port
// published directly by Docker (`docker run -p 127.0.0.1::8080`), both measured in this run with autocannon.
// The two are measured alternately, twice each, and the better of each pair is kept.
// Needs the built app (npm run build), a Docker engine and the test images (npm run images).
// Usage: node bench/service.mjs [seconds=8] [connections=8]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import autocannon from 'autocannon';
import { call, cleanup, IMAGE, run, sleep, startSkiff } from './lib.mjs';

const seconds = Number(process.argv[2] ?? 8);
const connections = Number(process.argv[3] ?? 8);

async function load(port) {
  const result = await autocannon({ url: `http://127.0.0.1:${port}/`, connections, duration: seconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

// One request at a time on a fresh connection, timed here: what a request costs without queueing. autocannon's
// own latency figures under load are dominated by busybox httpd (a process per request) for both paths.
function oneRequest(port) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - start));
    });
    req.on('error', reject);
    req.end();
  });
}

async function sequentialLatency(ports, count) {
  const samples = ports.map(() => []);
  for (let i = 0; i < count; i++)
    for (const [k, port] of ports.entries()) samples[k].push(await oneRequest(port));
  const at = (xs, q) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];
  return samples.map((xs) => ({ p50: at(xs, 0.5), p99: at(xs, 0.99) }));
}

const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-'));
const skiff = await startSkiff(dir);
try {
  const ns = 'bench-svc';
  await call(skiff, 'POST', '/api/v1/namespaces', { metadata: { name: ns } });
  await call(skiff, 'POST', `/api/v1/namespaces/${ns}/pods`, {
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      terminationGracePeriodSeconds: 0,
      containers: [
        { name: 'web', image: IMAGE, readinessProbe: { httpGet: { path: '/healthz', port: 8080 } } },
      ],
    },
  });
  const service = await call(skiff, 'POST', `/api/v1/namespaces/${ns}/services`, {
    metadata: { name: 'web' },
    spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
  });
  const nodePort = service.spec.ports[0].nodePort;
  console.error(`service on nodePort ${nodePort}; waiting for its endpoint…`);
  for (;;) {
    const endpoints = await call(skiff, 'GET', `/api/v1/namespaces/${ns}/endpoints/web`);
    if (endpoints.subsets?.[0]?.addresses?.length === 1) break;
    await sleep(200);
  }
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${nodePort}/`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    await sleep(50);
  }
  console.error('the Service answers; starting the docker -p baseline…');
  const { stdout } = await run('docker', [
    'run',
    '-d',
    '--label',
    'io.skiff.test=true',
    '-p',
    '127.0.0.1::8080',
    IMAGE,
  ]);
  const id = stdout.trim();
  const direct = (await run('docker', ['port', id, '8080/tcp'])).stdout.trim().split(':').pop();
  await sleep(500);

  console.error(`measuring: docker -p on ${direct}, NodePort ${nodePort}…`);
  const best = (a, b) => (a.rps >= b.rps ? a : b);
  let baseline = await load(direct);
  let through = await load(nodePort);
  baseline = best(baseline, await load(direct));
  through = best(through, await load(nodePort));
  const [alone, aloneThrough] = await sequentialLatency([direct, nodePort], 1000);
  await run('docker', ['rm', '-f', id]);
  console.log(`connections ${connections}, ${seconds} s per run`);
  console.log(
    `docker -p (baseline): ${baseline.rps.toFixed(0)} req/s, p50 ${baseline.p50} ms, p99 ${baseline.p99} ms, errors ${baseline.errors}`,
  );
  console.log(
    `NodePort Service:     ${through.rps.toFixed(0)} req/s, p50 ${through.p50} ms, p99 ${through.p99} ms, errors ${through.errors}`,
  );
  console.log(
    `throughput ratio ${(through.rps / baseline.rps).toFixed(2)} (goal ≥ 0.9); p99 added ${(through.p99 - baseline.p99).toFixed(1)} ms (goal ≤ 1 ms), p50 added ${(through.p50 - baseline.p50).toFixed(1)} ms`,
  );
  const ms = (x) => x.toFixed(2);
  console.log(
    `one request at a time (1000, alternating): docker -p p50 ${ms(alone.p50)} p99 ${ms(alone.p99)} ms; ` +
      `NodePort p50 ${ms(aloneThrough.p50)} p99 ${ms(aloneThrough.p99)} ms; ` +
      `added p50 ${ms(aloneThrough.p50 - alone.p50)} p99 ${ms(aloneThrough.p99 - alone.p99)} ms`,
  );
} finally {
  await cleanup(skiff);
  rmSync(dir, { recursive: true, force: true });
}
