import { ApiError, apiErrors } from '../../store/api-error';
import { messageFields, protobufKinds, rootMessage, type FieldSpec, type ScalarType } from './kube-schema';
import { bytesValue, isZero, ValueError, varintValue, wireTypeOf, zeroValue } from './kube-values';
import { readFields, readPackedVarints, WireFormatError, WireType, type WireField } from './wire-reader';
import { appendAll } from '../../shared/append-all';

export const KUBE_PROTOBUF = 'application/vnd.kubernetes.protobuf';

// Kubernetes' protobuf serialization (apimachinery runtime/serializer/protobuf): the magic "k8s\0", then a
// runtime.Unknown whose typeMeta names the object and whose raw is the object's own message.
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

const SEND_JSON =
  'send the object as JSON instead (kubectl sends what it reads from a file as JSON: ' +
  '`kubectl create ... --dry-run=client -o yaml | kubectl create -f -`)';

function unsupported(what: string): ApiError {
  return new ApiError(415, 'UnsupportedMediaType', `${what}: ${SEND_JSON}`);
}

function malformed(what: string, path: string): ApiError {
  return apiErrors.badRequest(`the protobuf body is malformed${path ? ` at ${path}` : ''}: ${what}`);
}

const utf8 = new TextDecoder();

interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
}

function readEnvelope(body: Uint8Array): Envelope {
  if (body.length < MAGIC.length || MAGIC.some((byte, i) => body[i] !== byte))
    throw malformed(`a ${KUBE_PROTOBUF} body starts with the 4 bytes "k8s\\0"`, '');
  const envelope: Envelope = { apiVersion: '', kind: '', raw: new Uint8Array() };
  let contentEncoding = '';
  let contentType = '';
  const text = (f: WireField) => (f.wireType === WireType.lengthDelimited ? utf8.decode(f.bytes) : '');
  for (const field of readFields(body.subarray(MAGIC.length))) {
    if (field.wireType !== WireType.lengthDelimited)
      throw malformed(`field ${field.number} of the envelope is not length-delimited`, '');
    if (field.number === 1) {
      for (const typeField of readFields(field.bytes)) {
        if (typeField.number === 1) envelope.apiVersion = text(typeField);
        else if (typeField.number === 2) envelope.kind = text(typeField);
      }
    } else if (field.number === 2) envelope.raw = field.bytes;
    else if (field.number === 3) contentEncoding = text(field);
    else if (field.number === 4) contentType = text(field);
  }
  if (contentEncoding !== '')
    throw unsupported(`the protobuf envelope's content encoding "${contentEncoding}" is not supported`);
  if (contentType !== '' && contentType !== KUBE_PROTOBUF)
    throw unsupported(`the protobuf envelope holds "${contentType}", not protobuf`);
  return envelope;
}

class Decoder {
  constructor(private readonly kind: string) {}

  message(name: string, bytes: Uint8Array, path: string): Record<string, unknown> {
    const fields = messageFields(name);
    if (!fields) throw unsupported(`Skiff has no protobuf table for ${name} (at ${path || this.kind})`);
    const out: Record<string, unknown> = {};
    // A singular message field seen twice is merged, as protobuf defines: decode the concatenation.
    const pieces = new Map<number, Uint8Array[]>();
    for (const field of this.fields(bytes, path)) {
      const spec = fields.get(field.number);
      if (!spec) {
        this.unknownField(field, name, path);
        continue;
      }
      const at = spec.inline ? path : join(path, spec.json);
      if (spec.shape === 'single' && spec.isMessage) {
        pieces.set(field.number, [...(pieces.get(field.number) ?? []), this.bytesOf(field, at)]);
        if (!spec.inline) out[spec.json] ??= {}; // holds its place in wire order until decoded below
      } else if (spec.shape === 'repeated') {
        const list = (out[spec.json] ??= []) as unknown[];
        appendAll(list, this.repeated(spec, field, `${at}[${list.length}]`));
      } else if (spec.shape === 'map') {
        const [key, value] = this.mapEntry(spec, field, at);
        ((out[spec.json] ??= {}) as Record<string, unknown>)[key] = value;
      } else {
        const value = this.scalar(spec.type as ScalarType, field, at);
        // A Go value field carries its zero value on the wire when unset; Go cannot tell the two apart.
        if (value === undefined || (!spec.keepZero && isZero(value))) delete out[spec.json];
        else out[spec.json] = value;
      }
    }
    for (const [number, chunks] of pieces) {
      const spec = fields.get(number)!;
      const value = this.message(
        spec.type,
        Buffer.concat(chunks),
        spec.inline ? path : join(path, spec.json),
      );
      if (spec.inline) Object.assign(out, value);
      else out[spec.json] = value;
    }
    return out;
  }

