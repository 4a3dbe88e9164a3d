import type { StatusCause } from '../shared/api-types';
import { parseQuantity } from '../shared/quantity';
import { messageFields, type FieldSpec } from './protobuf/kube-schema';
import { kubeKindMessages } from './protobuf/kube-messages';

// The structural check every request body passes before defaulting and validation: Kubernetes' decoding of a
// JSON object into its Go type, from the field table generated out of kubectl 1.32's protobuf descriptors
// (scripts/generate-kube-protobuf-schema.js). A wrong type, an int32 that does not fit, a null list item or
// malformed base64 is a cause here (the caller answers 400, as Kubernetes' decoder does); so is an unknown field
// under fieldValidation=Strict. What Go would read as "unset" is made so: a field that is null is removed, and
// so is an unknown field when validation is not strict. The per-kind rules then see only well-typed objects.

export interface StructureResult {
  /** Type errors, each with its field path. */
  causes: StatusCause[];
  /** Paths of fields the kind does not have (removed from the object), e.g. "spec.foo". */
  unknownFields: string[];
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const QUANTITY_PATTERN = "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
// RFC 3339 as Go's time.Time reads it (metav1.Time, metav1.MicroTime).
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
/** Where a cause quotes a string value: long ones are cut, so a 1 MB value does not come back in the answer. */
const QUOTE_LIMIT = 64;

/** The message of a kind ("apps/v1", "Deployment"), if the generated table knows it. */
export function kindMessage(apiVersion: string, kind: string): string | undefined {
  return kubeKindMessages[`${apiVersion}/${kind}`];
}

/** JSON's name for the type of a value, as Kubernetes' messages say it. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function quoted(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT)}...` : value);
  if (typeof value === 'number') return String(value);
  return `"${jsonType(value)}"`;
}

/** Fields of a message by JSON name, with the fields of its inline members (Go's `json:",inline"`) merged in. */
const fieldCache = new Map<string, ReadonlyMap<string, FieldSpec>>();
function jsonFields(message: string): ReadonlyMap<string, FieldSpec> {
  const cached = fieldCache.get(message);
  if (cached) return cached;
  const byName = new Map<string, FieldSpec>();
  for (const spec of messageFields(message)?.values() ?? []) {
    if (spec.inline) for (const [name, inner] of jsonFields(spec.type)) byName.set(name, inner);
    else byName.set(spec.json, spec);
  }
  fieldCache.set(message, byName);
  return byName;
}

class Checker {
  readonly causes: StatusCause[] = [];
  readonly unknownFields: string[] = [];

  constructor(private readonly strict: boolean) {}

  private wrongType(path: string, value: unknown, expected: string, detail = ''): void {
    this.causes.push({
      type: 'FieldValueInvalid',
      field: path,
      message: `Invalid value: ${quoted(value)}: ${path} in body must be of type ${expected}${detail}`,
    });
  }

  private invalid(path: string, value: unknown, message: string): void {
    this.causes.push({
      type: 'FieldValueInvalid',
      field: path,
      message: `Invalid value: ${quoted(value)}: ${message}`,
    });
  }

  /** Checks an object of `message`; removes null and (unless strict) unknown fields from it. */
  object(value: unknown, message: string, path: string, typeMeta = false): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return this.wrongType(path, value, 'object');
    const record = value as Record<string, unknown>;
    const fields = jsonFields(message);
    for (const key of Object.keys(record)) {
      const child = record[key];
      const childPath = path ? `${path}.${key}` : key;
      if (typeMeta && (key === 'apiVersion' || key === 'kind')) {
        if (typeof child !== 'string' && child !== null) this.wrongType(childPath, child, 'string');
        continue;
      }
      const spec = fields.get(key);
      if (!spec) {
        this.unknownFields.push(childPath);
        if (!this.strict) delete record[key];
        continue;
      }
      if (child === null || child === undefined) {
        delete record[key];
        continue;
      }
      this.field(child, spec, childPath);
    }
  }

