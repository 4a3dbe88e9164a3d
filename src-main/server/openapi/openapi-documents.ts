import { createHash } from 'node:crypto';
import type { KindRegistry } from '../../store/kind-strategy';
import type { Disposable } from '../../shared/disposable';
import { closure, KubeSchemas, type SchemaMap, type OpenApiSchema } from './kube-schemas';
import {
  DELETE_OPTIONS_SCHEMA,
  PATCH_SCHEMA,
  pathsOf,
  SCALE_SCHEMA,
  STATUS_SCHEMA,
  type PublishedKind,
} from './openapi-paths';
import { toSwaggerDocument } from './swagger-v2';
import { encodeSwaggerDocument } from './swagger-v2-protobuf';

/**
 * Kinds published by something other than the KindRegistry's built-in kinds — custom resources. Called whenever
 * the documents are rebuilt; `schemas` holds the kinds' schemas (OpenAPI v3, `$ref`s as
 * `#/components/schemas/<name>`) and may refer to Kubernetes' own (e.g. `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`).
 */
export type OpenApiSource = () => { kinds: PublishedKind[]; schemas: SchemaMap };

export interface OpenApiSourceHandle extends Disposable {
  /** The source's kinds or schemas changed (a CRD was created, updated or deleted): rebuild on the next request. */
  changed(): void;
}

interface GroupVersionDocument {
  json: string;
  hash: string;
}

interface Built {
  key: string;
  groupVersions: Map<string, GroupVersionDocument>;
  published: PublishedKind[];
  schemas: SchemaMap;
  swaggerJson?: string;
  swaggerProtobuf?: Buffer;
}

const INFO = { title: 'Kubernetes', version: 'v1.32.0' };

/** `api/v1`, `apis/apps/v1`: a group version's path under /openapi/v3. */
export function groupVersionPath(type: { group: string; version: string }): string {
  return type.group ? `apis/${type.group}/${type.version}` : `api/${type.version}`;
}

/**
 * /openapi/v3 and /openapi/v2 for the kinds Skiff serves, with Kubernetes' own schemas. Nothing is built before the
 * first request (startup pays nothing); what is built is kept until the served kinds or a source change.
 */
export class OpenApiDocuments {
  private readonly sources = new Set<OpenApiSource>();
  private generation = 0;
  private built: Built | undefined;

  constructor(private readonly kinds: KindRegistry) {}

  /** Publishes custom resources' kinds and schemas (see OpenApiSource). */
  registerSource(source: OpenApiSource): OpenApiSourceHandle {
    this.sources.add(source);
    this.generation++;
    return {
      changed: () => void this.generation++,
      dispose: () => {
        if (this.sources.delete(source)) this.generation++;
      },
    };
  }

  /** The /openapi/v3 index: each group version's document path, with a hash of its content. */
  v3Index(): { paths: Record<string, { serverRelativeURL: string }> } {
    const built = this.build();
    return {
      paths: Object.fromEntries(
        [...built.groupVersions].map(([gv, doc]) => [
          gv,
          { serverRelativeURL: `/openapi/v3/${gv}?hash=${doc.hash}` },
        ]),
      ),
    };
  }

  /** One group version's document (JSON text) and its hash; undefined when Skiff serves nothing there. */
  v3GroupVersion(groupVersion: string): GroupVersionDocument | undefined {
    return this.build().groupVersions.get(groupVersion);
  }

  /** The Swagger 2.0 document of every published kind, as JSON text. */
  v2Json(): string {
    const built = this.build();
    built.swaggerJson ??= JSON.stringify(toSwaggerDocument(INFO, built.schemas));
    return built.swaggerJson;
  }

  /** The same, as the gnostic openapi_v2.Document protobuf that client-go's OpenAPISchema() asks for. */
  v2Protobuf(): Buffer {
    const built = this.build();
    built.swaggerProtobuf ??= encodeSwaggerDocument(toSwaggerDocument(INFO, built.schemas));
    return built.swaggerProtobuf;
  }

