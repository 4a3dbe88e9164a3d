import type { StatusCause } from '../../shared/api-types';
import { additionalSchema, childPath, indexPath, isJsonObject, type JSONSchemaProps } from './json-schema';

// A custom resource checked against its version's structural schema, as apiextensions-apiserver's
// ValidateCustomResource does with kube-openapi's validator: each failure becomes a field error with
// Kubernetes' wording (`spec.replicas: Invalid value: "string": spec.replicas in body must be of type
// integer: "string"`). CEL rules (x-kubernetes-validations) are not evaluated.

/** A value as field.Error prints it: strings quoted, numbers and booleans bare, anything else as JSON. */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** JSON's type name of a value as the validator reports it. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isJsonObject(value);
    case 'array':
      return Array.isArray(value);
    default:
      return true;
  }
}

const invalid = (path: string, value: unknown, detail: string): StatusCause => ({
  type: 'FieldValueInvalid',
  field: path,
  message: `Invalid value: ${goValue(value)}: ${detail}`,
});

class SchemaValidator {
  readonly causes: StatusCause[] = [];

  constructor(private readonly root: boolean) {}

  value(value: unknown, schema: JSONSchemaProps, path: string): void {
    if (value === null) {
      if (schema.nullable || (!schema.type && schema['x-kubernetes-preserve-unknown-fields'])) return;
      if (schema['x-kubernetes-int-or-string'] || schema.type) {
        const type = schema['x-kubernetes-int-or-string'] ? 'integer,string' : schema.type;
        this.causes.push(typeInvalid(path, 'null', type!));
        return;
      }
    }
    if (schema['x-kubernetes-int-or-string']) {
      if (typeof value !== 'string' && !(typeof value === 'number' && Number.isInteger(value))) {
        this.causes.push(typeInvalid(path, typeName(value), 'integer,string'));
        return;
      }
    } else if (schema.type && !hasType(value, schema.type)) {
      this.causes.push(typeInvalid(path, typeName(value), schema.type));
      return;
    }
    this.enumeration(value, schema, path);
    if (typeof value === 'number') this.number(value, schema, path);
    if (typeof value === 'string') this.string(value, schema, path);
    if (Array.isArray(value)) this.array(value, schema, path);
    if (isJsonObject(value)) this.object(value, schema, path);
    this.combinators(value, schema, path);
  }

  private enumeration(value: unknown, schema: JSONSchemaProps, path: string): void {
    if (!schema.enum || schema.enum.length === 0) return;
    const text = JSON.stringify(value);
    if (schema.enum.some((e) => JSON.stringify(e) === text)) return;
    const supported = schema.enum.map((e) => JSON.stringify(typeof e === 'string' ? e : JSON.stringify(e)));
    this.causes.push({
      type: 'FieldValueNotSupported',
      field: path,
      message: `Unsupported value: ${goValue(value)}: supported values: ${supported.join(', ')}`,
    });
  }

  private number(value: number, schema: JSONSchemaProps, path: string): void {
    const where = `${path} in body`;
    if (schema.maximum !== undefined) {
      if (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum)
        this.causes.push(
          invalid(
            path,
            value,
            `${where} should be less than ${schema.exclusiveMaximum ? '' : 'or equal to '}${schema.maximum}`,
          ),
        );
    }
    if (schema.minimum !== undefined) {
      if (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum)
        this.causes.push(
          invalid(
            path,
            value,
            `${where} should be greater than ${schema.exclusiveMinimum ? '' : 'or equal to '}${schema.minimum}`,
          ),
        );
    }
    if (schema.multipleOf !== undefined && schema.multipleOf > 0) {
      const ratio = value / schema.multipleOf;
      if (Math.abs(ratio - Math.round(ratio)) > 1e-9)
        this.causes.push(invalid(path, value, `${where} should be a multiple of ${schema.multipleOf}`));
    }
    if (schema.format === 'int32' && Number.isInteger(value) && (value < -(2 ** 31) || value > 2 ** 31 - 1))
      this.causes.push(invalid(path, value, `${where} must be of type int32: "${value}"`));
  }

  private string(value: string, schema: JSONSchemaProps, path: string): void {
    const where = `${path} in body`;
    const length = [...value].length;
    if (schema.maxLength !== undefined && length > schema.maxLength)
      this.causes.push({
        type: 'FieldValueTooLong',
        field: path,
        message: `Too long: may not be longer than ${schema.maxLength}`,
      });
    if (schema.minLength !== undefined && length < schema.minLength)
      this.causes.push(invalid(path, value, `${where} should be at least ${schema.minLength} chars long`));
    if (schema.pattern !== undefined && !patternMatches(schema.pattern, value))
      this.causes.push(invalid(path, value, `${where} should match '${schema.pattern}'`));
  }

