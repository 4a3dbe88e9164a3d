import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  Watch,
} from '@kubernetes/client-node';
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

  it('kubectl get prints the columns of each kind from the server, and -o wide adds the wide ones', async () => {
    const manifest = join(f.skiff.dataDir, 'printed.yaml');
    await writeFile(
      manifest,
      [
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: printed',
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: printed\nstringData:\n  a: "1"\n  b: "2"',
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: printed\nspec:\n  type: NodePort\n  selector:\n    app: web\n  ports:\n  - port: 80\n    nodePort: 31234',
      ].join('\n---\n'),
    );
    await kubectl(f.skiff, ['apply', '-f', manifest]);
    const secrets = await kubectl(f.skiff, ['get', 'secrets'], 'printed');
    expect(secrets.stdout).toMatch(/^NAME\s+TYPE\s+DATA\s+AGE\ncreds\s+Opaque\s+2\s+\d+s\n$/);
    const services = await kubectl(f.skiff, ['get', 'svc', '-o', 'wide'], 'printed');
    expect(services.stdout).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR\n/);
    expect(services.stdout).toMatch(/\nweb\s+NodePort\s+\S+\s+<none>\s+80:31234\/TCP\s+\d+s\s+app=web\n/);
    const classes = await kubectl(f.skiff, ['get', 'storageclass']);
    expect(classes.stdout).toMatch(
      /\nlocal \(default\)\s+skiff\.io\/docker-volume\s+Delete\s+Immediate\s+false\s+\d+s\n/,
    );
    const nodes = await kubectl(f.skiff, ['get', 'nodes']);
    expect(nodes.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\nskiff\s+(Ready|NotReady)/);
    await kubectl(f.skiff, ['delete', 'namespace', 'printed', '--wait=false']);
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
      /Error from server \(BadRequest\).*Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec\.containers\[0\]\.imagePullPolicyy"/,
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

  it('@kubernetes/client-node watches, patches (merge and strategic) and reads what it changed', async () => {
    const config = new KubeConfig();
    config.loadFromFile(f.skiff.kubeconfig);
    const core = config.makeApiClient(CoreV1Api);
    const apps = config.makeApiClient(AppsV1Api);
    const namespace = 'from-client-node';
    const seen: string[] = [];
    const watching = await new Watch(config).watch(
      `/api/v1/namespaces/${namespace}/configmaps`,
      {},
      // (every namespace also holds kube-root-ca.crt, as on a cluster)
      (phase, obj) => {
        if (obj.metadata.name === 'settings')
          seen.push(`${phase} ${obj.metadata.name} ${obj.data?.mode ?? ''}`);
      },
      () => {},
    );
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'settings' }, data: { mode: 'a' } },
    });
    await core.patchNamespacedConfigMap(
      { namespace, name: 'settings', body: { data: { mode: 'b' } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await expect.poll(() => seen, { timeout: 10_000 }).toEqual(['ADDED settings a', 'MODIFIED settings b']);
    watching.abort();

    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'web', image: 'skiff-test/web:v1' }] },
          },
        },
      },
    });
    const patched = await apps.patchNamespacedDeployment(
      {
        namespace,
        name: 'web',
        body: { spec: { template: { spec: { containers: [{ name: 'web', image: 'skiff-test/web:v2' }] } } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    expect(patched.spec?.template.spec?.containers.map((c) => `${c.name}=${c.image}`)).toEqual([
      'web=skiff-test/web:v2',
    ]);
    const read = await apps.readNamespacedDeployment({ namespace, name: 'web' });
    expect(read.metadata?.generation).toBe(2);
  });
});
