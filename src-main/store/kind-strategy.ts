import type { KubeObject, StatusCause } from '../shared/api-types';
import type { ResourceType } from '../shared/resource-types';
import type { NameRule } from './validate-meta';

/** What a strategy may read of other objects (a Service's nodePort must not be another Service's). */
export interface StoreReader {
  list(type: ResourceType): KubeObject[];
}

/** Another version a kind is served at, converted to and from the stored version (Kubernetes' conversion). */
export interface ServedVersion {
  version: string;
  /** Sent as a Warning header with every request to this version (a CRD's deprecated version). */
  deprecationWarning?: string;
  toStorage(obj: KubeObject): KubeObject;
  fromStorage(obj: KubeObject): KubeObject;
}

/**
 * What the store needs to know about one kind: how to default it, validate it, and whether something other
 * than metadata.finalizers holds its deletion back (a Namespace's spec.finalizers).
 */
export interface KindStrategy {
  type: ResourceType;
  nameRule: NameRule;
  /** Fills defaults and initial status on create. Mutates `obj`. */
  prepareForCreate?(obj: KubeObject, store: StoreReader): void;
  /** Re-applies what the server owns on every update (e.g. a namespace's name label). Mutates `obj`. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, store: StoreReader): void;
  /** Returns every problem with the object (paths relative to the object). `old` is set on update. */
  validate(obj: KubeObject, old: KubeObject | undefined, store: StoreReader): StatusCause[];
  /** Refuses a delete outright (e.g. the default namespace). */
  checkDelete?(obj: KubeObject): void;
  /** Applied when deletion starts but must wait (e.g. phase Terminating). Mutates `obj`. */
  markDeleting?(obj: KubeObject): void;
  /** Seconds a deletion waits for the object's owner to finish it (a Pod's graceful shutdown); 0 removes it now. */
  deletionGracePeriod?(obj: KubeObject, requested: number | undefined): number;
  /** True while something besides metadata.finalizers keeps the object from being removed. */
  hasDeletionBlockers?(obj: KubeObject): boolean;
  /** Serves the /scale subresource (autoscaling/v1 Scale) from spec.replicas and status.replicas. */
  scalable?: boolean;
  /** Values for field selectors beyond metadata.name and metadata.namespace. */
  selectableFields?(obj: KubeObject): Record<string, string>;
  /** Warnings a create or update answers with (Kubernetes' WarningsOnCreate/WarningsOnUpdate), as `Warning: 299`. */
  warnings?(obj: KubeObject, old: KubeObject | undefined): string[];
  /** Versions served besides `type.version`, which is the one stored (autoscaling/v1 next to v2). */
  otherVersions?: ServedVersion[];
  /**
   * Decodes a request body instead of the generated field table (custom resources and CRDs, which kubectl's
   * descriptors do not describe): removes unknown fields unless `strict`, and reports them and type errors.
   */
  decodeBody?(body: KubeObject, strict: boolean): { causes: StatusCause[]; unknownFields: string[] };
  /** False for kinds without strategic merge patch metadata (custom resources): such a patch is a 415. */
  strategicMergePatch?: boolean;
}

export class KindRegistry {
  private readonly byPath = new Map<string, KindStrategy>();

  private readonly conversions = new Map<string, ServedVersion>();

  constructor(strategies: KindStrategy[]) {
    for (const strategy of strategies) this.register(strategy);
  }

  /**
   * Adds a kind (at start, or at runtime once a CustomResourceDefinition is Established); a strategy already
   * registered under the same group and plural is replaced. Lookups stay one map read.
   */
  register(strategy: KindStrategy): void {
    this.unregister(strategy.type);
    this.byPath.set(registryKey(strategy.type), strategy);
    for (const served of strategy.otherVersions ?? []) {
      const key = registryKey({ ...strategy.type, version: served.version });
      this.byPath.set(key, strategy);
      this.conversions.set(key, served);
    }
  }

  /** Removes every version of the kind with this group and plural (a deleted CustomResourceDefinition's). */
  unregister(type: Pick<ResourceType, 'group' | 'plural'>): void {
    for (const [key, strategy] of this.byPath) {
      if (strategy.type.group === type.group && strategy.type.plural === type.plural) {
        this.byPath.delete(key);
        this.conversions.delete(key);
      }
    }
  }

  /** The strategy serving a path's group, version and resource (the stored version's, for another version). */
  find(group: string, version: string, plural: string): KindStrategy | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  /** The conversion for a version that is served but not stored; undefined for the stored version. */
  servedVersion(group: string, version: string, plural: string): ServedVersion | undefined {
    return this.conversions.get(`${group}/${version}/${plural}`);
  }

  /** Every kind at every version it is served at (the stored version first). */
  servedTypes(): ResourceType[] {
    return this.all().flatMap((s) => [
      s.type,
      ...(s.otherVersions ?? []).map((v) => ({ ...s.type, version: v.version })),
    ]);
  }

  forType(type: ResourceType): KindStrategy {
    const strategy = this.byPath.get(registryKey(type));
    if (!strategy) throw new Error(`no strategy registered for ${type.plural}`);
    return strategy;
  }

  all(): KindStrategy[] {
    return [...new Set(this.byPath.values())];
  }
}

function registryKey(type: Pick<ResourceType, 'group' | 'version' | 'plural'>): string {
  return `${type.group}/${type.version}/${type.plural}`;
}
