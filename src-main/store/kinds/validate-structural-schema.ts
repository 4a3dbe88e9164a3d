import type { StatusCause } from '../../shared/api-types';
import type { JSONSchemaProps } from '../../shared/json-schema-props';
import { validateValue } from '../custom/validate-against-schema';
import { pruneUnknownFields } from '../custom/prune-and-default';

// A CRD version's openAPIV3Schema must be structural (apiextensions-apiserver's
// pkg/apiserver/schema/validation.go): a type at every specified level, object at the root, properties and
// additionalProperties not both, no $ref, value validations only inside allOf/anyOf/oneOf/not, and defaults
// that survive pruning and validate. Paths as Kubernetes prints them: `...openAPIV3Schema.properties[spec].type`.

type Level = 'root' | 'field' | 'item';

const required = (field: string, detail: string): StatusCause => ({
  type: 'FieldValueRequired',
  field,
  message: `Required value: ${detail}`,
});
const forbidden = (field: string, detail: string): StatusCause => ({
  type: 'FieldValueForbidden',
  field,
  message: `Forbidden: ${detail}`,
});
const invalid = (field: string, value: string, detail: string): StatusCause => ({
  type: 'FieldValueInvalid',
  field,
  message: `Invalid value: ${value === 'true' || value === 'false' ? value : JSON.stringify(value)}: ${detail}`,
});

const TYPES = ['object', 'array', 'string', 'integer', 'number', 'boolean'];
const STRUCTURAL_IN_JUNCTORS = ['type', 'additionalProperties', 'nullable', 'default'];

/** Deeper than any real CRD nests; a bound keeps a hostile schema from exhausting the stack. */
const MAX_DEPTH = 128;

export function validateStructuralSchema(schema: JSONSchemaProps, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  walk(schema, path, 'root', causes, 0);
  return causes;
}