  private repeated(spec: FieldSpec, field: WireField, at: string): unknown[] {
    if (spec.isMessage) return [this.message(spec.type, this.bytesOf(field, at), at)];
    const type = spec.type as ScalarType;
    if (wireTypeOf(type) === WireType.varint && field.wireType === WireType.lengthDelimited)
      return readPackedVarints(field.bytes).map((v) => varintValue(type, v));
    return [this.scalar(type, field, at)];
  }

  private mapEntry(spec: FieldSpec, field: WireField, at: string): [string, unknown] {
    let key = '';
    let value: unknown;
    for (const part of this.fields(this.bytesOf(field, at), at)) {
      if (part.number === 1) key = utf8.decode(this.bytesOf(part, at));
      else if (part.number === 2) {
        const where = `${at}[${JSON.stringify(key)}]`;
        value = spec.isMessage
          ? this.message(spec.type, this.bytesOf(part, where), where)
          : this.scalar(spec.type as ScalarType, part, where);
      } else this.unknownField(part, `${spec.json} map entry`, at);
    }
    return [key, value ?? (spec.isMessage ? {} : zeroValue(spec.type as ScalarType))];
  }

  private scalar(type: ScalarType, field: WireField, at: string): unknown {
    try {
      if (wireTypeOf(type) === WireType.varint) {
        if (field.wireType !== WireType.varint) throw wrongWireType(field, WireType.varint, at);
        return varintValue(type, field.value);
      }
      return bytesValue(type, this.bytesOf(field, at));
    } catch (err) {
      if (err instanceof WireFormatError) throw malformed(err.message, at);
      if (!(err instanceof ValueError)) throw err;
      if (err.unknownField !== undefined)
        throw unsupported(`Skiff does not know field ${err.unknownField} of the ${type} at ${at}`);
      throw malformed(err.message, at);
    }
  }

  private fields(bytes: Uint8Array, at: string): WireField[] {
    try {
      return readFields(bytes);
    } catch (err) {
      throw err instanceof WireFormatError ? malformed(err.message, at) : err;
    }
  }

  private bytesOf(field: WireField, at: string): Uint8Array {
    if (field.wireType === WireType.varint) throw wrongWireType(field, WireType.lengthDelimited, at);
    return field.bytes;
  }

  /**
   * A field number the table does not have comes from a newer Kubernetes. Protobuf carries every Go value
   * field, set or not, so a newer client sends its new fields as zeros: those carry nothing and are skipped.
   * Anything else would be lost, so it is refused.
   */
  private unknownField(field: WireField, message: string, path: string): void {
    const zero =
      field.wireType === WireType.varint
        ? field.value === 0n
        : field.wireType === WireType.lengthDelimited
          ? field.bytes.length === 0
          : field.bytes.every((b) => b === 0);
    if (zero) return;
    throw unsupported(
      `Skiff does not know field ${field.number} of ${message} (at ${path || 'the top level'}) in this ${this.kind}; it is probably newer than Kubernetes 1.32`,
    );
  }
}

function wrongWireType(field: WireField, expected: WireType, at: string): ApiError {
  return malformed(`field ${field.number} has wire type ${field.wireType}, expected ${expected}`, at);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * Decodes a `application/vnd.kubernetes.protobuf` request body into the JSON object Kubernetes' JSON
 * serialization of the same Go object would give, with apiVersion and kind from the envelope.
 */
export function decodeKubeProtobuf(body: Uint8Array): Record<string, unknown> {
  try {
    const { apiVersion, kind, raw } = readEnvelope(body);
    const name = rootMessage(apiVersion, kind);
    if (!name)
      throw unsupported(
        `Skiff cannot read a protobuf ${kind || 'object without a kind'}${apiVersion ? ` (${apiVersion})` : ''}; it reads these kinds as protobuf: ${protobufKinds().join(', ')}`,
      );
    return { apiVersion, kind, ...new Decoder(kind).message(name, raw, '') };
  } catch (err) {
    if (err instanceof WireFormatError) throw malformed(err.message, '');
    throw err;
  }
}