  private build(): Built {
    const key = `${this.generation}|${this.kinds
      .servedTypes()
      .map((t) => `${t.group}/${t.version}/${t.plural}`)
      .join(',')}`;
    if (this.built?.key === key) return this.built;
    const kube = KubeSchemas.get();
    const available: SchemaMap = { ...kube.schemas };
    const byGvk = new Map<string, PublishedKind>();
    for (const source of this.sources) {
      const { kinds, schemas } = source();
      Object.assign(available, schemas);
      for (const published of kinds) byGvk.set(gvkOf(published), published);
    }
    for (const type of this.kinds.servedTypes()) {
      const gvk = { group: type.group, version: type.version, kind: type.kind };
      if (byGvk.has(gvkOf({ type }))) continue;
      const schemaName = kube.nameOf(gvk);
      if (schemaName) {
        byGvk.set(gvkOf({ type }), {
          type,
          schemaName,
          listSchemaName: kube.nameOf({ ...gvk, kind: `${type.kind}List` }),
          scalable: !!this.kinds.find(type.group, type.version, type.plural)?.scalable,
          strategicMergePatch: true,
        });
      } else {
        // A kind with no schema anywhere (none vendored, no source): published as Kubernetes publishes a CRD
        // without one, an object that keeps whatever fields it is given.
        const name = unknownSchemaName(type);
        available[name] = preserveUnknownFields(gvk);
        byGvk.set(gvkOf({ type }), { type, schemaName: name, strategicMergePatch: false });
      }
    }
    const published = [...byGvk.values()];
    const byGroupVersion = new Map<string, PublishedKind[]>();
    for (const p of published) {
      const gv = groupVersionPath(p.type);
      byGroupVersion.set(gv, [...(byGroupVersion.get(gv) ?? []), p]);
    }
    const groupVersions = new Map<string, GroupVersionDocument>();
    const allSchemas: SchemaMap = {};
    for (const [gv, kinds] of [...byGroupVersion].sort(([a], [b]) => a.localeCompare(b))) {
      const schemas = closure(rootsOf(kinds), available);
      Object.assign(allSchemas, schemas);
      const json = JSON.stringify({
        openapi: '3.0.0',
        info: INFO,
        paths: Object.assign({}, ...kinds.map(pathsOf)),
        components: { schemas: sortKeys(schemas) },
      });
      groupVersions.set(gv, {
        json,
        hash: createHash('sha512').update(json).digest('hex').slice(0, 128).toUpperCase(),
      });
    }
    this.built = { key, groupVersions, published, schemas: sortKeys(allSchemas) };
    return this.built;
  }
}

function gvkOf(p: Pick<PublishedKind, 'type'>): string {
  return `${p.type.group}/${p.type.version}/${p.type.kind}`;
}

function rootsOf(kinds: PublishedKind[]): string[] {
  return [
    STATUS_SCHEMA,
    DELETE_OPTIONS_SCHEMA,
    PATCH_SCHEMA,
    ...kinds.flatMap((k) => [
      k.schemaName,
      ...(k.listSchemaName ? [k.listSchemaName] : []),
      ...(k.scalable ? [SCALE_SCHEMA] : []),
    ]),
  ];
}

/** Kubernetes' name for a custom resource's schema: the group reversed, the version, the kind. */
function unknownSchemaName(type: { group: string; version: string; kind: string }): string {
  return [...type.group.split('.').reverse(), type.version, type.kind].filter(Boolean).join('.');
}

function preserveUnknownFields(gvk: { group: string; version: string; kind: string }): OpenApiSchema {
  return {
    type: 'object',
    'x-kubernetes-preserve-unknown-fields': true,
    'x-kubernetes-group-version-kind': [gvk],
  };
}

function sortKeys(schemas: SchemaMap): SchemaMap {
  return Object.fromEntries(
    Object.keys(schemas)
      .sort()
      .map((k) => [k, schemas[k]!]),
  );
}
