import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubectl } from '../support/kubectl';
import { useSkiffServer } from '../support/skiff-fixture';
import { api } from '../support/skiff-process';

/** kubectl's output whether it succeeds or not. */
async function run(
  f: { skiff: Parameters<typeof kubectl>[0]; ns: string },
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await kubectl(f.skiff, args, f.ns);
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

// /openapi/v3 and /openapi/v2 carry Kubernetes 1.32's own schemas for the kinds Skiff serves: kubectl explain
// reads them, and kubectl's validation downloads them before it sends anything.
describe('OpenAPI documents with the real kubectl', () => {
  const f = useSkiffServer('openapi');
  const file = async (name: string, yaml: string) => {
    const path = join(f.dir, name);
    await writeFile(path, yaml);
    return path;
  };

  it('kubectl explain describes fields of the kinds Skiff serves', async () => {
    const strategy = await run(f, ['explain', 'deployment.spec.strategy']);
    expect(strategy.stdout).toContain('FIELD: strategy <DeploymentStrategy>');
    expect(strategy.stdout).toMatch(/rollingUpdate\s+<RollingUpdateDeployment>/);
    expect(strategy.stdout).toContain('Type of deployment. Can be "Recreate" or "RollingUpdate"');

    const pods = await run(f, ['explain', 'pods', '--recursive']);
    expect(pods.stdout).toMatch(/containers\s+<\[\]Container> -required-/);
    expect(pods.stdout).toMatch(/livenessProbe\s+<Probe>/);

    for (const [what, expected] of [
      ['service.spec.ports.targetPort', 'FIELD: targetPort <IntOrString>'],
      ['cronjob.spec.jobTemplate.spec.backoffLimit', 'FIELD: backoffLimit <integer>'],
      ['ingress.spec.rules.http.paths.pathType', 'FIELD: pathType <string>'],
      ['hpa.spec.metrics', 'VERSION:    v2'],
      ['statefulset.spec.persistentVolumeClaimRetentionPolicy', 'whenDeleted'],
    ] as const) {
      const out = await run(f, ['explain', what]);
      expect(out.stderr, what).toBe('');
      expect(out.stdout, what).toContain(expected);
    }
  });

  it('a file with a kind Skiff does not serve: that object is refused by name, the rest is applied', async () => {
    const path = await file(
      'mixed.yaml',
      [
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: before}\ndata: {a: "1"}',
        'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}',
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: after}\ndata: {b: "2"}',
      ].join('\n---\n'),
    );
    const out = await run(f, ['apply', '-f', path]);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('configmap/before created\nconfigmap/after created\n');
    expect(out.stderr).toContain(
      `resource mapping not found for name: "w" namespace: "" from "${path}": no matches for kind "Widget" in version "example.com/v1"`,
    );
    expect((await api(f.skiff, `/api/v1/namespaces/${f.ns}/configmaps/after`)).status).toBe(200);
  });

  it('--validate=strict refuses an unknown field with kubectl’s words, and creates nothing', async () => {
    const path = await file(
      'unknown-field.yaml',
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: strict}',
        'spec:',
        '  selector: {matchLabels: {app: strict}}',
        '  replicas: 0',
        '  foo: bar',
        '  template:',
        '    metadata: {labels: {app: strict}}',
        '    spec: {containers: [{name: c, image: skiff-test/web:v1}]}',
      ].join('\n'),
    );
    const out = await run(f, ['apply', '--validate=strict', '-f', path]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(
      `Error from server (BadRequest): error when creating "${path}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"`,
    );
    expect((await api(f.skiff, `/apis/apps/v1/namespaces/${f.ns}/deployments/strict`)).status).toBe(404);
  });

  it('a raw request to a group, version or resource Skiff does not serve is a 404', async () => {
    for (const path of [
      '/apis/example.com/v1/widgets',
      '/apis/example.com',
      '/apis/apps/v9',
      '/api/v1/nothings',
    ]) {
      const out = await run(f, ['get', '--raw', path]);
      expect(out.stderr, path).toContain(
        'Error from server (NotFound): the server could not find the requested resource',
      );
    }
  });

  it('serves /openapi/v2 as protobuf (kubectl reads it) and JSON, and redirects a stale /openapi/v3 hash', async () => {
    const protobuf = await api(f.skiff, '/openapi/v2', {
      headers: { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' },
    });
    expect(protobuf.status).toBe(200);
    expect(protobuf.headers['content-type']).toBe(
      'application/com.github.proto-openapi.spec.v2.v1.0+protobuf',
    );
    const swagger = await api<{ swagger: string; definitions: Record<string, unknown> }>(
      f.skiff,
      '/openapi/v2',
    );
    expect(swagger.body.swagger).toBe('2.0');
    expect(swagger.body.definitions['io.k8s.api.apps.v1.Deployment']).toBeDefined();
    // kubectl's v2 explain decodes the protobuf document fully
    const v2 = await run(f, ['explain', 'deployment.spec.strategy', '--output=plaintext-openapiv2']);
    expect(v2.stdout).toMatch(/RESOURCE: strategy <Object>[\s\S]*rollingUpdate\t<Object>/);
    const stale = await api(f.skiff, '/openapi/v3/apis/apps/v1?hash=0');
    expect(stale.status).toBe(301);
    expect(stale.headers.location).toMatch(/^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/);
  });
});
