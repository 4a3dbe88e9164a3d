import { describe, expect, it } from 'vitest';
import { api } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';
import { kubectl } from '../support/kubectl';
import { isReady } from '../support/pods';

describe('ReplicaSets keep a count of pods on the real engine', () => {
  const f = useSkiffServer('rs');
  const base = () => `/apis/apps/v1/namespaces/${f.ns}/replicasets`;
  const pods = async () =>
    (
      (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3Dweb`)).body.items as any[]
    ).filter((p) => !p.metadata.deletionTimestamp);
  const readyPods = async () => (await pods()).filter(isReady);

  it('creates, heals, scales down in order and reports status', async () => {
    const created = await api(f.skiff, base(), {
      method: 'POST',
      body: {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'web' },
        spec: {
          replicas: 3,
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
                },
              ],
            },
          },
        },
      },
    });
    expect(created.status).toBe(201);
    await expect.poll(async () => (await readyPods()).length, { timeout: 20_000 }).toBe(3);
    await expect
      .poll(async () => (await api(f.skiff, `${base()}/web`)).body.status, { timeout: 10_000 })
      .toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, fullyLabeledReplicas: 3 });
    const owned = await pods();
    expect(
      owned.every(
        (p) =>
          p.metadata.name.startsWith('web-') &&
          p.metadata.ownerReferences[0].uid === created.body.metadata.uid,
      ),
    ).toBe(true);

    // Self-healing: a deleted pod is replaced at once.
    const victim = owned[0].metadata.name;
    await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/${victim}?gracePeriodSeconds=0`, {
      method: 'DELETE',
    });
    await expect
      .poll(
        async () => {
          const now = await readyPods();
          return now.length === 3 && !now.some((p) => p.metadata.name === victim);
        },
        { timeout: 20_000 },
      )
      .toBe(true);

    // Scale through the /scale subresource, as kubectl scale does.
    const scale = await api(f.skiff, `${base()}/web/scale`);
    expect(scale.body).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 3 },
      status: { replicas: 3, selector: 'app=web' },
    });
    await kubectl(f.skiff, ['-n', f.ns, 'scale', 'replicaset/web', '--replicas=1']);
    await expect.poll(async () => (await pods()).length, { timeout: 15_000 }).toBe(1);
    expect((await api(f.skiff, `${base()}/web`)).body.spec.replicas).toBe(1);

    // Deleting the ReplicaSet takes its pods with it.
    await api(f.skiff, `${base()}/web`, { method: 'DELETE' });
    await expect
      .poll(async () => (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods`)).body.items.length, {
        timeout: 20_000,
      })
      .toBe(0);
  });

  it('adopts a matching orphan pod instead of creating another', async () => {
    await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods`, {
      method: 'POST',
      body: {
        metadata: { name: 'orphan', labels: { app: 'solo' } },
        spec: { terminationGracePeriodSeconds: 0, containers: [{ name: 'c', image: 'skiff-test/tools:v1' }] },
      },
    });
    await api(f.skiff, base(), {
      method: 'POST',
      body: {
        metadata: { name: 'solo' },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'solo' } },
          template: {
            metadata: { labels: { app: 'solo' } },
            spec: { containers: [{ name: 'c', image: 'skiff-test/tools:v1' }] },
          },
        },
      },
    });
    await expect
      .poll(
        async () =>
          (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods/orphan`)).body.metadata.ownerReferences?.[0]
            ?.name,
        { timeout: 10_000 },
      )
      .toBe('solo');
    // the sync that adopted the orphan writes its status after any pod it creates: once it has, none came
    await expect
      .poll(
        async () => {
          const rs = (await api(f.skiff, `${base()}/solo`)).body;
          return {
            synced: rs.status?.observedGeneration === rs.metadata.generation,
            replicas: rs.status?.replicas,
          };
        },
        { timeout: 10_000 },
      )
      .toEqual({ synced: true, replicas: 1 });
    expect(
      (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3Dsolo`)).body.items,
    ).toHaveLength(1);
  });

  it('refuses a template whose labels the selector does not match, naming the field', async () => {
    const response = await api(f.skiff, base(), {
      method: 'POST',
      body: {
        metadata: { name: 'bad' },
        spec: {
          selector: { matchLabels: { app: 'x' } },
          template: {
            metadata: { labels: { app: 'y' } },
            spec: {
              containers: [{ name: 'c', image: 'skiff-test/tools:v1', ports: [{ containerPort: 99999 }] }],
            },
          },
        },
      },
    });
    expect(response.status).toBe(422);
    expect(response.body.details.causes.map((c: any) => c.field)).toEqual([
      'spec.template.spec.containers[0].ports[0].containerPort',
    ]);
    const mismatch = await api(f.skiff, base(), {
      method: 'POST',
      body: {
        metadata: { name: 'bad' },
        spec: {
          selector: { matchLabels: { app: 'x' } },
          template: {
            metadata: { labels: { app: 'y' } },
            spec: { containers: [{ name: 'c', image: 'skiff-test/tools:v1' }] },
          },
        },
      },
    });
    expect(mismatch.body.details.causes[0]).toMatchObject({
      field: 'spec.template.metadata.labels',
      message: expect.stringMatching(/selector` does not match template `labels`/),
    });
  });
});
