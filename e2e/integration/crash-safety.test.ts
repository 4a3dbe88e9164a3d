import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docker } from '../support/docker-cli';
import { api, makeDataDir, removeDataDir, startSkiff, type SkiffProcess } from '../support/skiff-process';

// kill -9 at a random moment (fixed seed) while writes, scaling, rolling updates, rollbacks and namespace
// deletions are under way, then a restart on the same data dir. After every round: each acknowledged write is
// there, the Deployment settles on what was last asked of it with exactly that many pods, and every container,
// network and volume this Skiff labelled belongs to an object that exists.

const ROUNDS = 10;
const NS = 'crash';

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const deployment = (replicas: number, image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', annotations: { 'kubernetes.io/change-cause': image } },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'web', image }] },
    },
  },
});

interface Wanted {
  replicas: number;
  image: string;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen within ${ms / 1000} s${last ? `: ${String(last)}` : ''}`);
}

describe('crash safety: kill -9 at random moments', () => {
  let dir: string;
  let skiff: SkiffProcess | undefined;
  afterAll(async () => {
    if (skiff) {
      for (const ns of (await api(skiff, '/api/v1/namespaces')).body.items as any[])
        if (ns.metadata.name === NS || ns.metadata.name.startsWith('doomed-'))
          await api(skiff, `/api/v1/namespaces/${ns.metadata.name}`, { method: 'DELETE' });
      await until('the test namespaces to go', async () => {
        const left = ((await api(skiff!, '/api/v1/namespaces')).body.items as any[]).filter(
          (n) => n.metadata.name === NS || n.metadata.name.startsWith('doomed-'),
        );
        return left.length === 0 ? true : undefined;
      });
      await skiff.stop();
    }
    if (dir) await removeDataDir(dir);
  });

  it(
    `loses nothing acknowledged and leaves no orphans over ${ROUNDS} rounds`,
    { timeout: 600_000 },
    async () => {
      const rand = random(20261203);
      dir = await makeDataDir();
      skiff = await startSkiff(dir);
      const instance = (await readFile(join(dir, 'instance-id'), 'utf8')).trim();
      expect(
        (await api(skiff, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: NS } } })).status,
      ).toBe(201);
      let wanted: Wanted = { replicas: 2, image: 'skiff-test/web:v1' };
      expect(
        (
          await api(skiff, `/apis/apps/v1/namespaces/${NS}/deployments`, {
            method: 'POST',
            body: deployment(wanted.replicas, wanted.image),
          })
        ).status,
      ).toBe(201);
      const acknowledged = new Set<string>();
      const doomed = new Set<string>();
      let checked = 0;

      for (let round = 0; round < ROUNDS; round++) {
        const s = skiff!;
        let killed = false;
        const inFlight: Wanted[] = [];
        const killAfter = 100 + Math.floor(rand() * 1400);
        const action = ['scale', 'update', 'rollback', 'namespace'][round % 4]!;

        const writes = (async () => {
          for (let k = 0; !killed; k++) {
            const name = `r${round}-cm-${k}`;
            const res = await api(s, `/api/v1/namespaces/${NS}/configmaps`, {
              method: 'POST',
              body: { metadata: { name }, data: { round: String(round) } },
            }).catch(() => undefined);
            if (res?.status === 201) acknowledged.add(name);
          }
        })();
        const operations = (async () => {
          for (let step = 0; !killed; step++) {
            const next: Wanted =
              action === 'scale'
                ? { ...wanted, replicas: 1 + Math.floor(rand() * 4) }
                : action === 'update'
                  ? {
                      ...wanted,
                      image: wanted.image.endsWith('v1') ? 'skiff-test/web:v2' : 'skiff-test/web:v1',
                    }
                  : wanted;
            let res;
            if (action === 'rollback') {
              await api(s, `/apis/apps/v1/namespaces/${NS}/deployments/web/rollback`, {
                method: 'POST',
                body: { rollbackTo: { revision: 0 } },
              }).catch(() => undefined);
            } else if (action === 'namespace') {
              const ns = `doomed-${round}-${step}`;
              const made = await api(s, '/api/v1/namespaces', {
                method: 'POST',
                body: { metadata: { name: ns } },
              }).catch(() => undefined);
              if (made?.status !== 201) continue;
              await api(s, `/apis/apps/v1/namespaces/${ns}/deployments`, {
                method: 'POST',
                body: deployment(1, 'skiff-test/web:v1'),
              }).catch(() => undefined);
              res = await api(s, `/api/v1/namespaces/${ns}`, { method: 'DELETE' }).catch(() => undefined);
              if (res?.status === 200) doomed.add(ns);
              continue;
            } else {
              inFlight.push(next);
              res = await api(s, `/apis/apps/v1/namespaces/${NS}/deployments/web`, {
                method: 'PATCH',
                contentType: 'application/merge-patch+json',
                body: {
                  spec: {
                    replicas: next.replicas,
                    template: { spec: { containers: [{ name: 'web', image: next.image }] } },
                  },
                },
              }).catch(() => undefined);
              if (res?.status === 200) wanted = next;
            }
            await new Promise((r) => setTimeout(r, 50 + rand() * 250));
          }
        })();
        await new Promise((r) => setTimeout(r, killAfter));
        killed = true;
        s.child.kill('SIGKILL');
        await Promise.all([writes, operations]);
        await s.stop('SIGKILL');

        skiff = await startSkiff(dir);
        const now = skiff;
        // 1. Every acknowledged write is there.
        const names = new Set(
          ((await api(now, `/api/v1/namespaces/${NS}/configmaps`)).body.items as any[]).map(
            (c) => c.metadata.name,
          ),
        );
        const lost = [...acknowledged].filter((n) => !names.has(n));
        expect(lost, `round ${round} (${action}, killed after ${killAfter} ms)`).toEqual([]);
        checked += acknowledged.size;
        // 2. The Deployment holds what was last acknowledged, or a write that was in flight when it was killed.
        const stored = (await api(now, `/apis/apps/v1/namespaces/${NS}/deployments/web`)).body;
        const storedWanted = {
          replicas: stored.spec.replicas,
          image: stored.spec.template.spec.containers[0].image,
        };
        if (action !== 'rollback')
          expect([wanted, ...inFlight], `round ${round}`).toContainEqual(storedWanted);
        wanted = storedWanted;
        // 3. It settles on exactly that: replicas pods, all of its image, all ready, none twice.
        await until(`round ${round}: web settled on ${JSON.stringify(wanted)}`, async () => {
          const d = (await api(now, `/apis/apps/v1/namespaces/${NS}/deployments/web`)).body;
          const pods = (
            (await api(now, `/api/v1/namespaces/${NS}/pods?labelSelector=app%3Dweb`)).body.items as any[]
          ).filter((p) => !p.metadata.deletionTimestamp);
          const ready = pods.filter((p) =>
            p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'),
          );
          const settled =
            d.status?.observedGeneration === d.metadata.generation &&
            d.status?.updatedReplicas === wanted.replicas &&
            d.status?.availableReplicas === wanted.replicas &&
            (d.status?.replicas ?? 0) === wanted.replicas &&
            pods.length === wanted.replicas &&
            ready.length === wanted.replicas &&
            pods.every((p) => p.spec.containers[0].image === wanted.image);
          return settled ? true : undefined;
        });
        // 4. Namespaces whose deletion was acknowledged finish going.
        await until(`round ${round}: deleted namespaces gone`, async () => {
          const present = new Set(
            ((await api(now, '/api/v1/namespaces')).body.items as any[]).map((n) => n.metadata.name),
          );
          return [...doomed].every((n) => !present.has(n)) ? true : undefined;
        });
        // 5. No orphans: every labelled container, network and volume belongs to something that exists.
        await until(`round ${round}: no orphans`, async () => {
          const pods = new Set(
            ((await api(now, '/api/v1/pods')).body.items as any[]).map((p) => p.metadata.uid),
          );
          const namespaces = new Set(
            ((await api(now, '/api/v1/namespaces')).body.items as any[]).map((n) => n.metadata.name),
          );
          const filter = ['--filter', `label=io.skiff.instance=${instance}`];
          const containerPods = (
            await docker(['ps', '-a', ...filter, '--format', '{{.Label "io.skiff.pod-uid"}}'])
          )
            .split('\n')
            .filter(Boolean);
          const networkNamespaces = (
            await docker(['network', 'ls', ...filter, '--format', '{{.Label "io.skiff.namespace"}}'])
          )
            .split('\n')
            .filter(Boolean);
          const volumePods = (
            await docker(['volume', 'ls', ...filter, '--format', '{{.Label "io.skiff.pod-uid"}}'])
          )
            .split('\n')
            .filter(Boolean);
          const orphans = [
            ...containerPods.filter((uid) => !pods.has(uid)).map((u) => `container of pod ${u}`),
            ...networkNamespaces.filter((n) => !namespaces.has(n)).map((n) => `network of namespace ${n}`),
            ...volumePods.filter((uid) => !pods.has(uid)).map((u) => `volume of pod ${u}`),
          ];
          return orphans.length === 0 ? true : undefined;
        });
      }
      console.log(
        `crash-safety: ${ROUNDS} rounds of kill -9, ${acknowledged.size} acknowledged writes (${checked} checks), 0 lost, 0 orphans, ${doomed.size} namespace deletions finished`,
      );
    },
  );
});
