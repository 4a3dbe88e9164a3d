import type { ScalarType } from './kube-schema';
import { readFields, WireType, type WireField } from './wire-reader';

// The JSON form of Kubernetes' protobuf scalars and of the small apimachinery messages that marshal to JSON
// scalars in Go (Time, MicroTime, Quantity, IntOrString, FieldsV1/RawExtension).

/** A value that cannot be read: `field` is the wire field number inside the scalar's own message, if any. */
export class ValueError extends Error {
  constructor(
    message: string,
    readonly unknownField?: number,
  ) {
    super(message);
  }
}

const utf8 = new TextDecoder();

const lengthDelimited: ReadonlySet<ScalarType> = new Set([
  'string',
  'bytes',
  'time',
  'microTime',
  'quantity',
  'intOrString',
  'rawJson',
]);

/** The wire type a scalar of this type arrives in (repeated numbers may also come packed). */
export function wireTypeOf(type: ScalarType): WireType {
  return lengthDelimited.has(type) ? WireType.lengthDelimited : WireType.varint;
}

function int64(value: bigint): number {
  const signed = BigInt.asIntN(64, value);
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < BigInt(Number.MIN_SAFE_INTEGER))
    throw new ValueError(`the integer ${signed} is too large for JSON`);
  return Number(signed);
}

/** A number read from a varint: int32 values are sign-extended to 64 bits on the wire. */
export function varintValue(type: ScalarType, value: bigint): number | boolean {
  if (type === 'bool') return value !== 0n;
  if (type === 'int32') return Number(BigInt.asIntN(32, value));
  return int64(value);
}

/** The fields of one of the small messages below, refusing any number it should not have. */
function subFields(bytes: Uint8Array, known: number[]): Map<number, WireField> {
  const fields = new Map<number, WireField>();
  for (const field of readFields(bytes)) {
    if (!known.includes(field.number)) throw new ValueError('unknown field', field.number);
    fields.set(field.number, field);
  }
  return fields;
}

const varintOf = (field: WireField | undefined): bigint => (field?.wireType === 0 ? field.value : 0n);
const textOf = (field: WireField | undefined): string =>
  field && field.wireType !== 0 ? utf8.decode(field.bytes) : '';

/** metav1.Time: whole seconds, as Go's RFC 3339 ("2024-05-01T10:00:00Z"); MicroTime keeps microseconds. */
function timeValue(bytes: Uint8Array, micro: boolean): string | undefined {
  // apimachinery marshals the zero time as an empty message, and Go's JSON for it is null.
  if (bytes.length === 0) return undefined;
  const fields = subFields(bytes, [1, 2]);
  const seconds = int64(varintOf(fields.get(1)));
  const nanos = Number(BigInt.asIntN(32, varintOf(fields.get(2))));
  const whole = new Date(seconds * 1000).toISOString().slice(0, 19);
  return micro ? `${whole}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${whole}Z`;
}

/** intstr.IntOrString: type 0 is intVal, type 1 strVal. */
function intOrStringValue(bytes: Uint8Array): number | string {
  const fields = subFields(bytes, [1, 2, 3]);
  const type = varintOf(fields.get(1));
  if (type === 0n) return Number(BigInt.asIntN(32, varintOf(fields.get(2))));
  if (type === 1n) return textOf(fields.get(3));
  throw new ValueError(`an IntOrString has the unknown type ${type}`);
}

function rawJsonValue(bytes: Uint8Array): unknown {
  const raw = textOf(subFields(bytes, [1]).get(1));
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ValueError('an embedded object (FieldsV1 or RawExtension) is not JSON');
  }
}

/** The JSON value of a length-delimited scalar; undefined for a zero Time or an empty raw object (Go: null). */
export function bytesValue(type: ScalarType, bytes: Uint8Array): unknown {
  switch (type) {
    case 'string':
      return utf8.decode(bytes);
    case 'bytes':
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
    case 'time':
      return timeValue(bytes, false);
    case 'microTime':
      return timeValue(bytes, true);
    case 'quantity':
      return textOf(subFields(bytes, [1]).get(1));
    case 'intOrString':
      return intOrStringValue(bytes);
    case 'rawJson':
      return rawJsonValue(bytes);
    default:
      throw new ValueError(`a ${type} cannot arrive as length-delimited bytes`);
  }
}

/** The JSON value a map entry without a value stands for (Go's zero value of the type). */
export function zeroValue(type: ScalarType): unknown {
  if (type === 'bool') return false;
  if (type === 'int32' || type === 'int64') return 0;
  if (type === 'quantity') return '0';
  return '';
}

/** Go's zero values: what a value field (not a pointer) holds when it was never set. */
export function isZero(value: unknown): boolean {
  return value === undefined || value === '' || value === 0 || value === false;
}