  private field(value: unknown, spec: FieldSpec, path: string): void {
    if (spec.shape === 'repeated') {
      if (!Array.isArray(value)) return this.wrongType(path, value, 'array');
      value.forEach((item, i) => this.value(item, spec, `${path}[${i}]`));
    } else if (spec.shape === 'map') {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return this.wrongType(path, value, 'object');
      for (const [key, item] of Object.entries(value)) this.value(item, spec, `${path}[${key}]`);
    } else {
      this.value(value, spec, path);
    }
  }

  /** One value of the field's element type (a list item or map value must not be null: Go would invent one). */
  private value(value: unknown, spec: FieldSpec, path: string): void {
    if (spec.isMessage) return this.object(value, spec.type, path);
    switch (spec.type) {
      case 'string':
        if (typeof value !== 'string') this.wrongType(path, value, 'string');
        return;
      case 'bool':
        if (typeof value !== 'boolean') this.wrongType(path, value, 'boolean');
        return;
      case 'int32':
      case 'int64':
        return this.integer(value, spec.type, path);
      case 'intOrString':
        if (typeof value === 'string') return;
        if (typeof value !== 'number') return this.wrongType(path, value, 'integer or string');
        return this.integer(value, 'int32', path);
      case 'quantity':
        if (typeof value !== 'string' && typeof value !== 'number')
          return this.wrongType(path, value, 'string or number');
        if (parseQuantity(value) === undefined)
          this.invalid(path, value, `quantities must match the regular expression ${QUANTITY_PATTERN}`);
        return;
      case 'bytes':
        // Never quote the value: bytes are Secret data.
        if (typeof value !== 'string') return this.wrongType(path, value, 'string');
        if (!BASE64.test(value))
          this.causes.push({
            type: 'FieldValueInvalid',
            field: path,
            message: `Invalid value: "<value redacted>": ${path} in body must be base64-encoded (illegal base64 data at input byte ${firstBadBase64Byte(value)}); a Secret takes plain text under stringData`,
          });
        return;
      case 'time':
      case 'microTime':
        if (typeof value !== 'string') return this.wrongType(path, value, 'string');
        if (!RFC3339.test(value) || Number.isNaN(Date.parse(value)))
          this.invalid(
            path,
            value,
            `${path} in body must be of type date-time (RFC 3339, e.g. "2006-01-02T15:04:05Z")`,
          );
        return;
      case 'rawJson':
        return;
      default:
        throw new Error(`check-structure: the field type "${spec.type}" of ${path} is not known`);
    }
  }

  private integer(value: unknown, type: 'int32' | 'int64', path: string): void {
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.wrongType(path, value, 'integer');
    // Go decodes into int32/int64 and refuses what does not fit; JavaScript would keep 2^63 or 1e308 as a
    // number, and a controller would then act on it (a ReplicaSet creating pods without end).
    if (type === 'int32' && (value < INT32_MIN || value > INT32_MAX))
      this.wrongType(path, value, 'int32', ` (${INT32_MIN} to ${INT32_MAX})`);
    if (type === 'int64' && !Number.isSafeInteger(value))
      this.wrongType(
        path,
        value,
        'int64',
        ` (within ±${Number.MAX_SAFE_INTEGER}, the whole numbers JSON clients keep exactly)`,
      );
  }
}

function firstBadBase64Byte(value: string): number {
  const i = value.search(/[^A-Za-z0-9+/=]/);
  if (i >= 0) return i;
  const pad = value.indexOf('=');
  return pad >= 0 && pad < value.length - 2 ? pad : value.length - (value.length % 4);
}

/**
 * Checks (and normalizes, in place) a body of the kind whose message is `message`. `typeMeta`: the object
 * carries apiVersion and kind (a top-level object, not a part of one). Unknown fields are removed unless
 * `strict`, where they stay and the caller refuses the body.
 */
export function checkStructure(
  value: unknown,
  message: string,
  options: { strict: boolean; typeMeta?: boolean },
): StructureResult {
  const checker = new Checker(options.strict);
  checker.object(value, message, '', options.typeMeta ?? true);
  return { causes: checker.causes, unknownFields: checker.unknownFields };
}
