import { describe, expect, it } from 'vitest';
import { kubectl } from '../support/kubectl';
import { isReady } from '../support/pods';
import { useSkiffServer } from '../support/skiff-fixture';
import { api } from '../support/skiff-process';

const daemonSet = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [
          {
            name: 'agent',
            image: 'skiff-test/web:v1',
            readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 1 },
          },
        ],
        ...extra,
      },
    },
  },
});

describe('DaemonSets on the real engine', () => {
  const f = useSkiffServer('ds');
  const dsPath = () => `/apis/apps/v1/namespaces/${f.ns}/daemonsets`;
  const pods = async (app: string) =>
    (
      (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3D${app}`)).body.items as any[]
    ).filter((p) => !p.metadata.deletionTimestamp);
  const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const start = Date.now();
    try {
      return await work();
    } finally {
      console.log(`daemonsets: ${label}: ${Date.now() - start} ms`);
    }
  };

  it('runs one pod on the node, rolls it to a new image, and rolls back with kubectl', async () => {
    await timed('one pod on the node, ready', async () => {
      expect((await api(f.skiff, dsPath(), { method: 'POST', body: daemonSet('agent') })).status).toBe(201);
      await kubectl(f.skiff, ['rollout', 'status', 'daemonset/agent', '--timeout=90s'], f.ns);
    });
    const [first, ...others] = await pods('agent');
    expect(others).toEqual([]);
    expect(first.spec.nodeName).toBe('skiff');
    expect(first.metadata.labels).toMatchObject({
      'controller-revision-hash': expect.any(String),
      'pod-template-generation': '1',
    });
    expect(first.spec.tolerations).toContainEqual({
      key: 'node.kubernetes.io/unschedulable',
      operator: 'Exists',
      effect: 'NoSchedule',
    });
    const ds = (await api(f.skiff, `${dsPath()}/agent`)).body;
    expect(ds.status).toMatchObject({
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
      numberReady: 1,
      numberAvailable: 1,
      updatedNumberScheduled: 1,
      numberMisscheduled: 0,
      observedGeneration: 1,
    });
    expect((await kubectl(f.skiff, ['get', 'ds'], f.ns)).stdout).toMatch(
      /^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\nagent\s+1\s+1\s+1\s+1\s+1\s+<none>/,
    );

    await timed('rolling update to v2', async () => {
      await kubectl(f.skiff, ['set', 'image', 'daemonset/agent', 'agent=skiff-test/web:v2'], f.ns);
      const status = await kubectl(f.skiff, ['rollout', 'status', 'daemonset/agent', '--timeout=90s'], f.ns);
      expect(status.stdout).toContain('daemon set "agent" successfully rolled out');
    });
    const rolled = await pods('agent');
    expect(
      rolled.map((p) => [p.spec.containers[0].image, p.metadata.labels['pod-template-generation']]),
    ).toEqual([['skiff-test/web:v2', '2']]);
    expect(rolled.every(isReady)).toBe(true);
    const history = await kubectl(f.skiff, ['rollout', 'history', 'daemonset/agent'], f.ns);
    expect(history.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);

    await timed('rollout undo daemonset/agent', async () => {
      await kubectl(f.skiff, ['rollout', 'undo', 'daemonset/agent'], f.ns);
      await expect
        .poll(
          async () => (await api(f.skiff, `${dsPath()}/agent`)).body.spec.template.spec.containers[0].image,
        )
        .toBe('skiff-test/web:v1');
      await kubectl(f.skiff, ['rollout', 'status', 'daemonset/agent', '--timeout=90s'], f.ns);
    });
    expect((await pods('agent')).map((p) => p.spec.containers[0].image)).toEqual(['skiff-test/web:v1']);
    const events = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/events`)).body.items as any[];
    const reasons = events.filter((e) => e.involvedObject.kind === 'DaemonSet').map((e) => e.reason);
    expect(reasons).toEqual(expect.arrayContaining(['SuccessfulCreate', 'SuccessfulDelete']));
  }, 240_000);

  it('keeps running on a cordoned node (its pods tolerate it) and leaves a node its nodeSelector stops matching', async () => {
    await api(f.skiff, dsPath(), { method: 'POST', body: daemonSet('keeper') });
    await kubectl(f.skiff, ['rollout', 'status', 'daemonset/keeper', '--timeout=90s'], f.ns);
    const [before] = await pods('keeper');
    await kubectl(f.skiff, ['cordon', 'skiff']);
    try {
      await timed('replacement on a cordoned node ready', async () => {
        await kubectl(f.skiff, ['delete', 'pod', before.metadata.name, '--wait=false'], f.ns);
        await expect
          .poll(
            async () =>
              (await pods('keeper')).filter((p) => p.metadata.uid !== before.metadata.uid && isReady(p)),
            {
              timeout: 60_000,
              interval: 100,
            },
          )
          .toHaveLength(1);
      });
    } finally {
      await kubectl(f.skiff, ['uncordon', 'skiff']);
    }
    await kubectl(
      f.skiff,
      ['patch', 'ds', 'keeper', '-p', '{"spec":{"template":{"spec":{"nodeSelector":{"disk":"ssd"}}}}}'],
      f.ns,
    );
    await expect.poll(async () => (await pods('keeper')).length, { timeout: 60_000 }).toBe(0);
    await expect
      .poll(async () => (await api(f.skiff, `${dsPath()}/keeper`)).body.status, { timeout: 30_000 })
      .toMatchObject({ desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 0 });
  }, 180_000);

  it('runs nothing where the nodeSelector does not match, and refuses a rolling update with no room', async () => {
    await api(f.skiff, dsPath(), {
      method: 'POST',
      body: daemonSet('picky', { nodeSelector: { disk: 'ssd' } }),
    });
    await expect
      .poll(async () => (await api(f.skiff, `${dsPath()}/picky`)).body.status?.observedGeneration)
      .toBe(1);
    expect((await api(f.skiff, `${dsPath()}/picky`)).body.status).toMatchObject({
      desiredNumberScheduled: 0,
      currentNumberScheduled: 0,
    });
    expect(await pods('picky')).toEqual([]);

    const bad = daemonSet('bad') as any;
    bad.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } };
    const refused = await api(f.skiff, dsPath(), { method: 'POST', body: bad });
    expect(refused.status).toBe(422);
    expect(refused.body.details.causes).toEqual([
      expect.objectContaining({ field: 'spec.updateStrategy.rollingUpdate.maxUnavailable' }),
    ]);
  });
});
