import type { StatusCause } from '../../shared/api-types';
import { parseQuantity } from '../../shared/quantity';

// A small structural schema: enough to reject unknown fields and wrong types with the exact field path, as
// Kubernetes' strict decoding does. Kinds describe their shape once here; meaning is checked by their strategy.

export type Schema =
  | { type: 'string'; enum?: readonly string[] }
  | { type: 'integer'; min?: number; max?: number; bits: 32 | 64 }
  | { type: 'number' }
  | { type: 'boolean' }
  | { type: 'int-or-string' }
  | { type: 'quantity' }
  | { type: 'object'; fields: Record<string, Schema>; required?: readonly string[] }
  | { type: 'map'; values: Schema }
  | { type: 'array'; items: Schema }
  | { type: 'any' };

export const str = (enumValues?: readonly string[]): Schema => ({
  type: 'string',
  ...(enumValues ? { enum: enumValues } : {}),
});
/** An int32 field, as most of Kubernetes' counts, ports and seconds are. */
export const int = (min?: number, max?: number): Schema => ({ type: 'integer', min, max, bits: 32 });
/** An int64 field (Kubernetes' user ids, grace periods, deadlines). */
export const int64 = (min?: number, max?: number): Schema => ({ type: 'integer', min, max, bits: 64 });

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
export const bool: Schema = { type: 'boolean' };
export const intOrString: Schema = { type: 'int-or-string' };
export const quantity: Schema = { type: 'quantity' };
export const any: Schema = { type: 'any' };
export const obj = (fields: Record<string, Schema>, required?: readonly string[]): Schema => ({
  type: 'object',
  fields,
  required,
});
export const arr = (items: Schema): Schema => ({ type: 'array', items });
export const map = (values: Schema): Schema => ({ type: 'map', values });

const describe = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'a list'
      : typeof value === 'object'
        ? 'an object'
        : `${typeof value} ${JSON.stringify(value)}`;

function invalid(field: string, message: string): StatusCause {
  return { type: 'FieldValueInvalid', field, message: `Invalid value: ${message}` };
}

export function checkSchema(value: unknown, schema: Schema, path: string): StatusCause[] {
  if (value === undefined || value === null) return [];
  switch (schema.type) {
    case 'any':
      return [];
    case 'string':
      if (typeof value !== 'string') return [invalid(path, `${describe(value)}: must be a string`)];
      if (schema.enum && !schema.enum.includes(value)) {
        return [
          {
            type: 'FieldValueNotSupported',
            field: path,
            message: `Unsupported value: "${value}": supported values: ${schema.enum.map((e) => `"${e}"`).join(', ')}`,
          },
        ];
      }
      return [];
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return [invalid(path, `${describe(value)}: must be a whole number`)];
      // Go decodes into int32/int64 and refuses what does not fit; JavaScript would keep 2^63 or 1e308 as a
      // number, and a controller would then act on it (a ReplicaSet creating pods without end).
      if (schema.bits === 32 && (value < INT32_MIN || value > INT32_MAX))
        return [invalid(path, `${value}: must fit in a 32-bit integer (${INT32_MIN} to ${INT32_MAX})`)];
      if (schema.bits === 64 && !Number.isSafeInteger(value))
        return [
          invalid(
            path,
            `${value}: must be a whole number between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`,
          ),
        ];
      if (schema.min !== undefined && value < schema.min)
        return [invalid(path, `${value}: must be at least ${schema.min}`)];
      if (schema.max !== undefined && value > schema.max)
        return [invalid(path, `${value}: must be at most ${schema.max}`)];
      return [];
    case 'number':
      return typeof value === 'number' ? [] : [invalid(path, `${describe(value)}: must be a number`)];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [invalid(path, `${describe(value)}: must be true or false`)];
    case 'int-or-string':
      return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'string'
        ? []
        : [invalid(path, `${describe(value)}: must be a whole number or a string`)];
    case 'quantity':
      return (typeof value === 'string' || typeof value === 'number') &&
        parseQuantity(value) !== undefined &&
        (parseQuantity(value) ?? -1) >= 0
        ? []
        : [invalid(path, `${describe(value)}: must be a quantity such as "500m", "2", "128Mi" or "1Gi"`)];
    case 'array':
      if (!Array.isArray(value)) return [invalid(path, `${describe(value)}: must be a list`)];
      return value.flatMap((item, i) => checkSchema(item, schema.items, `${path}[${i}]`));
    case 'map':
      if (typeof value !== 'object' || Array.isArray(value))
        return [invalid(path, `${describe(value)}: must be a map`)];
      return Object.entries(value).flatMap(([k, v]) => checkSchema(v, schema.values, `${path}[${k}]`));
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value))
        return [invalid(path, `${describe(value)}: must be an object`)];
      const record = value as Record<string, unknown>;
      const causes: StatusCause[] = [];
      for (const [key, child] of Object.entries(record)) {
        const childPath = path ? `${path}.${key}` : key;
        const childSchema = schema.fields[key];
        if (!childSchema) {
          causes.push({
            type: 'FieldValueNotSupported',
            field: childPath,
            message: `Unsupported value: unknown field "${key}": remove it or check its spelling`,
          });
        } else {
          causes.push(...checkSchema(child, childSchema, childPath));
        }
      }
      for (const key of schema.required ?? []) {
        if (record[key] === undefined || record[key] === null || record[key] === '') {
          causes.push({
            type: 'FieldValueRequired',
            field: path ? `${path}.${key}` : key,
            message: 'Required value',
          });
        }
      }
      return causes;
    }
  }
}

const stringMap = map(str());

export const objectMetaSchema = obj({
  name: str(),
  generateName: str(),
  namespace: str(),
  uid: str(),
  resourceVersion: str(),
  generation: int64(),
  creationTimestamp: any,
  deletionTimestamp: any,
  deletionGracePeriodSeconds: int64(),
  labels: stringMap,
  annotations: stringMap,
  ownerReferences: arr(
    obj(
      { apiVersion: str(), kind: str(), name: str(), uid: str(), controller: bool, blockOwnerDeletion: bool },
      ['apiVersion', 'kind', 'name', 'uid'],
    ),
  ),
  finalizers: arr(str()),
  managedFields: any,
  selfLink: str(),
});

/** The envelope every kind shares, around its own spec/status (or top-level fields such as data). */
export function kindSchema(fields: Record<string, Schema>): Schema {
  return obj({ apiVersion: str(), kind: str(), metadata: objectMetaSchema, ...fields });
}
