import { describe, expect, it } from 'vitest';
import { createKindRegistry } from '../../store/all-kinds';
import { KindRegistry, type KindStrategy } from '../../store/kind-strategy';
import type { ResourceType } from '../../shared/resource-types';
import { readFields, type WireField } from '../protobuf/wire-reader';
import { referencedNames, type OpenApiSchema, type SchemaMap } from './kube-schemas';
import { OpenApiDocuments } from './openapi-documents';

type Doc = {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string }[]; requestBody?: { content: object } }>
  >;
  components: { schemas: SchemaMap };
};

const docOf = (docs: OpenApiDocuments, gv: string): Doc => JSON.parse(docs.v3GroupVersion(gv)!.json) as Doc;

function strategyFor(type: ResourceType): KindStrategy {
  return { type, nameRule: 'dns1123-subdomain', validate: () => [] };
}

const roleType: ResourceType = {
  group: 'rbac.authorization.k8s.io',
  version: 'v1',
  kind: 'Role',
  plural: 'roles',
  singular: 'role',
  namespaced: true,
  hasStatus: false,
};
const widgetType: ResourceType = {
  group: 'example.com',
  version: 'v1',
  kind: 'Widget',
  plural: 'widgets',
  singular: 'widget',
  namespaced: true,
  hasStatus: true,
};

