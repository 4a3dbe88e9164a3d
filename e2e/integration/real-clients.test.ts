import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { useSkiffServer } from '../support/skiff-fixture';

import { kubectl } from '../support/kubectl';

describe('real Kubernetes clients with the written kubeconfig', () => {
  const f = useSkiffServer();

  it('kubectl reads the version, creates and lists namespaces', async () => {
    const version = await kubectl(f.skiff, ['version', '-o', 'json']);
    expect(JSON.parse(version.stdout).serverVersion).toMatchObject({ major: '1', minor: '32' });
    const manifest = join(f.skiff.dataDir, 'ns.yaml');
    await writeFile(manifest, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-kubectl\n');
    await kubectl(f.skiff, ['create', '-f', manifest]);
    const names = await kubectl(f.skiff, ['get', 'namespaces', '-o', 'name']);
    expect(names.stdout.split('\n')).toContain('namespace/from-kubectl');
    await writeFile(manifest, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: Not_Valid\n');
    const bad = await kubectl(f.skiff, ['create', '-f', manifest]).catch((e: { stderr: string }) => e);
    expect((bad as { stderr: string }).stderr).toMatch(/Invalid value: "Not_Valid"/);
    await kubectl(f.skiff, ['delete', 'namespace', 'from-kubectl', '--wait=true', '--timeout=20s']);
    const after = await kubectl(f.skiff, ['get', 'namespaces', '-o', 'name']);
    expect(after.stdout.split('\n')).not.toContain('namespace/from-kubectl');
  });

  it('kubectl apply creates, leaves unchanged, configures, and the server rejects unknown fields strictly', async () => {
    const manifest = join(f.skiff.dataDir, 'cm.yaml');
    await writeFile(
      manifest,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  a: "1"\n',
    );
    expect((await kubectl(f.skiff, ['apply', '-f', manifest])).stdout).toBe('configmap/applied created\n');
    expect((await kubectl(f.skiff, ['apply', '-f', manifest])).stdout).toBe('configmap/applied unchanged\n');
    await writeFile(
      manifest,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  b: "2"\n',
    );
    expect((await kubectl(f.skiff, ['apply', '-f', manifest])).stdout).toBe('configmap/applied configured\n');
    const applied = JSON.parse(
      (await kubectl(f.skiff, ['get', 'configmap', 'applied', '-o', 'json'])).stdout,
    );
    expect(applied.data).toEqual({ b: '2' }); // the key the manifest dropped is gone, as apply's three-way merge says
    expect(applied.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain(
      '"b":"2"',
    );
    await writeFile(
      manifest,
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: typo\nspec:\n  containers: [{name: a, image: "x:1", imagePullPolicyy: Always}]\n',
    );
    const typo = await kubectl(f.skiff, ['apply', '-f', manifest]).catch((e: { stderr: string }) => e);
    expect((typo as { stderr: string }).stderr).toMatch(
      /spec.containers\[0\].imagePullPolicyy: Unsupported value: unknown field "imagePullPolicyy"/,
    );
  });

  it('@kubernetes/client-node lists and creates namespaces', async () => {
    const config = new KubeConfig();
    config.loadFromFile(f.skiff.kubeconfig);
    const core = config.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'from-client-node' } } });
    const list = await core.listNamespace();
    expect(list.items.map((n) => n.metadata?.name)).toContain('from-client-node');
    expect(list.items.find((n) => n.metadata?.name === 'from-client-node')?.status?.phase).toBe('Active');
  });
});
