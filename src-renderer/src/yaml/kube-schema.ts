// Kubernetes' OpenAPI v3 schemas as the editor reads them: follow references, step into a field or an item.

/** One OpenAPI v3 schema object, as /openapi/v3 serves it. */
export interface KubeSchema {
  type?: string;
  description?: string;
  format?: string;
  properties?: Record<string, KubeSchema>;
  additionalProperties?: KubeSchema | boolean;
  items?: KubeSchema;
  allOf?: KubeSchema[];
  $ref?: string;
  enum?: unknown[];
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-group-version-kind'?: Array<{ group: string; version: string; kind: string }>;
}

export type KubeSchemaMap = Record<string, KubeSchema>;

const REF_PREFIX = '#/components/schemas/';

/**
 * The schema itself once references are followed. Kubernetes writes a field of a named type as
 * `allOf: [{$ref}]` beside its own description; the field's description wins over the type's.
 */
export function resolveSchema(
  schema: KubeSchema | undefined,
  schemas: KubeSchemaMap,
): KubeSchema | undefined {
  let current = schema;
  let description = schema?.description;
  for (let hops = 0; current && hops < 20; hops++) {
    description ??= current.description;
    const ref = current.$ref ?? (current.allOf?.length === 1 ? current.allOf[0]!.$ref : undefined);
    if (!ref) break;
    current = schemas[ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref];
  }
  if (!current) return undefined;
  return description === current.description ? current : { ...current, description };
}

/** A step into a schema: a field name, or `[]` for an item of a list. */
export type SchemaStep = string;
export const ITEM: SchemaStep = '[]';

export function childSchema(
  parent: KubeSchema | undefined,
  step: SchemaStep,
  schemas: KubeSchemaMap,
): KubeSchema | undefined {
  const resolved = resolveSchema(parent, schemas);
  if (!resolved) return undefined;
  if (step === ITEM) return resolveSchema(resolved.items, schemas);
  const field = resolved.properties?.[step];
  if (field) return resolveSchema(field, schemas);
  const extra = resolved.additionalProperties;
  return typeof extra === 'object' ? resolveSchema(extra, schemas) : undefined;
}

export function schemaAt(
  root: KubeSchema | undefined,
  path: SchemaStep[],
  schemas: KubeSchemaMap,
): KubeSchema | undefined {
  let current = resolveSchema(root, schemas);
  for (const step of path) current = childSchema(current, step, schemas);
  return current;
}

/** A type in the words `kubectl explain` uses: `<string>`, `<[]Container>`, `<map[string]string>`. */
export function typeName(schema: KubeSchema | undefined, schemas: KubeSchemaMap): string {
  if (!schema) return '';
  const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
  if (ref) return ref.slice(ref.lastIndexOf('.') + 1);
  if (schema['x-kubernetes-int-or-string']) return 'IntOrString';
  if (schema.type === 'array') return `[]${typeName(schema.items, schemas)}`;
  if (schema.type === 'object' && typeof schema.additionalProperties === 'object')
    return `map[string]${typeName(schema.additionalProperties, schemas)}`;
  return schema.type ?? 'Object';
}

/** The name of the schema of a kind in a group-version document, by its x-kubernetes-group-version-kind. */
export function kindSchemaName(schemas: KubeSchemaMap, apiVersion: string, kind: string): string | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  return Object.keys(schemas).find((name) =>
    (schemas[name]!['x-kubernetes-group-version-kind'] ?? []).some(
      (g) => g.group === group && g.version === version && g.kind === kind,
    ),
  );
}

/** The /openapi/v3 path of a group version: `api/v1`, `apis/apps/v1`. */
export const groupVersionPath = (apiVersion: string): string =>
  apiVersion.includes('/') ? `apis/${apiVersion}` : `api/${apiVersion}`;
