// Deployments, each against a baseline measured in the same run:
//  1. scale 0 → 20 replicas until all Ready, against 20 parallel `docker run`s to their first HTTP answer, and
//     against the same 20 pods made by hand (a pause container and the app in its network namespace each);
//  2. a rolling update of 10 replicas (25%/25%, readiness probe) end to end, against its lower bound: the
//     number of waves (10 / (surge 3 + unavailable 2) = 2) × one pod's start-to-Ready, measured here; and
//     against the same engine work done by hand (two waves of 5 docker runs while 5 old containers stop).
// Needs the built app, a Docker engine and the test images. Usage: node bench/deployment.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  call,
  cleanup,
  dockerPodToAnswer,
  dockerRunToAnswer,
  isMain,
  median,
  now,
  progress,
  run,
  startSkiff,
  until,
} from './lib.mjs';

const deployment = (name, replicas, image = 'skiff-test/web:v1') => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'web',
            image,
            readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 1 },
          },
        ],
      },
    },
  },
});
const ready = (n) => (d) =>
  d.status?.readyReplicas === n && d.status?.updatedReplicas === n && d.status?.replicas === n;
const rolledOut = (n) => (d) =>
  ready(n)(d) &&
  d.status?.availableReplicas === n &&
  d.status?.conditions?.some((c) => c.reason === 'NewReplicaSetAvailable') &&
  d.status?.observedGeneration === d.metadata.generation;

/** Runs the bench; returns its figures in ms. */
export async function measureDeployment() {
  progress('deployment: one pod, scale 0 → 20, rolling update of 10 and its rollback, the same by hand');
  const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-'));
  const skiff = await startSkiff(dir);
  const ns = 'bench';
  const base = `/apis/apps/v1/namespaces/${ns}/deployments`;
  await call(skiff, 'POST', '/api/v1/namespaces', { metadata: { name: ns } });

  // One pod's start-to-Ready through a Deployment (median of 3), after a warm-up.
  const single = [];
  for (let i = 0; i < 4; i++) {
    await call(skiff, 'POST', base, deployment(`one-${i}`, 0));
    const start = now();
    await call(
      skiff,
      'PATCH',
      `${base}/one-${i}/scale`,
      { spec: { replicas: 1 } },
      'application/merge-patch+json',
    );
    await until(skiff, `${base}/one-${i}`, ready(1));
    if (i > 0) single.push(now() - start);
    await call(skiff, 'DELETE', `${base}/one-${i}`);
  }
  const onePod = median(single);

  // 1. Scale 0 → 20.
  let start = now();
  const runs = await Promise.all(Array.from({ length: 20 }, () => dockerRunToAnswer()));
  const dockerBurst = now() - start;
  await run('docker', ['rm', '-f', ...runs.map((r) => r.id)]);
  // The same 20 pods by hand: a pause container plus the app in its network namespace, each.
  await run('docker', ['network', 'create', '--label', 'io.skiff.test=true', 'skiff-bench-pods']);
  start = now();
  const pods = await Promise.all(Array.from({ length: 20 }, () => dockerPodToAnswer('skiff-bench-pods')));
  const podBurst = now() - start;
  await run('docker', ['rm', '-f', ...pods.flatMap((p) => p.ids)]);
  await run('docker', ['network', 'rm', 'skiff-bench-pods']);
  await call(skiff, 'POST', base, deployment('scale', 0));
  start = now();
  await call(
    skiff,
    'PATCH',
    `${base}/scale/scale`,
    { spec: { replicas: 20 } },
    'application/merge-patch+json',
  );
  await until(skiff, `${base}/scale`, ready(20));
  const scaleUp = now() - start;
  await call(skiff, 'DELETE', `${base}/scale`);
  await until(
    skiff,
    `/api/v1/namespaces/${ns}/pods?labelSelector=app%3Dscale`,
    (l) => (l.items ?? []).length === 0,
  );

  // 2. Rolling update of 10.
  await call(skiff, 'POST', base, deployment('roll', 10));
  await until(skiff, `${base}/roll`, ready(10));
  start = now();
  await call(
    skiff,
    'PATCH',
    `${base}/roll`,
    { spec: { template: { spec: { containers: [{ name: 'web', image: 'skiff-test/web:v2' }] } } } },
    'application/strategic-merge-patch+json',
  );
  await until(skiff, `${base}/roll`, rolledOut(10));
  const rollout = now() - start;
  const lowerBound = 2 * onePod;
  // What `kubectl rollout undo` does: the previous template back, rolled out the same way.
  start = now();
  await call(
    skiff,
    'PATCH',
    `${base}/roll`,
    { spec: { template: { spec: { containers: [{ name: 'web', image: 'skiff-test/web:v1' }] } } } },
    'application/strategic-merge-patch+json',
  );
  await until(skiff, `${base}/roll`, rolledOut(10));
  const rollback = now() - start;
  await call(skiff, 'DELETE', `${base}/roll`);
  await until(
    skiff,
    `/api/v1/namespaces/${ns}/pods?labelSelector=app%3Droll`,
    (l) => (l.items ?? []).length === 0,
  );

  // 3. The same engine work by hand: 10 containers replaced in the same two waves of 5, each wave starting 5 new
  //    ones to their first answer while stopping (1 s grace) and removing 5 old ones.
  const old = await Promise.all(Array.from({ length: 10 }, () => dockerRunToAnswer()));
  start = now();
  const fresh = [];
  for (let wave = 0; wave < 2; wave++) {
    const victims = old.slice(wave * 5, wave * 5 + 5).map((r) => r.id);
    const [started] = await Promise.all([
      Promise.all(Array.from({ length: 5 }, () => dockerRunToAnswer('skiff-test/web:v2'))),
      run('docker', ['stop', '-t', '1', ...victims]).then(() => run('docker', ['rm', ...victims])),
    ]);
    fresh.push(...started);
  }
  const byHand = now() - start;
  await run('docker', ['rm', '-f', ...fresh.map((r) => r.id)]);

  await cleanup(skiff);
  rmSync(dir, { recursive: true, force: true });
  return { onePod, dockerBurst, podBurst, scaleUp, rollout, rollback, lowerBound, byHand };
}

if (isMain(import.meta.url)) {
  const { onePod, dockerBurst, podBurst, scaleUp, rollout, rollback, lowerBound, byHand } =
    await measureDeployment();
  console.log(`one pod start → Ready (median of 3):           ${onePod.toFixed(0)} ms`);
  console.log(`20 parallel docker runs → all answer:           ${dockerBurst.toFixed(0)} ms`);
  console.log(
    `scale 0 → 20 → all Ready:                       ${scaleUp.toFixed(0)} ms   ratio ${(scaleUp / dockerBurst).toFixed(2)} (goal ≤ 1.3)`,
  );
  console.log(
    `20 pods by hand (pause + app each) → answer:    ${podBurst.toFixed(0)} ms   ratio ${(scaleUp / podBurst).toFixed(2)}`,
  );
  console.log(`rolling update of 10 (25%/25%) end to end:      ${rollout.toFixed(0)} ms`);
  console.log(
    `lower bound (2 waves × one pod start → Ready):  ${lowerBound.toFixed(0)} ms   ratio ${(rollout / lowerBound).toFixed(2)} (goal ≤ 1.5)`,
  );
  console.log(
    `the same two waves by hand with docker:         ${byHand.toFixed(0)} ms   ratio ${(rollout / byHand).toFixed(2)}`,
  );
  console.log(`rollback of that update (template back to v1):   ${rollback.toFixed(0)} ms`);
}
