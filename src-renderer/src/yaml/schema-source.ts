import { groupVersionPath, kindSchemaName, type KubeSchema, type KubeSchemaMap } from './kube-schema';
import type { SchemaLookup } from './schema-lint';

interface GroupVersionDocument {
  components?: { schemas?: KubeSchemaMap };
}

/**
 * The server's /openapi/v3 documents, fetched once per group version the editor meets and kept for the session
 * (they change only when a CRD does; a reload picks that up).
 */
export class SchemaSource {
  private readonly documents = new Map<string, Promise<KubeSchemaMap | undefined>>();
  private readonly loaded = new Map<string, KubeSchemaMap | undefined>();

  constructor(private readonly fetchDocument: (path: string) => Promise<unknown>) {}

  /** The schemas of a group version, once (a failure counts as none: the editor then only checks syntax). */
  load(apiVersion: string): Promise<KubeSchemaMap | undefined> {
    let pending = this.documents.get(apiVersion);
    if (!pending) {
      pending = this.fetchDocument(`/openapi/v3/${groupVersionPath(apiVersion)}`).then(
        (doc) => (doc as GroupVersionDocument).components?.schemas,
        () => undefined,
      );
      pending.then((schemas) => this.loaded.set(apiVersion, schemas));
      this.documents.set(apiVersion, pending);
    }
    return pending;
  }

  /** From what is loaded already. */
  readonly lookup: SchemaLookup = (apiVersion, kind) => {
    const schemas = this.loaded.get(apiVersion);
    const name = schemas && kindSchemaName(schemas, apiVersion, kind);
    return name ? { root: schemas[name] as KubeSchema, schemas } : undefined;
  };

  async lookupLoading(apiVersion: string, kind: string) {
    await this.load(apiVersion);
    return this.lookup(apiVersion, kind);
  }
}
