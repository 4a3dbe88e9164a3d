import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { kubectl } from '../support/kubectl';
import { isReady } from '../support/pods';
import { useSkiffServer } from '../support/skiff-fixture';
import { api } from '../support/skiff-process';

/** Polls `read` every 200 ms until `check` holds. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > deadline)
      throw new Error(`${what} did not happen in 60 s; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}

// kubectl's generators (create <kind>, autoscale) send their objects as Kubernetes protobuf.
describe('kubectl create, expose and autoscale against Skiff', () => {
  const f = useSkiffServer('kcreate');
  const k = (...args: string[]) => kubectl(f.skiff, args, f.ns).then((r) => r.stdout);
  const get = (path: string) => api(f.skiff, `/api/v1/namespaces/${f.ns}/${path}`).then((r) => r.body);
  const getApps = (path: string) =>
    api(f.skiff, `/apis/apps/v1/namespaces/${f.ns}/${path}`).then((r) => r.body);

  // `kubectl create deployment` pods keep the default 30 s grace period: end them at once instead.
  afterAll(async () => {
    for (const kind of ['deployments', 'replicasets'])
      await k('delete', kind, '--all', '--cascade=orphan').catch(() => undefined);
    await k('delete', 'pods', '--all', '--grace-period=0', '--force').catch(() => undefined);
  });

  it('create namespace', async () => {
    const name = `${f.ns}-more`;
    expect(await kubectl(f.skiff, ['create', 'namespace', name]).then((r) => r.stdout)).toBe(
      `namespace/${name} created\n`,
    );
    const namespace = await api(f.skiff, `/api/v1/namespaces/${name}`);
    expect(namespace.body).toMatchObject({ metadata: { name }, status: { phase: 'Active' } });
    await kubectl(f.skiff, ['delete', 'namespace', name, '--wait=false']);
  });

  it('create configmap --from-literal, an empty value included', async () => {
    expect(
      await k('create', 'configmap', 'settings', '--from-literal=mode=fast', '--from-literal=empty='),
    ).toBe('configmap/settings created\n');
    expect((await get('configmaps/settings')).data).toEqual({ mode: 'fast', empty: '' });
  });

  it('create secret generic: the value reaches the API as base64 and never Skiff’s output', async () => {
    const value = `pw-${randomBytes(8).toString('hex')}`;
    expect(await k('create', 'secret', 'generic', 'db', `--from-literal=password=${value}`)).toBe(
      'secret/db created\n',
    );
    const secret = await get('secrets/db');
    expect(secret.type).toBe('Opaque');
    expect(secret.data).toEqual({ password: Buffer.from(value).toString('base64') });
    expect(f.skiff.output()).not.toContain(value);
    expect(f.skiff.output()).not.toContain(Buffer.from(value).toString('base64'));
  });

  it('create deployment --replicas=2 --port=8080: both pods become Ready', async () => {
    expect(
      await k('create', 'deployment', 'web', '--image=skiff-test/web:v1', '--replicas=2', '--port=8080'),
    ).toBe('deployment.apps/web created\n');
    expect((await getApps('deployments/web')).spec).toMatchObject({
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { spec: { containers: [{ name: 'web', ports: [{ containerPort: 8080 }] }] } },
    });
    await eventually(
      () => get('pods?labelSelector=app%3Dweb').then((list) => list.items as unknown[]),
      (pods) => pods.length === 2 && pods.every(isReady),
      'two Ready web pods',
    );
  });

  it('create deployment --replicas=0 keeps the zero (a pointer field set to 0 in protobuf)', async () => {
    await k('create', 'deployment', 'idle', '--image=skiff-test/web:v1', '--replicas=0');
    expect((await getApps('deployments/idle')).spec.replicas).toBe(0);
  });

  it('create service clusterip and expose deployment: both select the Ready pods', async () => {
    expect(await k('create', 'service', 'clusterip', 'web', '--tcp=80:8080')).toBe('service/web created\n');
    const service = await get('services/web');
    expect(service.spec).toMatchObject({
      type: 'ClusterIP',
      selector: { app: 'web' },
      ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }],
    });
    // Skiff's service proxy assigns the cluster IP once it has a forwarder for the Service.
    await eventually(
      () => get('services/web'),
      (svc) => /^\d+\.\d+\.\d+\.\d+$/.test(svc.spec.clusterIP ?? ''),
      'a cluster IP for web',
    );
    expect(
      await k('expose', 'deployment', 'web', '--name=web-exposed', '--port=80', '--target-port=8080'),
    ).toBe('service/web-exposed exposed\n');
    for (const name of ['web', 'web-exposed']) {
      await eventually(
        () => get(`endpoints/${name}`),
        (endpoints) => endpoints.subsets?.[0]?.addresses?.length === 2,
        `two ready addresses behind ${name}`,
      );
    }
  });

  it('autoscale deployment: stored as autoscaling/v2 with a 50% CPU utilization target', async () => {
    expect(await k('autoscale', 'deployment', 'web', '--cpu-percent=50', '--min=1', '--max=4')).toBe(
      'horizontalpodautoscaler.autoscaling/web autoscaled\n',
    );
    const hpa = JSON.parse(await k('get', 'hpa', 'web', '-o', 'json'));
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 4,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
        },
      ],
    });
    const v1 = await api(f.skiff, `/apis/autoscaling/v1/namespaces/${f.ns}/horizontalpodautoscalers/web`);
    expect(v1.body.spec).toMatchObject({
      minReplicas: 1,
      maxReplicas: 4,
      targetCPUUtilizationPercentage: 50,
    });
  });
});
