import type { StatusCause } from '../../shared/api-types';
import { appendAll } from '../../shared/append-all';
import { parseQuantity } from '../../shared/quantity';

export { appendAll };

// Hand-written rules per kind, laid out along the object's shape: enums, ranges (ports 1-65535) and required
// fields, with the exact field path (422 Invalid). Types, unknown fields and what fits in an int32 are the
// structural check's, generated from Kubernetes' own types (server/check-structure.ts), which runs first.

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

function invalid(field: string, message: string): StatusCause {
  return { type: 'FieldValueInvalid', field, message: `Invalid value: ${message}` };
}

/**
 * The rules of a hand-written schema over an object that has already passed the structural check
 * (server/check-structure.ts, generated from Kubernetes' types): enums, ranges and required fields, each with its
 * field path. Types are not checked here; a value of an unexpected type is left to that check.
 */
export function checkSchema(value: unknown, schema: Schema, path: string): StatusCause[] {
  if (value === undefined || value === null) return [];
  switch (schema.type) {
    case 'string':
      if (typeof value === 'string' && schema.enum && !schema.enum.includes(value)) {
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
      if (typeof value !== 'number') return [];
      if (schema.min !== undefined && value < schema.min)
        return [invalid(path, `${value}: must be at least ${schema.min}`)];
      if (schema.max !== undefined && value > schema.max)
        return [invalid(path, `${value}: must be at most ${schema.max}`)];
      return [];
    case 'quantity':
      return (parseQuantity(value as string | number) ?? 0) < 0
        ? [invalid(path, `${JSON.stringify(value)}: must be greater than or equal to 0`)]
        : [];
    case 'array': {
      if (!Array.isArray(value)) return [];
      const causes: StatusCause[] = [];
      value.forEach((item, i) => appendAll(causes, checkSchema(item, schema.items, `${path}[${i}]`)));
      return causes;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return [];
      const causes: StatusCause[] = [];
      for (const [k, v] of Object.entries(value))
        appendAll(causes, checkSchema(v, schema.values, `${path}[${k}]`));
      return causes;
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return [];
      const record = value as Record<string, unknown>;
      const causes: StatusCause[] = [];
      for (const [key, childSchema] of Object.entries(schema.fields)) {
        if (record[key] !== undefined)
          appendAll(causes, checkSchema(record[key], childSchema, path ? `${path}.${key}` : key));
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
    default:
      return [];
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