/** The keywords whose JSON type the validator relies on. */
const SHAPES: Record<string, (v: unknown) => boolean> = {
  type: (v) => typeof v === 'string',
  format: (v) => typeof v === 'string',
  pattern: (v) => typeof v === 'string',
  enum: Array.isArray,
  required: (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  properties: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  allOf: Array.isArray,
  anyOf: Array.isArray,
  oneOf: Array.isArray,
  nullable: (v) => typeof v === 'boolean',
  'x-kubernetes-list-map-keys': (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  ...Object.fromEntries(
    [
      'maximum',
      'minimum',
      'multipleOf',
      'maxLength',
      'minLength',
      'maxItems',
      'minItems',
      'maxProperties',
      'minProperties',
    ].map((k) => [k, (v: unknown) => typeof v === 'number']),
  ),
};

function walk(s: JSONSchemaProps, path: string, level: Level, causes: StatusCause[], depth: number): void {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) {
    causes.push(invalid(path, typeof s, 'must be a schema object'));
    return;
  }
  if (depth > MAX_DEPTH) {
    causes.push(invalid(path, 'object', `must not nest more than ${MAX_DEPTH} levels`));
    return;
  }
  const badShapes = Object.entries(SHAPES).filter(
    ([key, ok]) =>
      (s as Record<string, unknown>)[key] !== undefined && !ok((s as Record<string, unknown>)[key]),
  );
  for (const [key] of badShapes)
    causes.push(
      invalid(`${path}.${key}`, JSON.stringify((s as Record<string, unknown>)[key]), 'has the wrong type'),
    );
  if (badShapes.length > 0) return;
  const type = s.type ?? '';
  const intOrString = !!s['x-kubernetes-int-or-string'];
  const preserve = s['x-kubernetes-preserve-unknown-fields'];
  if (s.$ref !== undefined) causes.push(forbidden(`${path}.$ref`, '$ref is not supported'));
  if (type && !TYPES.includes(type))
    causes.push({
      type: 'FieldValueNotSupported',
      field: `${path}.type`,
      message: `Unsupported value: ${JSON.stringify(type)}: supported values: ${TYPES.map((t) => `"${t}"`).join(', ')}`,
    });
  if (s['x-kubernetes-embedded-resource'] && type !== 'object') {
    if (!type)
      causes.push(required(`${path}.type`, 'must be object if x-kubernetes-embedded-resource is true'));
    else
      causes.push(invalid(`${path}.type`, type, 'must be object if x-kubernetes-embedded-resource is true'));
  } else if (!type && !intOrString && !preserve) {
    const detail =
      level === 'root'
        ? 'must not be empty at the root'
        : level === 'item'
          ? 'must not be empty for specified array items'
          : 'must not be empty for specified object fields';
    causes.push(required(`${path}.type`, detail));
  }
  if (level === 'root' && type && type !== 'object')
    causes.push(invalid(`${path}.type`, type, 'must be object at the root'));
  if (intOrString && preserve)
    causes.push(
      invalid(
        `${path}.x-kubernetes-preserve-unknown-fields`,
        'true',
        'must be false if x-kubernetes-int-or-string is true',
      ),
    );
  if (intOrString && s['x-kubernetes-embedded-resource'])
    causes.push(
      invalid(
        `${path}.x-kubernetes-embedded-resource`,
        'true',
        'must be false if x-kubernetes-int-or-string is true',
      ),
    );
  if (s['x-kubernetes-embedded-resource'] && !preserve && !s.properties)
    causes.push(
      required(
        `${path}.properties`,
        'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields',
      ),
    );
  if (preserve === false)
    causes.push(
      invalid(`${path}.x-kubernetes-preserve-unknown-fields`, 'false', 'must be true or undefined'),
    );
  if (s.properties && s.additionalProperties !== undefined && s.additionalProperties !== false)
    causes.push(
      forbidden(`${path}.additionalProperties`, 'additionalProperties and properties are mutual exclusive'),
    );
  if (s.additionalProperties === false && !s.properties)
    causes.push(
      forbidden(`${path}.additionalProperties`, 'must not be false (use properties to name the fields)'),
    );
  if (s.uniqueItems === true)
    causes.push(
      forbidden(
        `${path}.uniqueItems`,
        'uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
      ),
    );
  if (type === 'array' && !s.items) causes.push(required(`${path}.items`, 'must be specified'));
  for (const [name, prop] of Object.entries(s.properties ?? {}))
    walk(prop, `${path}.properties[${name}]`, 'field', causes, depth + 1);
  if (typeof s.additionalProperties === 'object' && s.additionalProperties !== null)
    walk(s.additionalProperties, `${path}.additionalProperties`, 'field', causes, depth + 1);
  if (s.items) {
    if (Array.isArray(s.items))
      causes.push(forbidden(`${path}.items`, 'items must be a schema object and not an array'));
    else walk(s.items, `${path}.items`, 'item', causes, depth + 1);
  }
  junctors(s, path, causes, depth);
  if (s.default !== undefined && level !== 'root') checkDefault(s, path, causes);
}

function junctors(s: JSONSchemaProps, path: string, causes: StatusCause[], depth: number): void {
  const parts: Array<[string, JSONSchemaProps]> = [
    ...(['allOf', 'anyOf', 'oneOf'] as const).flatMap((k) =>
      (s[k] ?? []).map((p, i) => [`${path}.${k}[${i}]`, p] as [string, JSONSchemaProps]),
    ),
    ...(s.not ? [[`${path}.not`, s.not] as [string, JSONSchemaProps]] : []),
  ];
  for (const [where, part] of parts) {
    if (!wellShaped(part, where, causes, depth + 1)) continue;
    if (s['x-kubernetes-int-or-string'] && isIntOrStringPattern(where, part, path)) continue;
    for (const key of STRUCTURAL_IN_JUNCTORS)
      if ((part as Record<string, unknown>)[key] !== undefined)
        causes.push(forbidden(`${where}.${key}`, 'must be empty to be structural'));
  }
}

/** A value validation inside a junctor: an object, of bounded depth, whose keywords have their JSON types. */
function wellShaped(part: unknown, where: string, causes: StatusCause[], depth: number): boolean {
  if (typeof part !== 'object' || part === null || Array.isArray(part)) {
    causes.push(invalid(where, typeof part, 'must be a schema object'));
    return false;
  }
  if (depth > MAX_DEPTH) {
    causes.push(invalid(where, 'object', `must not nest more than ${MAX_DEPTH} levels`));
    return false;
  }
  const p = part as Record<string, unknown>;
  const bad = Object.entries(SHAPES).filter(([key, ok]) => p[key] !== undefined && !ok(p[key]));
  for (const [key] of bad)
    causes.push(invalid(`${where}.${key}`, JSON.stringify(p[key]), 'has the wrong type'));
  if (bad.length > 0) return false;
  const nested: Array<[string, unknown]> = [
    ...(['allOf', 'anyOf', 'oneOf'] as const).flatMap((k) =>
      ((p[k] as unknown[] | undefined) ?? []).map((x, i) => [`${where}.${k}[${i}]`, x] as [string, unknown]),
    ),
    ...(p.not !== undefined ? [[`${where}.not`, p.not] as [string, unknown]] : []),
    ...Object.entries((p.properties as Record<string, unknown> | undefined) ?? {}).map(
      ([k, x]) => [`${where}.properties[${k}]`, x] as [string, unknown],
    ),
    ...(p.items !== undefined ? [[`${where}.items`, p.items] as [string, unknown]] : []),
  ];
  return nested.every(([w, x]) => wellShaped(x, w, causes, depth + 1));
}

/**
 * The one place a type may appear inside a junctor: x-kubernetes-int-or-string spelled out as
 * `anyOf: [{type: integer}, {type: string}]`, alone or as the first allOf (as kubebuilder writes quantities).
 */
function isIntOrStringPattern(where: string, part: JSONSchemaProps, path: string): boolean {
  const typesOnly = (p: JSONSchemaProps | undefined) =>
    p !== undefined && (p.type === 'integer' || p.type === 'string');
  if (where.startsWith(`${path}.anyOf[`)) return typesOnly(part);
  if (where === `${path}.allOf[0]`) return (part.anyOf ?? []).every(typesOnly);
  return false;
}

/** A default must be what pruning leaves alone and what the schema accepts. */
function checkDefault(s: JSONSchemaProps, path: string, causes: StatusCause[]): void {
  const holder = { value: structuredClone(s.default) };
  const pruned = pruneUnknownFields(holder, { type: 'object', properties: { value: s } }).filter(
    (p) => p !== 'value',
  );
  if (pruned.length > 0)
    causes.push(
      invalid(
        `${path}.default`,
        JSON.stringify(s.default),
        `must not have unknown fields: ${pruned.map((p) => p.slice('value.'.length)).join(', ')}`,
      ),
    );
  causes.push(...validateValue(s.default, s, `${path}.default`, false));
}
