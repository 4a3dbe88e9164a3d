// Pod create → Ready for a one-container pod with a readiness probe, against `docker run` of the same image
// to its first successful HTTP answer, both measured in this run. Then 20 at once against 20 parallel runs.
// Needs the built app (npm run build), a Docker engine and the test images (npm run images).
// Usage: node bench/pod-start.mjs [runs=10] [burst=20]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  call,
  cleanup,
  dockerRunToAnswer,
  IMAGE,
  isMain,
  median,
  now,
  progress,
  run,
  sleep,
  startSkiff,
} from './lib.mjs';

export const podManifest = (name) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: {
    terminationGracePeriodSeconds: 0,
    containers: [
      {
        name: 'web',
        image: IMAGE,
        ports: [{ containerPort: 8080 }],
        readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 1 },
      },
    ],
  },
});

export async function untilReady(skiff, ns, names) {
  const pending = new Set(names);
  while (pending.size > 0) {
    const list = await call(skiff, 'GET', `/api/v1/namespaces/${ns}/pods`);
    for (const pod of list.items ?? []) {
      if (pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
        pending.delete(pod.metadata.name);
    }
    if (pending.size > 0) await sleep(10);
  }
}

/** Runs the bench; returns its samples and medians in ms. */
export async function measurePodStart({ runs = 10, burst = 20 } = {}) {
  progress(`pod start: ${runs} pods one by one, then ${burst} at once`);
  const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-'));
  const skiff = await startSkiff(dir);
  const ns = 'bench';
  await call(skiff, 'POST', '/api/v1/namespaces', { metadata: { name: ns } });
  // Warm-up: the namespace network and the sandbox image are made once per Skiff, not per pod.
  await call(skiff, 'POST', `/api/v1/namespaces/${ns}/pods`, podManifest('warmup'));
  await untilReady(skiff, ns, ['warmup']);
  await call(skiff, 'DELETE', `/api/v1/namespaces/${ns}/pods/warmup`);

  const baseline = [];
  const pods = [];
  for (let i = 0; i < runs; i++) {
    const { ms, id } = await dockerRunToAnswer();
    baseline.push(ms);
    await run('docker', ['rm', '-f', id]);
    const start = now();
    await call(skiff, 'POST', `/api/v1/namespaces/${ns}/pods`, podManifest(`one-${i}`));
    await untilReady(skiff, ns, [`one-${i}`]);
    pods.push(now() - start);
    await call(skiff, 'DELETE', `/api/v1/namespaces/${ns}/pods/one-${i}`);
  }

  let start = now();
  const results = await Promise.all(Array.from({ length: burst }, () => dockerRunToAnswer()));
  const burstBaseline = now() - start;
  await run('docker', ['rm', '-f', ...results.map((r) => r.id)]);
  start = now();
  const names = Array.from({ length: burst }, (_, i) => `burst-${i}`);
  await Promise.all(
    names.map((name) => call(skiff, 'POST', `/api/v1/namespaces/${ns}/pods`, podManifest(name))),
  );
  await untilReady(skiff, ns, names);
  const burstPods = now() - start;

  await call(skiff, 'DELETE', `/api/v1/namespaces/${ns}`);
  await sleep(3000);
  await cleanup(skiff);
  rmSync(dir, { recursive: true, force: true });
  return { runs, burst, baseline, pods, burstBaseline, burstPods };
}

async function main() {
  const runs = Number(process.argv[2] ?? 10);
  const burst = Number(process.argv[3] ?? 20);
  const { baseline, pods, burstBaseline, burstPods } = await measurePodStart({ runs, burst });
  const b = median(baseline);
  const p = median(pods);
  console.log(
    `docker run → first HTTP answer:  median ${b.toFixed(0)} ms of ${runs} (${baseline.map((x) => x.toFixed(0)).join(', ')})`,
  );
  console.log(
    `pod create → Ready:               median ${p.toFixed(0)} ms of ${runs} (${pods.map((x) => x.toFixed(0)).join(', ')})`,
  );
  console.log(`ratio pod / docker run:           ${(p / b).toFixed(2)}   (goal ≤ 1.15)`);
  console.log(`${burst} parallel docker runs → all answer: ${burstBaseline.toFixed(0)} ms`);
  console.log(`${burst} pods at once → all Ready:         ${burstPods.toFixed(0)} ms`);
  console.log(
    `ratio ${burst} pods / ${burst} docker runs:         ${(burstPods / burstBaseline).toFixed(2)}`,
  );
}

if (isMain(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
