// The two views structured-merge-diff takes of objects: the set of fields an applied configuration names
// (ToFieldSet), and what changed between two versions of an object (Compare).
import { deepEqual } from '../../shared/deep-equal';
import { fieldElement, FieldSet, type FieldPath } from './field-path';
import { isAtomicMap, isPlainObject, listType, setElement } from './list-types';

/** Fields no manager owns: identity and bookkeeping the apiserver sets (Kubernetes' stripMetaManager). */
const UNOWNED_METADATA = [
  'name',
  'namespace',
  'creationTimestamp',
  'selfLink',
  'uid',
  'generation',
  'managedFields',
  'resourceVersion',
];

/**
 * Which part of an object a write can own: the main resource of a kind with a status subresource does not own
 * status (the store ignores it there), and the status subresource owns only status.
 */
export type OwnershipScope = 'all' | 'without-status' | 'status';

export type Json = Record<string, unknown>;

/** The part of an object whose fields are owned, as a plain tree. */
export function ownedView(object: Json | undefined, scope: OwnershipScope): Json {
  if (!object) return {};
  if (scope === 'status') return object.status === undefined ? {} : { status: object.status };
  const view: Json = { ...object };
  delete view.apiVersion;
  delete view.kind;
  if (scope === 'without-status') delete view.status;
  if (isPlainObject(view.metadata)) {
    const metadata = { ...view.metadata };
    for (const field of UNOWNED_METADATA) delete metadata[field];
    if (Object.keys(metadata).length > 0) view.metadata = metadata;
    else delete view.metadata;
  }
  return view;
}

/** The fields an applied configuration sets: its leaves, atomic lists and maps, and list items. */
export function fieldSetOf(config: Json): FieldSet {
  const paths: FieldPath[] = [];
  const collect = (value: unknown, path: FieldPath, field: string | undefined): void => {
    if (isPlainObject(value)) {
      if (isAtomicMap(field)) paths.push(path);
      else
        for (const [name, child] of Object.entries(value))
          collect(child, [...path, fieldElement(name)], name);
    } else if (Array.isArray(value)) {
      const list = listType(field, value);
      if (list.type === 'atomic') paths.push(path);
      else if (list.type === 'set') for (const item of value) paths.push([...path, setElement(item)]);
      else
        for (const item of value) {
          const itemPath = [...path, list.elementOf(item)];
          paths.push(itemPath);
          collect(item, itemPath, undefined);
        }
    } else {
      paths.push(path);
    }
  };
  collect(config, [], undefined);
  return new FieldSet(paths);
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

export function isSame(c: Comparison): boolean {
  return c.added.isEmpty() && c.modified.isEmpty() && c.removed.isEmpty();
}

const isEmptyContainer = (v: unknown) =>
  v === undefined || (Array.isArray(v) ? v.length === 0 : isPlainObject(v) && Object.keys(v).length === 0);

/**
 * What changed from `before` to `after`. Leaves (scalars, atomic lists and maps, empty containers) are added,
 * removed or modified; maps and list items that appear or disappear are added or removed as well, except the
 * top-level fields (spec, metadata), which Kubernetes' typed objects always have.
 */
export function compareObjects(before: Json, after: Json): Comparison {
  const added: FieldPath[] = [];
  const modified: FieldPath[] = [];
  const removed: FieldPath[] = [];
  const leaf = (a: unknown, b: unknown, path: FieldPath) => {
    if (a === undefined) added.push(path);
    else if (b === undefined) removed.push(path);
    else if (!deepEqual(a, b)) modified.push(path);
  };
  const node = (a: unknown, b: unknown, path: FieldPath) => {
    if (path.length < 2) return;
    if (a === undefined) added.push(path);
    else if (b === undefined) removed.push(path);
  };
  const walk = (a: unknown, b: unknown, path: FieldPath, field: string | undefined): void => {
    const maps = (a === undefined || isPlainObject(a)) && (b === undefined || isPlainObject(b));
    const lists = (a === undefined || Array.isArray(a)) && (b === undefined || Array.isArray(b));
    if (maps && !isAtomicMap(field) && !(isEmptyContainer(a) && isEmptyContainer(b))) {
      const left = (a ?? {}) as Json;
      const right = (b ?? {}) as Json;
      for (const name of new Set([...Object.keys(left), ...Object.keys(right)]))
        walk(left[name], right[name], [...path, fieldElement(name)], name);
      node(a, b, path);
      return;
    }
    if (lists && !(isEmptyContainer(a) && isEmptyContainer(b))) {
      const left = (a ?? []) as unknown[];
      const right = (b ?? []) as unknown[];
      const list = listType(field, left, right);
      if (list.type === 'set') {
        for (const item of left)
          if (!right.some((r) => deepEqual(r, item))) removed.push([...path, setElement(item)]);
        for (const item of right)
          if (!left.some((l) => deepEqual(l, item))) added.push([...path, setElement(item)]);
        return;
      }
      if (list.type === 'map') {
        const byElement = (items: unknown[]) => new Map(items.map((item) => [list.elementOf(item), item]));
        const leftItems = byElement(left);
        const rightItems = byElement(right);
        for (const element of new Set([...leftItems.keys(), ...rightItems.keys()]))
          walk(leftItems.get(element), rightItems.get(element), [...path, element], undefined);
        return;
      }
    }
    leaf(a, b, path);
  };
  walk(before, after, [], undefined);
  return { added: new FieldSet(added), modified: new FieldSet(modified), removed: new FieldSet(removed) };
}
