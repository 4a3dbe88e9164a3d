import { gunzipSync } from 'node:zlib';
import { KUBE_OPENAPI_SCHEMAS_GZIP_BASE64 } from './kube-openapi-data';

/** An OpenAPI v3 schema object, as JSON. */
export type OpenApiSchema = Record<string, unknown>;
export type SchemaMap = Record<string, OpenApiSchema>;

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export const gvkKey = (gvk: GroupVersionKind): string => `${gvk.group}/${gvk.version}/${gvk.kind}`;

const REF_PREFIX = '#/components/schemas/';

/** Kubernetes' own schemas, unpacked once (on the first /openapi request, not at startup), and indexed by GVK. */
export class KubeSchemas {
  private constructor(
    readonly schemas: SchemaMap,
    private readonly byGvk: Map<string, string>,
  ) {}

  private static loaded: KubeSchemas | undefined;

  static get(): KubeSchemas {
    if (!KubeSchemas.loaded) {
      const schemas = JSON.parse(
        gunzipSync(Buffer.from(KUBE_OPENAPI_SCHEMAS_GZIP_BASE64, 'base64')).toString('utf8'),
      ) as SchemaMap;
      KubeSchemas.loaded = new KubeSchemas(schemas, indexByGvk(schemas));
    }
    return KubeSchemas.loaded;
  }

  /** The name of the schema of a kind, e.g. `io.k8s.api.apps.v1.Deployment`. */
  nameOf(gvk: GroupVersionKind): string | undefined {
    return this.byGvk.get(gvkKey(gvk));
  }
}

/** Schemas that name one GVK only: a kind's own. DeleteOptions and WatchEvent name every group version. */
function indexByGvk(schemas: SchemaMap): Map<string, string> {
  const index = new Map<string, string>();
  for (const [name, schema] of Object.entries(schemas)) {
    const gvks = schema['x-kubernetes-group-version-kind'];
    if (!Array.isArray(gvks)) continue;
    for (const gvk of gvks as GroupVersionKind[]) {
      const key = gvkKey(gvk);
      if (!index.has(key) || gvks.length === 1) index.set(key, name);
    }
  }
  return index;
}

/** Every schema name referenced (`$ref`) anywhere inside a value. */
export function referencedNames(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) referencedNames(item, out);
  else if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(REF_PREFIX))
        out.push(child.slice(REF_PREFIX.length));
      else referencedNames(child, out);
    }
  return out;
}

const refsOf = new WeakMap<OpenApiSchema, string[]>();

/** The named schemas plus everything they reference, transitively, from `available`. */
export function closure(roots: string[], available: SchemaMap): SchemaMap {
  const out: SchemaMap = {};
  const pending = [...roots];
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (name in out) continue;
    const schema = available[name];
    if (!schema) continue;
    out[name] = schema;
    let refs = refsOf.get(schema);
    if (!refs) refsOf.set(schema, (refs = [...new Set(referencedNames(schema))]));
    pending.push(...refs);
  }
  return out;
}

export const schemaRef = (name: string): { $ref: string } => ({ $ref: `${REF_PREFIX}${name}` });
