// Kubernetes' strategic merge patch for the built-in kinds Skiff serves: like a JSON merge patch, except that
// lists of objects with a merge key are merged item by item, and the $patch, $setElementOrder,
// $deleteFromPrimitiveList and $retainKeys directives kubectl sends are honoured.

/** Merge keys by field name (the same field name has the same merge key across Kubernetes' built-in kinds). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  imagePullSecrets: 'name',
  volumes: 'name',
  env: 'name',
  envFrom: 'prefix',
  ports: 'containerPort',
  volumeMounts: 'mountPath',
  ownerReferences: 'uid',
  conditions: 'type',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  webhooks: 'name',
};

/** Lists of scalars merged as sets rather than replaced. */
export const MERGED_PRIMITIVE_LISTS: ReadonlySet<string> = new Set(['finalizers']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Service ports merge on `port`, container ports on `containerPort`; tell them apart by their shape. */
export function mergeKeyFor(field: string, items: readonly unknown[]): string | undefined {
  if (field === 'ports' && items.some((i) => isObject(i) && 'port' in i && !('containerPort' in i)))
    return 'port';
  return MERGE_KEYS[field];
}

function mergeList(field: string, target: Json[], patch: Json[], order: Json[] | undefined): Json[] {
  const key = mergeKeyFor(field, [...target, ...patch]);
  if (!key || !patch.every(isObject)) {
    if (MERGED_PRIMITIVE_LISTS.has(field)) return [...target, ...patch.filter((p) => !target.includes(p))];
    return patch.filter((p) => !(isObject(p) && p['$patch'] === 'delete'));
  }
  if (patch.some((p) => isObject(p) && p['$patch'] === 'replace')) {
    return patch.filter((p) => !(isObject(p) && '$patch' in p)).map((p) => stripDirectives(p));
  }
  const result = target.map((t) => structuredClone(t));
  for (const item of patch as JsonObject[]) {
    const index = result.findIndex((t) => isObject(t) && t[key] === item[key]);
    if (item['$patch'] === 'delete') {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index >= 0) result[index] = mergeValues(result[index]!, item);
    else result.push(stripDirectives(item));
  }
  if (order) {
    const rank = new Map(order.filter(isObject).map((o, i) => [o[key], i]));
    result.sort(
      (a, b) =>
        (rank.get(isObject(a) ? a[key] : undefined) ?? 1e9) -
        (rank.get(isObject(b) ? b[key] : undefined) ?? 1e9),
    );
  }
  return result;
}

function stripDirectives(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripDirectives);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) out[k] = stripDirectives(v);
  return out;
}

export function strategicMerge(target: unknown, patch: unknown): unknown {
  return mergeValues(target as Json, patch as Json);
}

function mergeValues(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  if (patch['$patch'] === 'replace') return stripDirectives(patch);
  if (patch['$patch'] === 'delete') return null;
  const result: JsonObject = isObject(target) ? structuredClone(target) : {};
  const retain = Array.isArray(patch['$retainKeys']) ? (patch['$retainKeys'] as string[]) : undefined;
  if (retain) for (const k of Object.keys(result)) if (!retain.includes(k) && !(k in patch)) delete result[k];
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$setElementOrder/') || key === '$retainKeys' || key === '$patch') continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const field = key.slice('$deleteFromPrimitiveList/'.length);
      const current = result[field];
      if (Array.isArray(current) && Array.isArray(value))
        result[field] = current.filter((v) => !value.includes(v));
      continue;
    }
    if (value === null) {
      delete result[key];
    } else if (Array.isArray(value)) {
      const current = Array.isArray(result[key]) ? (result[key] as Json[]) : [];
      const order = patch[`$setElementOrder/${key}`];
      result[key] = mergeList(key, current, value, Array.isArray(order) ? order : undefined);
    } else if (isObject(value)) {
      const merged = mergeValues(result[key] ?? {}, value);
      if (merged === null) delete result[key];
      else result[key] = merged;
    } else {
      result[key] = value;
    }
  }
  return result;
}
