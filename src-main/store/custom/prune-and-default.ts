import { additionalSchema, childPath, indexPath, isJsonObject, type JSONSchemaProps } from './json-schema';

// What apiextensions-apiserver's decoder does to a custom resource before validation, in its order:
// structuralpruning.Prune drops every field the structural schema does not specify (the paths are what
// fieldValidation reports as unknown fields), PruneNonNullableNullsWithoutDefaults drops nulls the schema
// does not allow, and structuraldefaulting.Default fills `default` values of absent (or null, non-nullable)
// fields, outside in.

const TYPE_META = ['apiVersion', 'kind', 'metadata'];

/** Removes, in place, fields the schema does not know; returns their paths (`spec.foo`, `spec.items[0].bar`). */
export function pruneUnknownFields(obj: Record<string, unknown>, schema: JSONSchemaProps): string[] {
  const pruned: string[] = [];
  pruneObject(obj, schema, '', true, pruned);
  return pruned;
}

function prune(value: unknown, schema: JSONSchemaProps | undefined, path: string, pruned: string[]): void {
  if (!schema) return;
  if (isJsonObject(value))
    pruneObject(value, schema, path, !!schema['x-kubernetes-embedded-resource'], pruned);
  else if (Array.isArray(value) && schema.items)
    value.forEach((item, i) => prune(item, schema.items, indexPath(path, i), pruned));
}

function pruneObject(
  obj: Record<string, unknown>,
  schema: JSONSchemaProps,
  path: string,
  resourceRoot: boolean,
  pruned: string[],
): void {
  if (schema['x-kubernetes-int-or-string']) return;
  const extra = additionalSchema(schema);
  const preserve = !!schema['x-kubernetes-preserve-unknown-fields'] || schema.additionalProperties === true;
  for (const key of Object.keys(obj)) {
    const field = childPath(path, key);
    // metadata is ObjectMeta (the server's own check reads it), apiVersion and kind are TypeMeta.
    if (resourceRoot && TYPE_META.includes(key)) continue;
    const known = schema.properties?.[key] ?? extra;
    if (known) prune(obj[key], known, field, pruned);
    else if (!preserve) {
      delete obj[key];
      pruned.push(field);
    }
  }
}

/** Drops nulls where the schema neither allows them (nullable) nor has a default to put there. */
export function pruneDisallowedNulls(value: unknown, schema: JSONSchemaProps | undefined): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    for (const item of value) pruneDisallowedNulls(item, schema.items);
    return;
  }
  if (!isJsonObject(value)) return;
  const extra = additionalSchema(schema);
  for (const [key, field] of Object.entries(value)) {
    const known = schema.properties?.[key];
    if (known) {
      if (field === null && !known.nullable && known.default === undefined) delete value[key];
      else pruneDisallowedNulls(field, known);
    } else if (extra) pruneDisallowedNulls(field, extra);
  }
}

/** Fills `default` values in place, as structuraldefaulting.Default: defaults first, then into every field. */
export function applyDefaults(value: unknown, schema: JSONSchemaProps | undefined): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    for (const item of value) applyDefaults(item, schema.items);
    return;
  }
  if (!isJsonObject(value)) return;
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (property.default === undefined) continue;
    if (!(key in value) || (value[key] === null && !property.nullable))
      value[key] = structuredClone(property.default);
  }
  const extra = additionalSchema(schema);
  for (const [key, field] of Object.entries(value)) {
    const known = schema.properties?.[key] ?? extra;
    if (known) applyDefaults(field, known);
  }
}
