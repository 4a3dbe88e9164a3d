import type { CustomResourceDefinition } from '../../shared/custom-resource-types';
import type { JSONSchemaProps } from '../../shared/json-schema-props';
import type { KindRegistry } from '../../store/kind-strategy';
import type { OpenApiSchema, SchemaMap } from './kube-schemas';
import type { OpenApiSource } from './openapi-documents';
import type { PublishedKind } from './openapi-paths';

// OpenAPI v3 for custom resources, as apiextensions-apiserver's controller/openapi/builder publishes it: per
// served version of each Established CRD, a component named by the reversed group (`com.example.v1.Widget`)
// holding the version's structural schema with apiVersion, kind and metadata (ObjectMeta) filled in, its List,
// and the paths with `x-kubernetes-group-version-kind`. A patch operation lists the patch types a custom
// resource accepts (no strategic merge patch), which is how kubectl knows to send a merge patch.

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const LIST_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta';

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

/**
 * The OpenApiDocuments source of custom resources: each served version of each Established CRD as a published
 * kind (merge patches only) with its schema and its List's. The paths come from the same builder as built-in kinds.
 */
export function customResourceSource(
  establishedCrds: () => CustomResourceDefinition[],
  kinds: KindRegistry,
): OpenApiSource {
  return () => {
    const published: PublishedKind[] = [];
    const schemas: SchemaMap = {};
    for (const crd of establishedCrds()) {
      for (const version of crd.spec.versions) {
        const strategy = kinds.find(crd.spec.group, version.name, crd.spec.names.plural);
        if (!version.served || !strategy) continue;
        const name = definitionName(crd.spec.group, version.name, crd.spec.names.kind);
        const schema = version.schema?.openAPIV3Schema ?? {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
        };
        schemas[name] = kindSchema(crd, version.name, schema) as OpenApiSchema;
        schemas[`${name}List`] = listSchema(crd, version.name, name) as OpenApiSchema;
        published.push({
          // the strategy's type names the storage version; each served version is published as itself
          type: { ...strategy.type, version: version.name },
          schemaName: name,
          listSchemaName: `${name}List`,
          scalable: !!version.subresources?.scale,
          strategicMergePatch: false,
        });
      }
    }
    return { kinds: published, schemas };
  };
}
