// How fast a container's death shows in the API: `docker kill` → the pod's watch event with the restart,
// against the engine's own `die` event for the same kill (a raw `docker events` listener), same run.
// Usage: node bench/container-death.mjs [runs=5]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, cleanup, median, now, run, sleep, startSkiff, until } from './lib.mjs';

const runs = Number(process.argv[2] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-'));
const skiff = await startSkiff(dir);
const ns = 'death';
await call(skiff, 'POST', '/api/v1/namespaces', { metadata: { name: ns } });
await call(skiff, 'POST', `/api/v1/namespaces/${ns}/pods`, {
  metadata: { name: 'victim' },
  spec: { containers: [{ name: 'app', image: 'skiff-test/tools:v1' }] },
});

const statusOf = (pod) => pod.status?.containerStatuses?.[0];
let pod = await until(skiff, `/api/v1/namespaces/${ns}/pods/victim`, (p) => statusOf(p)?.state?.running);

const engineTimes = [];
const apiTimes = [];
for (let i = 0; i < runs; i++) {
  const id = statusOf(pod).containerID.replace('docker://', '');
  const restarts = statusOf(pod).restartCount;
  const events = spawn('docker', [
    'events',
    '--filter',
    `container=${id}`,
    '--filter',
    'event=die',
    '--format',
    '{{.Status}}',
  ]);
  const dieSeen = new Promise((resolve) => events.stdout.once('data', () => resolve(now())));
  const watchSeen = new Promise((resolve) => {
    const req = request(
      `${skiff.api}/api/v1/namespaces/${ns}/pods?watch=true&fieldSelector=metadata.name%3Dvictim&resourceVersion=${pod.metadata.resourceVersion}`,
      { ca: skiff.ca, headers: { Authorization: `Bearer ${skiff.token}` } },
      (res) => {
        let buffer = '';
        res.on('data', (d) => {
          buffer += d;
          for (const line of buffer.split('\n').slice(0, -1)) {
            const s = statusOf(JSON.parse(line).object);
            if (
              s &&
              (s.restartCount > restarts ||
                s.state?.terminated ||
                s.lastState?.terminated?.containerID === `docker://${id}`)
            ) {
              resolve(now());
              req.destroy();
            }
          }
          buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
        });
      },
    );
    req.on('error', () => undefined);
    req.end();
  });
  await sleep(300); // both listeners attached
  const start = now();
  await run('docker', ['kill', id]);
  engineTimes.push((await dieSeen) - start);
  apiTimes.push((await watchSeen) - start);
  events.kill();
  pod = await until(
    skiff,
    `/api/v1/namespaces/${ns}/pods/victim`,
    (p) => statusOf(p)?.state?.running && statusOf(p).restartCount > restarts,
  );
  await sleep(12_000); // past the crash backoff, so every round starts from a running container
}

await call(skiff, 'DELETE', `/api/v1/namespaces/${ns}`);
await sleep(2000);
await cleanup(skiff);
rmSync(dir, { recursive: true, force: true });
const e = median(engineTimes);
const a = median(apiTimes);
console.log(
  `docker kill → engine die event:     median ${e.toFixed(0)} ms (${engineTimes.map((x) => x.toFixed(0)).join(', ')})`,
);
console.log(
  `docker kill → API watch shows it:   median ${a.toFixed(0)} ms (${apiTimes.map((x) => x.toFixed(0)).join(', ')})`,
);
console.log(`ratio API / engine:                 ${(a / e).toFixed(2)}   (issue: within one second)`);
