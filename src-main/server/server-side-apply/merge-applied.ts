// Merging an applied configuration into the live object, and removing fields from it, with
// structured-merge-diff's rules: the configuration wins on leaves, maps merge field by field, keyed lists item
// by item, sets of scalars as sets, and atomic lists and maps are replaced whole.
import { deepEqual } from '../../shared/deep-equal';
import type { FieldPath, FieldSet } from './field-path';
import type { Json } from './field-set';
import { isAtomicMap, isPlainObject, listType, setElement } from './list-types';

export function mergeApplied(live: Json, config: Json): Json {
  return mergeValue(live, config, undefined) as Json;
}

function mergeValue(live: unknown, config: unknown, field: string | undefined): unknown {
  if (live === undefined) return structuredClone(config);
  if (isPlainObject(live) && isPlainObject(config) && !isAtomicMap(field)) {
    const out: Json = { ...live };
    for (const [name, value] of Object.entries(config)) {
      // An applied null clears the field rather than storing a null.
      if (value === null) delete out[name];
      else out[name] = mergeValue(live[name], value, name);
    }
    return out;
  }
  if (Array.isArray(live) && Array.isArray(config)) {
    const list = listType(field, live, config);
    if (list.type === 'set') return [...live, ...config.filter((c) => !live.some((l) => deepEqual(l, c)))];
    if (list.type === 'map') {
      const applied = new Map(config.map((item) => [list.elementOf(item), item]));
      const out = live.map((item) => {
        const element = list.elementOf(item);
        const change = applied.get(element);
        applied.delete(element);
        return change === undefined ? item : mergeValue(item, change, undefined);
      });
      return [...out, ...[...applied.values()].map((item) => structuredClone(item))];
    }
  }
  return structuredClone(config);
}

/**
 * Removes each path of `paths` from `object`: a field, a keyed list item or a set member. Maps and lists left
 * empty by a removal go too (Kubernetes omits them when it writes the object), except top-level fields.
 */
export function removeFields(object: Json, paths: FieldSet): Json {
  const out = structuredClone(object);
  for (const path of paths) removePath(out, path, undefined, true);
  return out;
}

function removePath(container: unknown, path: FieldPath, field: string | undefined, root = false): boolean {
  const [element, ...rest] = path;
  if (element === undefined) return false;
  if (isPlainObject(container) && element.startsWith('f:')) {
    const name = element.slice(2);
    if (!(name in container)) return false;
    if (rest.length === 0) delete container[name];
    else if (removePath(container[name], rest, name) && isEmpty(container[name]) && !root)
      delete container[name];
    return true;
  }
  if (Array.isArray(container)) {
    const list = listType(field, container);
    const index = container.findIndex((item) =>
      list.type === 'map'
        ? list.elementOf(item) === element
        : list.type === 'set' && setElement(item) === element,
    );
    if (index < 0) return false;
    if (rest.length === 0) container.splice(index, 1);
    else return removePath(container[index], rest, undefined);
    return true;
  }
  return false;
}

const isEmpty = (v: unknown) =>
  Array.isArray(v) ? v.length === 0 : isPlainObject(v) && Object.keys(v).length === 0;
