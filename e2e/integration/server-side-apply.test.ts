import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl } from '../support/kubectl';
import { isReady } from '../support/pods';
import { useSkiffServer } from '../support/skiff-fixture';
import { api } from '../support/skiff-process';

const manifest = (opts: { image: string; replicas: number; labels: Record<string, string> }) =>
  JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: opts.labels },
    spec: {
      replicas: opts.replicas,
      selector: { matchLabels: { app: 'ssa-web' } },
      template: {
        metadata: { labels: { app: 'ssa-web' } },
        spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'web', image: opts.image }] },
      },
    },
  });

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('kubectl apply --server-side', () => {
  const f = useSkiffServer('ssa');
  let dir: string;
  const file = () => join(dir, 'web.json');
  const write = (opts: Parameters<typeof manifest>[0]) => writeFile(file(), manifest(opts));
  const path = () => `/apis/apps/v1/namespaces/${f.ns}/deployments/web`;
  const get = async () => (await api(f.skiff, path())).body;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'skiff-ssa-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a Deployment whose pods come up, owned by the Apply manager', async () => {
    await write({ image: 'skiff-test/web:v1', replicas: 2, labels: { app: 'ssa-web', tier: 'front' } });
    const { stdout } = await kubectl(f.skiff, ['apply', '--server-side', '-f', file()], f.ns);
    expect(stdout).toContain('deployment.apps/web serverside-applied');
    const created = await get();
    expect(created.metadata.managedFields).toEqual([
      expect.objectContaining({
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        fieldsType: 'FieldsV1',
      }),
    ]);
    expect(created.metadata.managedFields[0].fieldsV1['f:spec']['f:replicas']).toEqual({});
    await until('two ready pods', async () => {
      const pods = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/pods?labelSelector=app%3Dssa-web`)).body
        .items;
      return pods.filter(isReady).length === 2 ? true : undefined;
    });
    // The next test compares resourceVersions, so the controller must be done writing this rollout's status.
    await until('the rollout complete in status', async () => {
      const { status } = await get();
      const progressing = status?.conditions?.find((c: any) => c.type === 'Progressing');
      return status?.availableReplicas === 2 && progressing?.reason === 'NewReplicaSetAvailable'
        ? true
        : undefined;
    });
  });

  it('re-applying the same file changes nothing', async () => {
    const before = await get();
    const { stdout } = await kubectl(f.skiff, ['apply', '--server-side', '-f', file()], f.ns);
    expect(stdout).toContain('serverside-applied');
    expect((await get()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('applies a changed image, and removes a label taken out of the file', async () => {
    await write({ image: 'skiff-test/web:v2', replicas: 2, labels: { app: 'ssa-web' } });
    await kubectl(f.skiff, ['apply', '--server-side', '-f', file()], f.ns);
    const applied = await get();
    expect(applied.spec.template.spec.containers[0].image).toBe('skiff-test/web:v2');
    expect(applied.metadata.labels).toEqual({ app: 'ssa-web' });
  });

  it('conflicts on replicas changed by kubectl scale, and --force-conflicts takes them', async () => {
    await kubectl(f.skiff, ['scale', 'deployment/web', '--replicas=3'], f.ns);
    const scaled = await get();
    const scaleEntry = scaled.metadata.managedFields.find((e: any) => e.operation === 'Update');
    // kubectl scale sends no fieldManager: the manager is the User-Agent's program name (here kubectl.1.32).
    expect(scaleEntry).toMatchObject({ manager: expect.stringMatching(/^kubectl/), subresource: 'scale' });
    expect(scaleEntry.fieldsV1).toEqual({ 'f:spec': { 'f:replicas': {} } });

    await write({ image: 'skiff-test/web:v2', replicas: 1, labels: { app: 'ssa-web' } });
    const refused = await kubectl(f.skiff, ['apply', '--server-side', '-f', file()], f.ns).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(refused?.code).not.toBe(0);
    expect(refused?.stderr).toContain(
      `Apply failed with 1 conflict: conflict with ${JSON.stringify(scaleEntry.manager)} with subresource "scale" using apps/v1: .spec.replicas`,
    );
    expect((await get()).spec.replicas).toBe(3);

    await kubectl(f.skiff, ['apply', '--server-side', '--force-conflicts', '-f', file()], f.ns);
    const forced = await get();
    expect(forced.spec.replicas).toBe(1);
    expect(forced.metadata.managedFields.map((e: any) => e.manager)).toEqual(['kubectl']);
  });

  it('shows managedFields with --show-managed-fields', async () => {
    const { stdout } = await kubectl(
      f.skiff,
      ['get', 'deployment/web', '-o', 'yaml', '--show-managed-fields'],
      f.ns,
    );
    expect(stdout).toContain('managedFields:');
    expect(stdout).toContain('operation: Apply');
    const plain = await kubectl(f.skiff, ['get', 'deployment/web', '-o', 'yaml'], f.ns);
    expect(plain.stdout).not.toContain('managedFields');
  });

  it('records Update ownership for kubectl create, and a raw apply needs a fieldManager', async () => {
    await writeFile(
      join(dir, 'cm.json'),
      JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'conf' }, data: { a: '1' } }),
    );
    await kubectl(f.skiff, ['create', '-f', join(dir, 'cm.json')], f.ns);
    const cm = (await api(f.skiff, `/api/v1/namespaces/${f.ns}/configmaps/conf`)).body;
    expect(cm.metadata.managedFields).toEqual([
      expect.objectContaining({
        manager: 'kubectl-create',
        operation: 'Update',
        fieldsV1: { 'f:data': { 'f:a': {} } },
      }),
    ]);

    const body = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: conf\ndata:\n  a: "2"\n';
    const missing = await api(f.skiff, `/api/v1/namespaces/${f.ns}/configmaps/conf`, {
      method: 'PATCH',
      body,
      contentType: 'application/apply-patch+yaml',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('fieldManager');

    const conflict = await api(f.skiff, `/api/v1/namespaces/${f.ns}/configmaps/conf?fieldManager=me`, {
      method: 'PATCH',
      body,
      contentType: 'application/apply-patch+yaml',
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.details.causes).toEqual([
      { type: 'FieldManagerConflict', message: 'conflict with "kubectl-create" using v1', field: '.data.a' },
    ]);
  });

  it('dryRun=All applies nothing, on create as on update', async () => {
    const body = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dry' },
      data: { a: '1' },
    });
    const created = await api(
      f.skiff,
      `/api/v1/namespaces/${f.ns}/configmaps/dry?fieldManager=me&dryRun=All`,
      {
        method: 'PATCH',
        body,
        contentType: 'application/apply-patch+yaml',
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.metadata.managedFields[0].manager).toBe('me');
    expect((await api(f.skiff, `/api/v1/namespaces/${f.ns}/configmaps/dry`)).status).toBe(404);
  });
});