describe('OpenApiDocuments', () => {
  const docs = new OpenApiDocuments(createKindRegistry());

  it('indexes one document per group version Skiff serves, with a hash of its content', () => {
    const index = docs.v3Index();
    const gvs = Object.keys(index.paths);
    expect(gvs).toEqual(
      expect.arrayContaining([
        'api/v1',
        'apis/apps/v1',
        'apis/batch/v1',
        'apis/autoscaling/v2',
        'apis/rbac.authorization.k8s.io/v1',
        'apis/apiextensions.k8s.io/v1',
      ]),
    );
    expect(gvs).not.toContain('apis/autoscaling/v2beta2'); // not served
    const apps = docs.v3GroupVersion('apis/apps/v1')!;
    expect(index.paths['apis/apps/v1']!.serverRelativeURL).toBe(`/openapi/v3/apis/apps/v1?hash=${apps.hash}`);
    expect(docs.v3GroupVersion('apis/nope/v1')).toBeUndefined();
  });

  it("publishes Kubernetes' own schema of each kind, descriptions and patch strategies included", () => {
    const apps = docOf(docs, 'apis/apps/v1');
    const deployment = apps.components.schemas['io.k8s.api.apps.v1.Deployment']!;
    expect(deployment['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', kind: 'Deployment', version: 'v1' },
    ]);
    const strategy = apps.components.schemas['io.k8s.api.apps.v1.DeploymentStrategy']!;
    expect((strategy.properties as SchemaMap).type!.description).toMatch(/Type of deployment/);
    const podSpec = apps.components.schemas['io.k8s.api.core.v1.PodSpec']!;
    expect((podSpec.properties as SchemaMap).containers).toMatchObject({
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    });
  });

  it('holds every schema its documents refer to', () => {
    for (const gv of Object.keys(docs.v3Index().paths)) {
      const doc = docOf(docs, gv);
      const missing = referencedNames(doc).filter((name) => !(name in doc.components.schemas));
      expect(missing, gv).toEqual([]);
    }
  });

  it('publishes the PATCH operation kubectl looks for: fieldValidation and strategic merge patch', () => {
    const apps = docOf(docs, 'apis/apps/v1');
    const patch = apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}']!.patch!;
    expect(patch['x-kubernetes-group-version-kind' as never]).toEqual({
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
    });
    expect(patch.parameters!.map((p) => p.name)).toContain('fieldValidation');
    expect(Object.keys(patch.requestBody!.content)).toContain('application/strategic-merge-patch+json');
    expect(apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']).toBeDefined();
    expect(apps.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status']).toBeDefined();
    const core = docOf(docs, 'api/v1');
    expect(core.paths['/api/v1/namespaces/{name}']).toBeDefined(); // cluster-scoped
    expect(core.paths['/api/v1/pods']).toBeDefined(); // across namespaces
  });

  it('publishes a kind as soon as it is registered, when the vendored spec has it', () => {
    const withRole = new OpenApiDocuments(new KindRegistry([strategyFor(roleType)]));
    const rbac = docOf(withRole, 'apis/rbac.authorization.k8s.io/v1');
    expect(Object.keys(rbac.components.schemas)).toEqual(
      expect.arrayContaining([
        'io.k8s.api.rbac.v1.Role',
        'io.k8s.api.rbac.v1.RoleList',
        'io.k8s.api.rbac.v1.PolicyRule',
      ]),
    );
  });

  it('takes custom resources from a registered source, and rebuilds when it says they changed', () => {
    const docs = new OpenApiDocuments(new KindRegistry([]));
    let description = 'A widget.';
    const handle = docs.registerSource(() => ({
      kinds: [{ type: widgetType, schemaName: 'com.example.v1.Widget', strategicMergePatch: false }],
      schemas: {
        'com.example.v1.Widget': {
          type: 'object',
          description,
          properties: {
            metadata: {
              allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }],
            },
          },
          'x-kubernetes-group-version-kind': [{ group: 'example.com', version: 'v1', kind: 'Widget' }],
        },
      },
    }));
    const doc = docOf(docs, 'apis/example.com/v1');
    expect(doc.components.schemas['com.example.v1.Widget']!.description).toBe('A widget.');
    expect(doc.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']).toBeDefined();
    const patch = doc.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}']!.patch!;
    expect(Object.keys(patch.requestBody!.content)).not.toContain('application/strategic-merge-patch+json');

    const before = docs.v3GroupVersion('apis/example.com/v1')!.hash;
    description = 'A better widget.';
    expect(docs.v3GroupVersion('apis/example.com/v1')!.hash).toBe(before); // cached until told
    handle.changed();
    expect(docOf(docs, 'apis/example.com/v1').components.schemas['com.example.v1.Widget']!.description).toBe(
      'A better widget.',
    );
    handle.dispose();
    expect(docs.v3GroupVersion('apis/example.com/v1')).toBeUndefined();
  });

  it('publishes a served kind that has no schema anywhere as an object keeping unknown fields', () => {
    const docs = new OpenApiDocuments(new KindRegistry([strategyFor(widgetType)]));
    const schemas = docOf(docs, 'apis/example.com/v1').components.schemas;
    expect(schemas['com.example.v1.Widget']).toMatchObject({ 'x-kubernetes-preserve-unknown-fields': true });
  });

  it('words /openapi/v2 as Swagger 2.0: $ref beside the description, IntOrString and Quantity as strings', () => {
    const v2 = JSON.parse(docs.v2Json()) as { swagger: string; definitions: SchemaMap };
    expect(v2.swagger).toBe('2.0');
    const deployment = v2.definitions['io.k8s.api.apps.v1.Deployment']!;
    expect((deployment.properties as SchemaMap).spec).toMatchObject({
      $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentSpec',
      description: expect.stringMatching(/desired behavior/),
    });
    expect(v2.definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({
      type: 'string',
      format: 'int-or-string',
    });
    expect(v2.definitions['io.k8s.apimachinery.pkg.api.resource.Quantity']!.type).toBe('string');
    expect(JSON.stringify(v2)).not.toMatch(/#\/components\/schemas|"oneOf":\[/);
  });

  it('encodes /openapi/v2 as the gnostic Document protobuf (swagger, info, definitions by name)', () => {
    const fields = readFields(docs.v2Protobuf());
    const text = (f: WireField | undefined) =>
      f && 'bytes' in f ? Buffer.from(f.bytes).toString('utf8') : undefined;
    expect(text(fields.find((f) => f.number === 1))).toBe('2.0');
    const definitions = fields.find((f) => f.number === 9)!;
    const named = readFields((definitions as { bytes: Uint8Array }).bytes).map((f) =>
      readFields((f as { bytes: Uint8Array }).bytes),
    );
    const names = named.map((n) => text(n.find((f) => f.number === 1)));
    expect(names).toContain('io.k8s.api.apps.v1.Deployment');
    const deployment = named[names.indexOf('io.k8s.api.apps.v1.Deployment')]!;
    const schema = readFields((deployment.find((f) => f.number === 2) as { bytes: Uint8Array }).bytes);
    const extension = readFields((schema.find((f) => f.number === 31) as { bytes: Uint8Array }).bytes);
    expect(text(extension[0])).toBe('x-kubernetes-group-version-kind');
    const yaml = text(readFields((extension[1] as { bytes: Uint8Array }).bytes).find((f) => f.number === 2));
    expect(JSON.parse(yaml!) as OpenApiSchema[]).toEqual([
      { group: 'apps', kind: 'Deployment', version: 'v1' },
    ]);
  });
});
