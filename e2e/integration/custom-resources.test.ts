import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  Watch,
} from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { kubectl } from '../support/kubectl';
import { useSkiffServer } from '../support/skiff-fixture';
import { api } from '../support/skiff-process';

// CustomResourceDefinitions end to end with the real kubectl 1.32 and @kubernetes/client-node: a file holding a
// CRD and one of its resources applies as on a cluster, kubectl prints the CRD's columns, watches see changes, the
// schema refuses what it must (422 with the field path, strict unknown fields), the status subresource splits
// writes, and deleting the CRD deletes its resources.

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
    - {name: Color, type: string, jsonPath: .spec.color}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [size]
            properties:
              size: {type: integer, minimum: 1, maximum: 10}
              color: {type: string, enum: [red, blue], default: red}
          status:
            type: object
            properties:
              phase: {type: string}
`;

const widget = (name: string, spec: string) =>
  `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: ${name}\nspec: ${spec}\n`;

describe('custom resources', () => {
  const f = useSkiffServer('crd');
  const path = () => `/apis/example.com/v1/namespaces/${f.ns}/widgets`;

  it('applies a CRD and its resource from one file, prints its columns, watches, validates and deletes', async () => {
    const file = join(f.skiff.dataDir, 'widgets.yaml');
    await writeFile(file, `${CRD}---\n${widget('w1', '{size: 3}')}`);
    // As on a cluster, kubectl 1.32 maps every object of the file before it applies the first, so the Widget's
    // kind is unknown then: the CRD is created, the Widget refused ("ensure CRDs are installed first").
    const first = await kubectl(f.skiff, ['apply', '-f', file], f.ns).catch(
      (e: { stdout: string; stderr: string }) => e,
    );
    expect(first.stdout).toBe('customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n');
    expect(first.stderr).toMatch(
      /no matches for kind "Widget" in version "example\.com\/v1"\nensure CRDs are installed first/,
    );
    await kubectl(f.skiff, [
      'wait',
      '--for=condition=Established',
      'crd/widgets.example.com',
      '--timeout=10s',
    ]);
    const applied = await kubectl(f.skiff, ['apply', '-f', file], f.ns);
    expect(applied.stdout).toBe(
      'customresourcedefinition.apiextensions.k8s.io/widgets.example.com unchanged\nwidget.example.com/w1 created\n',
    );
    // the CRD's schema is published: kubectl explain reads it from /openapi/v3
    const explained = await kubectl(f.skiff, ['explain', 'widgets.spec.color'], f.ns);
    expect(explained.stdout).toMatch(/KIND:\s+Widget/);
    expect(explained.stdout).toMatch(/ENUM:\s+red\s+blue/);
    const crd = await api(
      f.skiff,
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com',
    );
    expect(crd.body.status.conditions).toMatchObject([
      { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts' },
      { type: 'Established', status: 'True', reason: 'InitialNamesAccepted' },
    ]);

    const selected = await api(f.skiff, `${path()}?fieldSelector=metadata.name%3Dw1&labelSelector=missing`);
    expect(selected.body.items).toEqual([]);
    const byName = await api(f.skiff, `${path()}?fieldSelector=metadata.name%3Dw1`);
    expect(byName.body.items.map((w: { spec: unknown }) => w.spec)).toEqual([{ size: 3, color: 'red' }]);
    const printed = await kubectl(f.skiff, ['get', 'wd'], f.ns);
    expect(printed.stdout).toMatch(/^NAME\s+SIZE\s+COLOR\s+AGE\nw1\s+3\s+red\s+\d+s\n$/);

    const config = new KubeConfig();
    config.loadFromFile(f.skiff.kubeconfig);
    const custom = config.makeApiClient(CustomObjectsApi);
    const group = { group: 'example.com', version: 'v1', namespace: f.ns, plural: 'widgets' };
    const seen: string[] = [];
    const watching = await new Watch(config).watch(
      path(),
      {},
      (phase, obj) =>
        seen.push(`${phase} ${obj.metadata.name} ${obj.spec?.size} ${obj.status?.phase ?? '-'}`),
      () => {},
    );
    try {
      await custom.patchNamespacedCustomObject(
        { ...group, name: 'w1', body: { spec: { size: 5 }, status: { phase: 'Ignored' } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      await custom.patchNamespacedCustomObjectStatus(
        { ...group, name: 'w1', body: { spec: { size: 9 }, status: { phase: 'Ready' } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      await expect
        .poll(() => seen, { timeout: 10_000 })
        .toEqual(['ADDED w1 3 -', 'MODIFIED w1 5 -', 'MODIFIED w1 5 Ready']);

      const invalid = await api(f.skiff, path(), {
        method: 'POST',
        body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'big' }, spec: { size: 20 } },
      });
      expect(invalid.status).toBe(422);
      expect(invalid.body.details.causes).toEqual([
        {
          type: 'FieldValueInvalid',
          field: 'spec.size',
          message: 'Invalid value: 20: spec.size in body should be less than or equal to 10',
        },
      ]);
      await writeFile(file, widget('typo', '{size: 2, colour: blue}'));
      const strict = await kubectl(f.skiff, ['create', '-f', file], f.ns).catch((e: { stderr: string }) => e);
      expect((strict as { stderr: string }).stderr).toContain(
        'Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.colour"',
      );
      const strategic = await api(f.skiff, `${path()}/w1`, {
        method: 'PATCH',
        contentType: 'application/strategic-merge-patch+json',
        body: { spec: { size: 4 } },
      });
      expect(strategic.status).toBe(415);

      // A dependent of a custom resource goes with it (the garbage collector follows ownerReferences).
      const owner = await api(f.skiff, `${path()}/w1`);
      const dependent = await api(f.skiff, `/api/v1/namespaces/${f.ns}/configmaps`, {
        method: 'POST',
        body: {
          metadata: {
            name: 'owned-by-w1',
            ownerReferences: [
              { apiVersion: 'example.com/v1', kind: 'Widget', name: 'w1', uid: owner.body.metadata.uid },
            ],
          },
        },
      });
      expect(dependent.status).toBe(201);
      await kubectl(f.skiff, ['delete', 'crd', 'widgets.example.com', '--wait=true', '--timeout=20s']);
      await expect.poll(() => seen.at(-1), { timeout: 10_000 }).toBe('DELETED w1 5 Ready');
    } finally {
      watching.abort();
    }
    expect((await api(f.skiff, path())).status).toBe(404);
    await expect
      .poll(async () => (await api(f.skiff, `/api/v1/namespaces/${f.ns}/configmaps/owned-by-w1`)).status, {
        timeout: 10_000,
      })
      .toBe(404);
    const discovery = await kubectl(f.skiff, ['api-resources', '--api-group=example.com']);
    expect(discovery.stdout).not.toContain('widgets');
  });
});
