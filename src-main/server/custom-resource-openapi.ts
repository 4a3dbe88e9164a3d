import type { CustomResourceDefinition } from '../shared/custom-resource-types';
import type { JSONSchemaProps } from '../shared/json-schema-props';

// OpenAPI v3 for custom resources, as apiextensions-apiserver's controller/openapi/builder publishes it: per
// served version of each Established CRD, a component named by the reversed group (`com.example.v1.Widget`)
// holding the version's structural schema with apiVersion, kind and metadata (ObjectMeta) filled in, its List,
// and the paths with `x-kubernetes-group-version-kind`. A patch operation lists the patch types a custom
// resource accepts (no strategic merge patch), which is how kubectl knows to send a merge patch.

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const LIST_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta';
const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
];

export interface OpenApiPart {
  paths: Record<string, unknown>;
  schemas: Record<string, unknown>;
}

/** `example.com`, `v1`, `Widget` → `com.example.v1.Widget`, as Kubernetes names a CR's definition. */
export function definitionName(group: string, version: string, kind: string): string {
  return [...group.split('.').reverse(), version, kind].join('.');
}

function kindSchema(
  crd: CustomResourceDefinition,
  version: string,
  schema: JSONSchemaProps,
): Record<string, unknown> {
  const gvk = [{ group: crd.spec.group, version, kind: crd.spec.names.kind }];
  const properties = { ...(schema.properties ?? {}) } as Record<string, unknown>;
  properties.apiVersion = {
    type: 'string',
    description:
      'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
  };
  properties.kind = {
    type: 'string',
    description:
      'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
  };
  properties.metadata = {
    description:
      "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    allOf: [{ $ref: `#/components/schemas/${OBJECT_META}` }],
  };
  return { ...schema, type: 'object', properties, 'x-kubernetes-group-version-kind': gvk };
}

function listSchema(
  crd: CustomResourceDefinition,
  version: string,
  itemName: string,
): Record<string, unknown> {
  const listKind = crd.spec.names.listKind ?? `${crd.spec.names.kind}List`;
  return {
    type: 'object',
    description: `${listKind} is a list of ${crd.spec.names.kind}`,
    required: ['items'],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      items: { type: 'array', items: { $ref: `#/components/schemas/${itemName}` } },
      metadata: { allOf: [{ $ref: `#/components/schemas/${LIST_META}` }] },
    },
    'x-kubernetes-group-version-kind': [{ group: crd.spec.group, version, kind: listKind }],
  };
}

function paths(crd: CustomResourceDefinition, version: string, itemName: string): Record<string, unknown> {
  const { group, names, scope } = crd.spec;
  const gvk = { 'x-kubernetes-group-version-kind': { group, version, kind: names.kind } };
  const ref = { $ref: `#/components/schemas/${itemName}` };
  const body = (types: string[]) => ({
    content: Object.fromEntries(
      types.map((t) => [t, { schema: t.includes('patch') ? { type: 'object' } : ref }]),
    ),
    required: true,
  });
  const ok = { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } };
  const params = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({
    name,
    in: 'query',
    schema: { type: 'string', uniqueItems: true },
  }));
  const prefix = `/apis/${group}/${version}${scope === 'Namespaced' ? '/namespaces/{namespace}' : ''}/${names.plural}`;
  return {
    [prefix]: {
      get: { ...gvk, operationId: `list${names.kind}`, responses: { '200': { description: 'OK' } } },
      post: {
        ...gvk,
        operationId: `create${names.kind}`,
        parameters: params,
        requestBody: body(['application/json']),
        responses: ok,
      },
    },
    [`${prefix}/{name}`]: {
      get: { ...gvk, operationId: `read${names.kind}`, responses: ok },
      put: {
        ...gvk,
        operationId: `replace${names.kind}`,
        parameters: params,
        requestBody: body(['application/json']),
        responses: ok,
      },
      patch: {
        ...gvk,
        operationId: `patch${names.kind}`,
        parameters: params,
        requestBody: body(PATCH_TYPES),
        responses: ok,
      },
      delete: { ...gvk, operationId: `delete${names.kind}`, responses: { '200': { description: 'OK' } } },
    },
  };
}

/** The paths and component schemas custom resources add to the document of `groupVersion` (`apis/g/v`). */
export function customResourceOpenApi(crds: CustomResourceDefinition[], groupVersion: string): OpenApiPart {
  const part: OpenApiPart = { paths: {}, schemas: {} };
  for (const crd of crds) {
    for (const version of crd.spec.versions) {
      if (!version.served || `apis/${crd.spec.group}/${version.name}` !== groupVersion) continue;
      const name = definitionName(crd.spec.group, version.name, crd.spec.names.kind);
      const schema = version.schema?.openAPIV3Schema ?? {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
      };
      part.schemas[name] = kindSchema(crd, version.name, schema);
      part.schemas[`${name}List`] = listSchema(crd, version.name, name);
      Object.assign(part.paths, paths(crd, version.name, name));
    }
  }
  return part;
}
