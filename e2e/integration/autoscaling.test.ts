import { describe, expect, it } from 'vitest';
import { kubectl } from '../support/kubectl';
import { cpuAutoscalerFor, deploymentOf } from '../support/manifests';
import { useSkiffServer } from '../support/skiff-fixture';
import { api } from '../support/skiff-process';

// Burns CPU while /etc/load/mode says "burn" (a ConfigMap the test flips), else idles.
const BURN_LOOP =
  'while :; do read m < /etc/load/mode; if [ "$m" = burn ]; then i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; else sleep 1; fi; done';

const burner = (requests?: Record<string, string>) => ({
  volumes: [{ name: 'load', configMap: { name: 'load' } }],
  containers: [
    {
      name: 'burn',
      image: 'skiff-test/tools:v1',
      command: ['sh', '-c', BURN_LOOP],
      volumeMounts: [{ name: 'load', mountPath: '/etc/load' }],
      // without requests at all: a limit alone would default the request to it, as in Kubernetes
      ...(requests ? { resources: { requests, limits: { cpu: '200m' } } } : {}),
    },
  ],
});

const hpa = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name },
  spec,
});

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last !== undefined && last !== false) return last;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('Metrics from the engine and the HorizontalPodAutoscaler', () => {
  const f = useSkiffServer('hpa', {}, ['--metrics-interval', '1']);
  const path = (rest: string) => `/apis/autoscaling/v2/namespaces/${f.ns}/horizontalpodautoscalers${rest}`;
  const deploymentPath = (name: string) => `/apis/apps/v1/namespaces/${f.ns}/deployments/${name}`;
  const setLoad = (mode: string) =>
    api(f.skiff, `/api/v1/namespaces/${f.ns}/configmaps/load`, {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { data: { mode } },
    });

  it('serves metrics.k8s.io: kubectl top shows a busy pod using about its CPU limit', async () => {
    await api(f.skiff, `/api/v1/namespaces/${f.ns}/configmaps`, {
      method: 'POST',
      body: { metadata: { name: 'load' }, data: { mode: 'burn' } },
    });
    const created = await api(f.skiff, `/apis/apps/v1/namespaces/${f.ns}/deployments`, {
      method: 'POST',
      body: deploymentOf('top', burner({ cpu: '100m' })),
    });
    expect(created.status).toBe(201);
    const row = await until('kubectl top pods to show the pod', 60_000, async () => {
      const out = await kubectl(f.skiff, ['top', 'pods', '-l', 'app=top', '--no-headers'], f.ns).catch(
        () => undefined,
      );
      return out?.stdout.trim() ? out.stdout.trim() : undefined;
    });
    const [, cpu, memory] = row.split(/\s+/);
    // the limit is 200m; a second of sampling on a 2-core machine leaves room either side
    expect(Number(cpu!.replace('m', ''))).toBeGreaterThan(100);
    expect(Number(cpu!.replace('m', ''))).toBeLessThan(260);
    expect(memory).toMatch(/^\d+Mi$/);

    const metrics = (
      await api(f.skiff, `/apis/metrics.k8s.io/v1beta1/namespaces/${f.ns}/pods?labelSelector=app%3Dtop`)
    ).body;
    expect(metrics.kind).toBe('PodMetricsList');
    expect(metrics.items[0].containers[0]).toMatchObject({
      name: 'burn',
      usage: { cpu: expect.stringMatching(/^\d+n$/), memory: expect.stringMatching(/^\d+Ki$/) },
    });
    const nodes = (await kubectl(f.skiff, ['top', 'nodes', '--no-headers'])).stdout;
    expect(nodes).toMatch(/^skiff\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%/);
    await api(f.skiff, deploymentPath('top'), { method: 'DELETE' });
  });

  it('scales a CPU-burning Deployment out within a minute, and back in after the load stops', async () => {
    await setLoad('burn');
    await api(f.skiff, `/apis/apps/v1/namespaces/${f.ns}/deployments`, {
      method: 'POST',
      body: deploymentOf('burner', burner({ cpu: '100m' })),
    });
    const createdHpa = await api(f.skiff, path(''), {
      method: 'POST',
      body: cpuAutoscalerFor(
        'burner',
        50,
        { min: 1, max: 3 },
        { behavior: { scaleDown: { stabilizationWindowSeconds: 5 } } },
      ),
    });
    expect(createdHpa.status).toBe(201);
    const started = Date.now();
    await until('the HPA to scale the Deployment to 3', 60_000, async () => {
      const d = (await api(f.skiff, deploymentPath('burner'))).body;
      return d.spec.replicas === 3 ? d : undefined;
    });
    const scaleOutSeconds = (Date.now() - started) / 1000;
    // Like Kubernetes' HPA controller, Skiff writes the scale first and its own status after it.
    const status = await until('the HPA status to say so', 10_000, async () => {
      const s = (await api(f.skiff, path('/burner'))).body.status;
      return s?.desiredReplicas === 3 ? s : undefined;
    });
    expect(status.desiredReplicas).toBe(3);
    expect(status.lastScaleTime).toBeTruthy();
    expect(status.currentMetrics[0].resource.current.averageUtilization).toBeGreaterThan(50);
    const conditions = Object.fromEntries(status.conditions.map((c: any) => [c.type, c]));
    expect(conditions.ScalingActive).toMatchObject({ status: 'True', reason: 'ValidMetricFound' });
    const events = (
      await api(f.skiff, `/api/v1/namespaces/${f.ns}/events?fieldSelector=involvedObject.name%3Dburner`)
    ).body.items as any[];
    expect(events.map((e) => `${e.reason}: ${e.message}`).join('\n')).toMatch(
      /SuccessfulRescale: New size: \d; reason: cpu resource utilization \(percentage of request\) above target/,
    );
    const table = (await kubectl(f.skiff, ['get', 'hpa', 'burner', '--no-headers'], f.ns)).stdout;
    expect(table).toMatch(/^burner\s+Deployment\/burner\s+cpu: \d+%\/50%\s+1\s+3\s+\d/);
    console.log(`HPA scale-out to 3 replicas took ${scaleOutSeconds.toFixed(1)} s`);

    await setLoad('idle');
    await until('the HPA to scale back to 1', 90_000, async () => {
      const d = (await api(f.skiff, deploymentPath('burner'))).body;
      return d.spec.replicas === 1 ? d : undefined;
    });
    const after = (
      await api(f.skiff, `/api/v1/namespaces/${f.ns}/events?fieldSelector=involvedObject.name%3Dburner`)
    ).body.items as any[];
    expect(after.map((e) => e.message).join('\n')).toMatch(/New size: 1; reason: All metrics below target/);
  }, 180_000);

  it('reports a missing target and pods without requests as conditions, not crashes', async () => {
    await api(f.skiff, `/apis/apps/v1/namespaces/${f.ns}/deployments`, {
      method: 'POST',
      body: deploymentOf('no-requests', burner()),
    });
    await setLoad('idle');
    for (const [name, target] of [
      ['ghost', 'nothing-here'],
      ['no-requests', 'no-requests'],
    ]) {
      await api(f.skiff, path(''), {
        method: 'POST',
        body: hpa(name!, {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target },
          maxReplicas: 2,
        }),
      });
    }
    const ghost = await until('the ghost HPA to say it cannot get its target', 30_000, async () => {
      const c = (await api(f.skiff, path('/ghost'))).body.status?.conditions?.find(
        (x: any) => x.type === 'AbleToScale',
      );
      return c?.status === 'False' ? c : undefined;
    });
    expect(ghost).toMatchObject({ reason: 'FailedGetScale' });
    expect(ghost.message).toMatch(/deployments.apps "nothing-here" not found/);

    const invalid = await until('the no-requests HPA to report its metric invalid', 60_000, async () => {
      const c = (await api(f.skiff, path('/no-requests'))).body.status?.conditions?.find(
        (x: any) => x.type === 'ScalingActive',
      );
      // before the pod's first samples the message says no metrics were returned, as Kubernetes' does
      return c?.status === 'False' && /missing request/.test(c.message) ? c : undefined;
    });
    expect(invalid.reason).toBe('FailedGetResourceMetric');
    expect(invalid.message).toMatch(/missing request for cpu in container burn of Pod no-requests-/);
    expect((await api(f.skiff, deploymentPath('no-requests'))).body.spec.replicas).toBe(1);
  }, 120_000);

  it('refuses bad HPAs with the field and the fix, and stores nothing', async () => {
    const bad = [
      [
        { scaleTargetRef: { kind: 'Deployment', name: 'x' }, minReplicas: 3, maxReplicas: 2 },
        'spec.maxReplicas',
        /greater than or equal to `minReplicas`/,
      ],
      [
        { scaleTargetRef: { kind: 'Deployment', name: 'x' }, maxReplicas: 2, metrics: [{ type: 'Bogus' }] },
        'spec.metrics[0].type',
        /supported values: "ContainerResource", "External", "Object", "Pods", "Resource"/,
      ],
      [
        {
          scaleTargetRef: { kind: 'Deployment', name: 'x' },
          maxReplicas: 2,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }],
        },
        'spec.metrics[0].resource.target.averageUtilization',
        /Required value/,
      ],
      [
        { scaleTargetRef: { kind: 'Deployment', name: 'x' }, minReplicas: 0, maxReplicas: 2 },
        'spec.minReplicas',
        /greater than or equal to 1/,
      ],
    ] as const;
    for (const [spec, field, message] of bad) {
      const res = await api(f.skiff, path(''), { method: 'POST', body: hpa('bad', spec) });
      expect(res.status).toBe(422);
      expect(res.body.details.causes[0].field).toBe(field);
      expect(res.body.details.causes[0].message).toMatch(message);
    }
    expect((await api(f.skiff, path('/bad'))).status).toBe(404);
  });
});
