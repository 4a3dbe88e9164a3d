import { describe, expect, it } from 'vitest';
import { kubectl } from '../support/kubectl';
import { isReady } from '../support/pods';
import { useSkiffServer } from '../support/skiff-fixture';
import { api } from '../support/skiff-process';

const statefulSet = (replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web' },
  spec: {
    replicas,
    serviceName: 'nginx',
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'web',
            image: 'skiff-test/web:v1',
            readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 1 },
            volumeMounts: [{ name: 'www', mountPath: '/data' }],
          },
        ],
      },
    },
    volumeClaimTemplates: [
      {
        metadata: { name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ],
  },
});

describe('StatefulSets on the real engine', () => {
  const f = useSkiffServer('sts');
  const sts = () => `/apis/apps/v1/namespaces/${f.ns}/statefulsets`;
  const pods = async () =>
    (
      (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3Dweb`)).body.items as any[]
    ).filter((p) => !p.metadata.deletionTimestamp);
  const exec = async (pod: string, command: string) =>
    (await kubectl(f.skiff, ['exec', pod, '--', 'sh', '-c', command], f.ns)).stdout;
  const podsReady = async (names: string[]) => {
    const live = await pods();
    return (
      live.length === names.length &&
      names.every((n) => live.some((p) => p.metadata.name === n && isReady(p)))
    );
  };
  const timings: Record<string, number> = {};
  const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const start = Date.now();
    try {
      return await work();
    } finally {
      timings[label] = Date.now() - start;
      console.log(`statefulsets: ${label}: ${timings[label]} ms`);
    }
  };

  it('brings 3 OrderedReady pods up one by one, each with its claim, and keeps their data across deletes and scaling', async () => {
    // Every sample must show web-N only once web-(N-1) is Ready: what `kubectl get pods -w` would show.
    const violations: string[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const live = await pods();
        for (const pod of live) {
          const ordinal = Number(pod.metadata.name.split('-').pop());
          if (ordinal === 0) continue;
          const before = live.find((p) => p.metadata.name === `web-${ordinal - 1}`);
          if (!before || !isReady(before))
            violations.push(`${pod.metadata.name} before web-${ordinal - 1} was ready`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    try {
      await timed('3 OrderedReady pods ready', async () => {
        expect((await api(f.skiff, sts(), { method: 'POST', body: statefulSet(3) })).status).toBe(201);
        await kubectl(f.skiff, ['rollout', 'status', 'statefulset/web', '--timeout=90s'], f.ns);
      });
    } finally {
      sampling = false;
      await sampler;
    }
    expect(violations).toEqual([]);

    const live = await pods();
    expect(live.map((p) => p.metadata.name).sort()).toEqual(['web-0', 'web-1', 'web-2']);
    for (const pod of live) {
      const ordinal = pod.metadata.name.split('-')[1];
      expect(pod.metadata.labels).toMatchObject({
        'statefulset.kubernetes.io/pod-name': pod.metadata.name,
        'apps.kubernetes.io/pod-index': ordinal,
        'controller-revision-hash': expect.stringMatching(/^web-/),
      });
      expect(pod.spec).toMatchObject({ hostname: pod.metadata.name, subdomain: 'nginx' });
      expect(pod.spec.volumes).toContainEqual({
        name: 'www',
        persistentVolumeClaim: { claimName: `www-web-${ordinal}` },
      });
    }
    const claims = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/persistentvolumeclaims`)).body
      .items as any[];
    expect(claims.map((c) => [c.metadata.name, c.status.phase]).sort()).toEqual([
      ['www-web-0', 'Bound'],
      ['www-web-1', 'Bound'],
      ['www-web-2', 'Bound'],
    ]);
    const set = (await api(f.skiff, `${sts()}/web`)).body;
    expect(set.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      observedGeneration: 1,
      collisionCount: 0,
    });
    expect(set.status.currentRevision).toBe(set.status.updateRevision);
    const events = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/events`)).body.items as any[];
    const messages = events.filter((e) => e.involvedObject.kind === 'StatefulSet').map((e) => e.message);
    expect(messages).toContain('create Pod web-0 in StatefulSet web successful');
    expect(messages).toContain('create Claim www-web-1 Pod web-1 in StatefulSet web success');
    expect((await kubectl(f.skiff, ['get', 'sts'], f.ns)).stdout).toMatch(
      /^NAME\s+READY\s+AGE\nweb\s+3\/3\s+/,
    );

    // Stable names: web-0.nginx and the full name resolve on the namespace network, and each pod's hostname is its name.
    expect((await exec('web-0', 'wget -q -O - http://web-1.nginx:8080/cgi-bin/host')).trim()).toBe('web-1');
    expect(
      (
        await exec('web-2', `wget -q -O - http://web-0.nginx.${f.ns}.svc.cluster.local:8080/cgi-bin/host`)
      ).trim(),
    ).toBe('web-0');

    await exec('web-1', 'echo kept-by-web-1 > /data/note');
    const uid = live.find((p) => p.metadata.name === 'web-1').metadata.uid;
    await timed('web-1 deleted → back and ready', async () => {
      await kubectl(f.skiff, ['delete', 'pod', 'web-1', '--wait=false'], f.ns);
      await expect
        .poll(
          async () =>
            (await pods()).find((p) => p.metadata.name === 'web-1' && p.metadata.uid !== uid && isReady(p)),
          {
            timeout: 60_000,
            interval: 100,
          },
        )
        .toBeTruthy();
    });
    expect((await exec('web-1', 'cat /data/note')).trim()).toBe('kept-by-web-1');

    await timed('scale 3 → 1', async () => {
      await kubectl(f.skiff, ['scale', 'sts', 'web', '--replicas=1'], f.ns);
      await expect.poll(() => podsReady(['web-0']), { timeout: 60_000, interval: 100 }).toBe(true);
    });
    const kept = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/persistentvolumeclaims`)).body
      .items as any[];
    expect(kept.map((c) => c.metadata.name).sort()).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    await timed('scale 1 → 3', async () => {
      await kubectl(f.skiff, ['scale', 'sts', 'web', '--replicas=3'], f.ns);
      await expect
        .poll(() => podsReady(['web-0', 'web-1', 'web-2']), { timeout: 90_000, interval: 100 })
        .toBe(true);
    });
    expect((await exec('web-1', 'cat /data/note')).trim()).toBe('kept-by-web-1');
  }, 300_000);

  it('updates only ordinals at or above the partition, then all, and rolls back with kubectl', async () => {
    const image = (pod: any) => pod.spec.containers[0].image;
    const before = await pods();
    await kubectl(
      f.skiff,
      ['patch', 'sts', 'web', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}}}'],
      f.ns,
    );
    await timed('partitioned update (web-2 only)', async () => {
      await kubectl(f.skiff, ['set', 'image', 'statefulset/web', 'web=skiff-test/web:v2'], f.ns);
      const status = await kubectl(f.skiff, ['rollout', 'status', 'statefulset/web', '--timeout=90s'], f.ns);
      expect(status.stdout).toContain('partitioned roll out complete: 1 new pods have been updated');
    });
    const partitioned = await pods();
    expect(Object.fromEntries(partitioned.map((p) => [p.metadata.name, image(p)]))).toEqual({
      'web-0': 'skiff-test/web:v1',
      'web-1': 'skiff-test/web:v1',
      'web-2': 'skiff-test/web:v2',
    });
    for (const name of ['web-0', 'web-1'])
      expect(partitioned.find((p) => p.metadata.name === name).metadata.uid).toBe(
        before.find((p) => p.metadata.name === name).metadata.uid,
      );
    const mid = (await api(f.skiff, `${sts()}/web`)).body.status;
    expect(mid).toMatchObject({ replicas: 3, updatedReplicas: 1, currentReplicas: 2 });
    expect(mid.currentRevision).not.toBe(mid.updateRevision);

    await timed('partition 0 (web-1, web-0)', async () => {
      await kubectl(
        f.skiff,
        ['patch', 'sts', 'web', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}'],
        f.ns,
      );
      await kubectl(f.skiff, ['rollout', 'status', 'statefulset/web', '--timeout=90s'], f.ns);
    });
    expect((await pods()).map(image)).toEqual([
      'skiff-test/web:v2',
      'skiff-test/web:v2',
      'skiff-test/web:v2',
    ]);
    const history = await kubectl(f.skiff, ['rollout', 'history', 'statefulset/web'], f.ns);
    expect(history.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);

    await timed('rollout undo statefulset/web', async () => {
      await kubectl(f.skiff, ['rollout', 'undo', 'statefulset/web'], f.ns);
      await expect
        .poll(async () => (await api(f.skiff, `${sts()}/web`)).body.spec.template.spec.containers[0].image)
        .toBe('skiff-test/web:v1');
      await kubectl(f.skiff, ['rollout', 'status', 'statefulset/web', '--timeout=90s'], f.ns);
    });
    expect((await pods()).map(image)).toEqual([
      'skiff-test/web:v1',
      'skiff-test/web:v1',
      'skiff-test/web:v1',
    ]);
    const undone = await kubectl(f.skiff, ['rollout', 'history', 'statefulset/web'], f.ns);
    expect(undone.stdout).toMatch(/\n2\s+<none>\n3\s+<none>/);
    const revisions = await kubectl(f.skiff, ['get', 'controllerrevisions'], f.ns);
    expect(revisions.stdout).toMatch(
      /NAME\s+CONTROLLER\s+REVISION\s+AGE\nweb-\w+\s+statefulset\.apps\/web\s+\d/,
    );
  }, 300_000);

  it('starts Parallel pods together, and deletes claims with their pods or the set when the retention policy says so', async () => {
    const claimNames = async () =>
      ((await api(f.skiff, `/api/v1/namespaces/${f.ns}/persistentvolumeclaims`)).body.items as any[])
        .map((c) => c.metadata.name)
        .sort();
    const cache = statefulSet(3) as any;
    cache.metadata.name = 'cache';
    cache.spec.selector.matchLabels.app = 'cache';
    cache.spec.template.metadata.labels.app = 'cache';
    cache.spec.podManagementPolicy = 'Parallel';
    cache.spec.persistentVolumeClaimRetentionPolicy = { whenScaled: 'Delete', whenDeleted: 'Delete' };
    await timed('3 Parallel pods ready', async () => {
      expect((await api(f.skiff, sts(), { method: 'POST', body: cache })).status).toBe(201);
      await kubectl(f.skiff, ['rollout', 'status', 'statefulset/cache', '--timeout=90s'], f.ns);
    });
    const events = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/events`)).body.items as any[];
    const created = events.filter(
      (e) => e.involvedObject.name === 'cache' && e.message.startsWith('create Pod'),
    );
    expect(created).toHaveLength(3);
    expect(await claimNames()).toEqual(expect.arrayContaining(['www-cache-0', 'www-cache-1', 'www-cache-2']));

    await timed('scale 3 → 1 with whenScaled: Delete', async () => {
      await kubectl(f.skiff, ['scale', 'sts', 'cache', '--replicas=1'], f.ns);
      await expect
        .poll(async () => (await claimNames()).filter((n) => n.startsWith('www-cache')), { timeout: 60_000 })
        .toEqual(['www-cache-0']);
    });
    await timed('delete the set with whenDeleted: Delete', async () => {
      await kubectl(f.skiff, ['delete', 'sts', 'cache', '--wait=false'], f.ns);
      await expect
        .poll(async () => (await claimNames()).filter((n) => n.startsWith('www-cache')), { timeout: 60_000 })
        .toEqual([]);
    });
    // The default (Retain) keeps web's claims even after the set is gone.
    await kubectl(f.skiff, ['delete', 'sts', 'web', '--wait=false'], f.ns);
    await expect
      .poll(async () => (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods`)).body.items.length, {
        timeout: 60_000,
      })
      .toBe(0);
    expect(await claimNames()).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
  }, 240_000);

  it('refuses bad StatefulSets with the field and forbids changing fixed fields', async () => {
    const bad = statefulSet(1) as any;
    bad.metadata.name = 'bad';
    bad.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 1 } };
    bad.spec.volumeClaimTemplates[0].spec.resources = {};
    bad.spec.podManagementPolicy = 'Sometimes';
    const refused = await api(f.skiff, sts(), { method: 'POST', body: bad });
    expect(refused.status).toBe(422);
    expect(refused.body.details.causes.map((c: any) => c.field)).toContain('spec.podManagementPolicy');
    delete bad.spec.podManagementPolicy;
    const second = await api(f.skiff, sts(), { method: 'POST', body: bad });
    expect(second.body.details.causes.map((c: any) => c.field).sort()).toEqual([
      'spec.updateStrategy.rollingUpdate',
      'spec.volumeClaimTemplates[0].spec.resources.requests[storage]',
    ]);
    const fixed = statefulSet(0) as any;
    fixed.metadata.name = 'fixed';
    expect((await api(f.skiff, sts(), { method: 'POST', body: fixed })).status).toBe(201);
    const patched = await api(f.skiff, `${sts()}/fixed`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { spec: { serviceName: 'other' } },
    });
    expect(patched.status).toBe(422);
    expect(patched.body.message).toContain("updates to statefulset spec for fields other than 'replicas'");
  });
});
