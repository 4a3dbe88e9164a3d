// What Kubernetes' OpenAPI schema tells structured-merge-diff about lists and maps, for the built-in kinds Skiff
// serves, without carrying the schema: the strategic merge patch's merge keys say which lists are keyed, and a
// few fields are known to be atomic.
import { MERGED_PRIMITIVE_LISTS, mergeKeyFor } from '../strategic-merge-patch';
import { keyElement, valueElement, type PathElement } from './field-path';

/**
 * Server-side apply keys some lists on more fields than the strategic merge patch does, with the default the
 * apiserver fills in when an item leaves one out (x-kubernetes-list-map-keys).
 */
const EXTRA_KEYS: Record<string, Record<string, unknown>> = {
  containerPort: { protocol: 'TCP' },
  port: { protocol: 'TCP' },
};

/** Label selectors and Service selectors are replaced whole (x-kubernetes-map-type: atomic). */
const ATOMIC_MAPS = new Set(['selector', 'podSelector', 'namespaceSelector', 'labelSelector']);

export type ListType =
  { type: 'map'; elementOf: (item: unknown) => PathElement } | { type: 'set' } | { type: 'atomic' };

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function isAtomicMap(field: string | undefined): boolean {
  return field !== undefined && ATOMIC_MAPS.has(field);
}

/**
 * How the list in `field` merges, given one or more versions of it (live, applied). A list whose items do not
 * all carry their key, or carry the same key twice in one version, is treated as atomic rather than guessed at.
 */
export function listType(
  field: string | undefined,
  ...versions: Array<readonly unknown[] | undefined>
): ListType {
  const all = versions.flatMap((v) => v ?? []);
  if (field === undefined) return { type: 'atomic' };
  if (MERGED_PRIMITIVE_LISTS.has(field))
    return all.every((i) => !isPlainObject(i) && !Array.isArray(i)) ? { type: 'set' } : { type: 'atomic' };
  const key = mergeKeyFor(field, all);
  if (!key || !all.every(isPlainObject)) return { type: 'atomic' };
  const extra = EXTRA_KEYS[key] ?? {};
  const elementOf = (item: unknown): PathElement => {
    const fields = item as Record<string, unknown>;
    const keyValues: Record<string, unknown> = { [key]: fields[key] };
    for (const [name, fallback] of Object.entries(extra)) keyValues[name] = fields[name] ?? fallback;
    return keyElement(keyValues);
  };
  for (const version of versions) {
    const elements = new Set<PathElement>();
    for (const item of version ?? []) {
      if ((item as Record<string, unknown>)[key] === undefined) return { type: 'atomic' };
      const element = elementOf(item);
      if (elements.has(element)) return { type: 'atomic' };
      elements.add(element);
    }
  }
  return { type: 'map', elementOf };
}

export function setElement(value: unknown): PathElement {
  return valueElement(value);
}