  private array(value: unknown[], schema: JSONSchemaProps, path: string): void {
    const where = `${path} in body`;
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      this.causes.push({
        type: 'FieldValueTooMany',
        field: path,
        message: `Too many: ${value.length}: must have at most ${schema.maxItems} items`,
      });
    if (schema.minItems !== undefined && value.length < schema.minItems)
      this.causes.push(invalid(path, value.length, `${where} should have at least ${schema.minItems} items`));
    const listType = schema['x-kubernetes-list-type'];
    if (listType === 'set' || listType === 'map') this.uniqueness(value, schema, path, listType);
    if (schema.items) value.forEach((item, i) => this.value(item, schema.items!, indexPath(path, i)));
  }

  private uniqueness(value: unknown[], schema: JSONSchemaProps, path: string, listType: string): void {
    const seen = new Set<string>();
    const keys = schema['x-kubernetes-list-map-keys'] ?? [];
    value.forEach((item, i) => {
      const identity =
        listType === 'map' && isJsonObject(item)
          ? JSON.stringify(keys.map((k) => item[k]))
          : JSON.stringify(item);
      if (seen.has(identity)) {
        const shown =
          listType === 'map' && isJsonObject(item)
            ? `map[string]interface {}{${keys.map((k) => `"${k}":${goValue(item[k])}`).join(', ')}}`
            : goValue(item);
        this.causes.push({
          type: 'FieldValueDuplicate',
          field: indexPath(path, i),
          message: `Duplicate value: ${shown}`,
        });
      }
      seen.add(identity);
    });
  }

  private object(value: Record<string, unknown>, schema: JSONSchemaProps, path: string): void {
    const where = `${path} in body`;
    const atRoot = this.root && path === '';
    const count = Object.keys(value).length;
    if (schema.maxProperties !== undefined && count > schema.maxProperties)
      this.causes.push({
        type: 'FieldValueTooMany',
        field: path,
        message: `Too many: ${count}: must have at most ${schema.maxProperties} items`,
      });
    if (schema.minProperties !== undefined && count < schema.minProperties)
      this.causes.push(
        invalid(path, count, `${where} should have at least ${schema.minProperties} properties`),
      );
    for (const name of schema.required ?? []) {
      if (!(name in value))
        this.causes.push({
          type: 'FieldValueRequired',
          field: childPath(path, name),
          message: 'Required value',
        });
    }
    const extra = additionalSchema(schema);
    for (const [key, field] of Object.entries(value)) {
      // The root's metadata, apiVersion and kind are ObjectMeta and TypeMeta, checked by the server itself.
      if (atRoot && (key === 'metadata' || key === 'apiVersion' || key === 'kind')) continue;
      const fieldSchema = schema.properties?.[key] ?? extra;
      if (fieldSchema) this.value(field, fieldSchema, childPath(path, key));
    }
  }

  /** allOf/anyOf/oneOf/not: value validations only (structural schemas allow no types or properties there). */
  private combinators(value: unknown, schema: JSONSchemaProps, path: string): void {
    for (const part of schema.allOf ?? []) this.value(value, part, path);
    const passes = (part: JSONSchemaProps) => validateValue(value, part, path, false).length === 0;
    if (schema.anyOf && !schema.anyOf.some(passes))
      this.causes.push(
        invalid(path, value, `${path || '<root>'} in body must be valid against any of the anyOf schemas`),
      );
    if (schema.oneOf && schema.oneOf.filter(passes).length !== 1)
      this.causes.push(
        invalid(path, value, `${path || '<root>'} in body must validate one and only one schema (oneOf)`),
      );
    if (schema.not && passes(schema.not))
      this.causes.push(
        invalid(path, value, `${path || '<root>'} in body must not validate the schema (not)`),
      );
  }
}

function typeInvalid(path: string, actual: string, expected: string): StatusCause {
  return {
    type: 'FieldValueTypeInvalid',
    field: path,
    message: `Invalid value: "${actual}": ${path || '<root>'} in body must be of type ${expected}: "${actual}"`,
  };
}

const compiledPatterns = new Map<string, RegExp | null>();

/** A CRD's pattern is a Go RE2 expression; the ECMAScript subset that both read is what CRDs use in practice. */
function patternMatches(pattern: string, value: string): boolean {
  let regex = compiledPatterns.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(pattern, 'u');
    } catch {
      regex = null;
    }
    compiledPatterns.set(pattern, regex);
  }
  return regex === null ? true : regex.test(value);
}

/** Every way `value` (at `path`) fails `schema`. `root`: the value is a whole object (TypeMeta and metadata skipped). */
export function validateValue(
  value: unknown,
  schema: JSONSchemaProps,
  path = '',
  root = true,
): StatusCause[] {
  const validator = new SchemaValidator(root);
  validator.value(value, schema, path);
  return validator.causes;
}
