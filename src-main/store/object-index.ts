import type { KubeObject } from '../shared/api-types';

/**
 * The store's objects by key (`group/plural/namespace/name`, namespace empty for cluster-scoped kinds), and the
 * same objects grouped by kind and namespace, so a list reads only its own kind (and namespace) instead of
 * scanning every stored object. The key map is the one the journal snapshots: every change goes through here.
 */
export class ObjectIndex {
  /** kind prefix (`group/plural/`) → namespace → key → object */
  private readonly byKind = new Map<string, Map<string, Map<string, KubeObject>>>();

  constructor(private readonly objects: Map<string, KubeObject>) {
    for (const [key, object] of objects) this.bucket(key).set(key, object);
  }

  get size(): number {
    return this.objects.size;
  }

  get(key: string): KubeObject | undefined {
    return this.objects.get(key);
  }

  has(key: string): boolean {
    return this.objects.has(key);
  }

  set(key: string, object: KubeObject): void {
    this.objects.set(key, object);
    this.bucket(key).set(key, object);
  }

  delete(key: string): void {
    this.objects.delete(key);
    const { prefix, namespace } = splitKey(key);
    const namespaces = this.byKind.get(prefix);
    const bucket = namespaces?.get(namespace);
    if (!namespaces || !bucket) return;
    bucket.delete(key);
    if (bucket.size === 0) namespaces.delete(namespace);
    if (namespaces.size === 0) this.byKind.delete(prefix);
  }

  /** Every key and object, in the order they were first stored. */
  entries(): IterableIterator<[string, KubeObject]> {
    return this.objects.entries();
  }

  /** The objects of one kind (its key prefix `group/plural/`), only those in `namespace` when it is given. */
  ofKind(prefix: string, namespace?: string): KubeObject[] {
    const namespaces = this.byKind.get(prefix);
    if (!namespaces) return [];
    if (namespace !== undefined) return [...(namespaces.get(namespace)?.values() ?? [])];
    const items: KubeObject[] = [];
    for (const bucket of namespaces.values()) for (const object of bucket.values()) items.push(object);
    return items;
  }

  private bucket(key: string): Map<string, KubeObject> {
    const { prefix, namespace } = splitKey(key);
    let namespaces = this.byKind.get(prefix);
    if (!namespaces) {
      namespaces = new Map();
      this.byKind.set(prefix, namespaces);
    }
    let bucket = namespaces.get(namespace);
    if (!bucket) {
      bucket = new Map();
      namespaces.set(namespace, bucket);
    }
    return bucket;
  }
}

/** `group/plural/namespace/name` → its kind prefix `group/plural/` and namespace (group and namespace may be ''). */
export function splitKey(key: string): { prefix: string; namespace: string } {
  const afterGroup = key.indexOf('/');
  const afterPlural = key.indexOf('/', afterGroup + 1);
  const afterNamespace = key.indexOf('/', afterPlural + 1);
  if (afterGroup < 0 || afterPlural < 0 || afterNamespace < 0)
    throw new Error(`store: malformed key "${key}"`);
  return { prefix: key.slice(0, afterPlural + 1), namespace: key.slice(afterPlural + 1, afterNamespace) };
}
