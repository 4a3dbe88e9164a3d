// The /clusters/{id} proxy's added latency, against talking to the remote API directly, in one run: a second
// `skiff serve` is the remote cluster, reached through a kubeconfig context with its bearer token.
// (1) GET of a pod: p50/p95 over `gets` requests each way, interleaved, both on kept-alive connections.
// (2) Watch events: one watch direct and one through the proxy on the same namespace; each ConfigMap create is
//     timed until each watch has its ADDED event.
// Needs the built app and the test images. Run only under `flock /tmp/skiff-bench.lock`.
// Usage: node bench/cluster-proxy.mjs [gets=400] [events=150]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, cleanup, IMAGE, now, sleep, startSkiff } from './lib.mjs';

const gets = Number(process.argv[2] ?? 400);
const events = Number(process.argv[3] ?? 150);

const pct = (xs, p) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const ms = (x) => `${x.toFixed(2)} ms`;

function client(skiff, base) {
  const agent = new Agent({ keepAlive: true, ca: skiff.ca });
  return {
    get: (path) =>
      new Promise((resolve, reject) => {
        const req = request(
          `${skiff.api}${base}${path}`,
          { agent, headers: { Authorization: `Bearer ${skiff.token}` } },
          (res) => {
            res.resume();
            res.on('end', () =>
              res.statusCode === 200 ? resolve() : reject(new Error(`GET ${base}${path}: ${res.statusCode}`)),
            );
          },
        );
        req.on('error', reject);
        req.end();
      }),
    watch(path, onEvent) {
      const req = request(
        `${skiff.api}${base}${path}`,
        { agent, headers: { Authorization: `Bearer ${skiff.token}` } },
        (res) => {
          let buffer = '';
          res.on('data', (d) => {
            buffer += d;
            let nl;
            while ((nl = buffer.indexOf('\n')) >= 0) {
              const line = buffer.slice(0, nl);
              buffer = buffer.slice(nl + 1);
              if (line.trim()) onEvent(JSON.parse(line), now());
            }
          });
        },
      );
      req.on('error', () => {});
      req.end();
      return () => req.destroy();
    },
    close: () => agent.destroy(),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-clusters-'));
process.env.KUBECONFIG = join(dir, 'config');
const remote = await startSkiff(join(dir, 'remote'));
const local = await startSkiff(join(dir, 'local'));
try {
  writeFileSync(
    process.env.KUBECONFIG,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'remote',
          cluster: {
            server: remote.api,
            'certificate-authority-data': Buffer.from(remote.ca).toString('base64'),
          },
        },
      ],
      users: [{ name: 'remote', user: { token: remote.token } }],
      contexts: [{ name: 'remote', context: { cluster: 'remote', user: 'remote' } }],
    }),
  );
  await call(remote, 'POST', '/api/v1/namespaces/default/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'bench' },
    spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'web', image: IMAGE }] },
  });
  const direct = client(remote, '');
  const proxied = client(local, '/clusters/remote');
  const podPath = '/api/v1/namespaces/default/pods/bench';
  for (let i = 0; i < 20; i++) await Promise.all([direct.get(podPath), proxied.get(podPath)]); // warm up
  const times = { direct: [], proxied: [] };
  for (let i = 0; i < gets; i++) {
    for (const [name, c] of i % 2
      ? [
          ['direct', direct],
          ['proxied', proxied],
        ]
      : [
          ['proxied', proxied],
          ['direct', direct],
        ]) {
      const start = now();
      await c.get(podPath);
      times[name].push(now() - start);
    }
  }

  const seen = { direct: new Map(), proxied: new Map() };
  const waiters = new Map();
  const record = (name) => (event, at) => {
    const key = event.object?.metadata?.name;
    if (event.type !== 'ADDED' || !key?.startsWith('bench-')) return;
    seen[name].set(key, at);
    if (seen.direct.has(key) && seen.proxied.has(key)) waiters.get(key)?.();
  };
  const stops = [
    direct.watch('/api/v1/namespaces/default/configmaps?watch=1', record('direct')),
    proxied.watch('/api/v1/namespaces/default/configmaps?watch=1', record('proxied')),
  ];
  await sleep(500);
  const watchTimes = { direct: [], proxied: [], added: [] };
  for (let i = 0; i < events; i++) {
    const name = `bench-${i}`;
    const both = new Promise((resolve) => waiters.set(name, resolve));
    const start = now();
    await call(remote, 'POST', '/api/v1/namespaces/default/configmaps', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name },
      data: { i: String(i) },
    });
    await both;
    watchTimes.direct.push(seen.direct.get(name) - start);
    watchTimes.proxied.push(seen.proxied.get(name) - start);
    watchTimes.added.push(seen.proxied.get(name) - seen.direct.get(name));
  }
  for (const stop of stops) stop();
  direct.close();
  proxied.close();

  console.log(`GET of a pod, ${gets} each way (kept-alive connections, interleaved):`);
  for (const name of ['direct', 'proxied'])
    console.log(`  ${name.padEnd(8)} p50 ${ms(pct(times[name], 50))}  p95 ${ms(pct(times[name], 95))}`);
  console.log(
    `  added    p50 ${ms(pct(times.proxied, 50) - pct(times.direct, 50))}  p95 ${ms(pct(times.proxied, 95) - pct(times.direct, 95))}`,
  );
  console.log(`Watch event, create → ADDED seen, ${events} ConfigMaps (both watches open at once):`);
  for (const name of ['direct', 'proxied'])
    console.log(
      `  ${name.padEnd(8)} p50 ${ms(pct(watchTimes[name], 50))}  p95 ${ms(pct(watchTimes[name], 95))}`,
    );
  console.log(
    `  added (proxied − direct, same event) p50 ${ms(pct(watchTimes.added, 50))}  p95 ${ms(pct(watchTimes.added, 95))}`,
  );
} finally {
  await cleanup(local);
  await cleanup(remote);
  rmSync(dir, { recursive: true, force: true });
}
