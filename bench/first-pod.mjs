// `skiff serve` start → its first pod Ready, on a fresh data dir (nothing made yet: certificate, token, store,
// namespace network) with the image already on the engine. The peers' figures are published, not measured here
// (kind and k3d need their node images and a kubeadm/k3s boot): see PUBLISHED below.
// Needs the built app, a Docker engine and the test images. Usage: node bench/first-pod.mjs [runs=3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, cleanup, isMain, median, now, progress, sleep, startSkiff } from './lib.mjs';
import { podManifest } from './pod-start.mjs';

/** Cluster create → usable, as published by others (kind/k3d cannot run in this sandbox's engine budget). */
export const PUBLISHED = {
  kindMs: 33_000,
  k3dMs: 20_000,
  source:
    'issue #20 (kind 33 s, k3d 20 s); cf. github.com/k8gb-io/k8gb/issues/141: `time kind create cluster` 36.0 s, `time k3d cluster create` 22.7 s',
};

async function podReady(skiff, ns, name) {
  for (;;) {
    const pod = await call(skiff, 'GET', `/api/v1/namespaces/${ns}/pods/${name}`).catch(() => undefined);
    if (pod?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return;
    await sleep(5);
  }
}

/** One fresh start: from spawning `skiff serve` until a pod created as soon as the API answers is Ready. */
async function once() {
  const dir = mkdtempSync(join(tmpdir(), 'skiff-bench-'));
  const start = now();
  const skiff = await startSkiff(dir);
  try {
    for (;;) {
      const created = await call(
        skiff,
        'POST',
        '/api/v1/namespaces/default/pods',
        podManifest('first'),
      ).catch(() => undefined);
      if (created?.metadata?.uid) break;
      await sleep(5);
    }
    await podReady(skiff, 'default', 'first');
    return now() - start;
  } finally {
    await cleanup(skiff);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the bench; returns each start's ms. */
export async function measureFirstPod({ runs = 3 } = {}) {
  progress(`first pod: ${runs} fresh starts of skiff serve to a Ready pod`);
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  return { samples };
}

if (isMain(import.meta.url)) {
  const runs = Number(process.argv[2] ?? 3);
  const { samples } = await measureFirstPod({ runs });
  const m = median(samples);
  console.log(
    `skiff serve (fresh data dir) → first pod Ready: median ${m.toFixed(0)} ms of ${runs} (${samples.map((x) => x.toFixed(0)).join(', ')})`,
  );
  console.log(
    `published: kind ${PUBLISHED.kindMs / 1000} s, k3d ${PUBLISHED.k3dMs / 1000} s (${PUBLISHED.source}); ${(PUBLISHED.k3dMs / m).toFixed(1)}× sooner than k3d`,
  );
}
