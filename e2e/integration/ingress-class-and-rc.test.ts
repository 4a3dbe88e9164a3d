import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { api } from '../support/skiff-process';
import { useSkiffServer } from '../support/skiff-fixture';
import { createPod, isReady, waitForPod } from '../support/pods';
import { kubectl } from '../support/kubectl';
import { webPod } from '../support/manifests';

function get(base: string, host: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, headers: { host }, agent: false },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const ingress = (name: string, host: string, className?: string, more: Record<string, unknown> = {}) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name },
  spec: {
    ...(className ? { ingressClassName: className } : {}),
    rules: [
      {
        host,
        http: {
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } },
          ],
        },
      },
    ],
    ...more,
  },
});

describe('IngressClass and ReplicationController on the real engine', () => {
  const f = useSkiffServer('icrc');
  const ingresses = () => `/apis/networking.k8s.io/v1/namespaces/${f.ns}/ingresses`;

  it("serves its own class (the default) and leaves another controller's Ingresses alone", async () => {
    const classes = (await kubectl(f.skiff, ['get', 'ingressclass'])).stdout;
    expect(classes).toMatch(/NAME\s+CONTROLLER\s+PARAMETERS\s+AGE/);
    expect(classes).toMatch(/skiff\s+skiff\.io\/ingress\s+<none>/);
    const other = await api(f.skiff, '/apis/networking.k8s.io/v1/ingressclasses', {
      method: 'POST',
      body: { metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } },
    });
    expect(other.status).toBe(201);
    const bad = await api(f.skiff, '/apis/networking.k8s.io/v1/ingressclasses', {
      method: 'POST',
      body: { metadata: { name: 'bad' }, spec: { controller: 'nginx' } },
    });
    expect(bad.body.message).toContain(
      'spec.controller: Invalid value: "nginx": must be a domain-prefixed path',
    );

    await createPod(f.skiff, f.ns, webPod('web-1', { app: 'web' }));
    await api(f.skiff, `/api/v1/namespaces/${f.ns}/services`, {
      method: 'POST',
      body: {
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] },
      },
    });
    await waitForPod(f.skiff, f.ns, 'web-1', isReady);
    const mine = await api(f.skiff, ingresses(), { method: 'POST', body: ingress('mine', 'mine.local') });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    expect(mine.body.spec.ingressClassName).toBe('skiff');
    await api(f.skiff, ingresses(), { method: 'POST', body: ingress('theirs', 'theirs.local', 'nginx') });
    await expect
      .poll(async () => (await get(f.skiff.ingressUrl, 'mine.local', '/')).status, { timeout: 10_000 })
      .toBe(200);
    expect((await get(f.skiff.ingressUrl, 'theirs.local', '/')).status).toBe(404);
    const theirs = (await api(f.skiff, `${ingresses()}/theirs`)).body;
    expect(theirs.status.loadBalancer).toEqual({});
    const row = (await kubectl(f.skiff, ['get', 'ingress', 'mine', 'theirs'], f.ns)).stdout;
    expect(row).toMatch(/mine\s+skiff\s+mine\.local\s+127\.0\.0\.1\s+80/);
    expect(row).toMatch(/theirs\s+nginx\s+theirs\.local\s+80/);

    const resource = await api(f.skiff, ingresses(), {
      method: 'POST',
      body: {
        metadata: { name: 'bucket' },
        spec: {
          defaultBackend: {
            resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'assets' },
          },
        },
      },
    });
    expect(resource.status).toBe(422);
    expect(resource.body.message).toContain(
      "spec.defaultBackend.resource: Forbidden: Skiff's Ingress controller routes only to Services",
    );
  });

  it('runs a ReplicationController: pods from its template, kubectl get rc columns, kubectl scale', async () => {
    const res = await api(f.skiff, `/api/v1/namespaces/${f.ns}/replicationcontrollers`, {
      method: 'POST',
      body: {
        metadata: { name: 'legacy' },
        spec: {
          replicas: 2,
          template: {
            metadata: { labels: { app: 'legacy' } },
            spec: {
              terminationGracePeriodSeconds: 1,
              containers: [{ name: 'c', image: 'skiff-test/tools:v1' }],
            },
          },
        },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.spec.selector).toEqual({ app: 'legacy' });
    await expect
      .poll(async () => (await kubectl(f.skiff, ['get', 'rc', 'legacy'], f.ns)).stdout, { timeout: 20_000 })
      .toMatch(/legacy\s+2\s+2\s+2\s+/);
    const header = (await kubectl(f.skiff, ['get', 'rc', '-o', 'wide'], f.ns)).stdout.split('\n')[0];
    expect(header).toMatch(/NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR/);
    await kubectl(f.skiff, ['scale', 'rc', 'legacy', '--replicas=1'], f.ns);
    await expect
      .poll(
        async () =>
          (
            await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3Dlegacy`)
          ).body.items.filter((p: any) => !p.metadata.deletionTimestamp).length,
        { timeout: 10_000 },
      )
      .toBe(1);
    await kubectl(f.skiff, ['delete', 'rc', 'legacy'], f.ns);
    await expect
      .poll(
        async () =>
          (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3Dlegacy`)).body.items
            .length,
        { timeout: 20_000 },
      )
      .toBe(0);
  });
});
