import type { OpenApiSchema } from './kube-schemas';
import type { SwaggerDocument } from './swagger-v2';

// The Swagger 2.0 document as the protobuf message gnostic's openapi_v2.Document (github.com/google/gnostic-models,
// openapiv2/OpenAPIv2.proto): what client-go's DiscoveryClient.OpenAPISchema() requests (Accept
// application/com.github.proto-openapi.spec.v2@v1.0+protobuf) and decodes, with no JSON fallback. Values that
// are free-form JSON (defaults, enums, vendor extensions) travel as `Any { yaml }`; JSON text is valid YAML.

/**
 * A message being written: a tree of encoded pieces and nested messages, written into one buffer at the end
 * (joining buffers at every level of nesting made the first /openapi/v2 answer take half a second).
 */
class Message {
  private readonly parts: (Buffer | Message)[] = [];
  length = 0;

  private push(part: Buffer | Message): void {
    this.parts.push(part);
    this.length += part.length;
  }

  private key(field: number, wireType: number): void {
    this.push(varint((field << 3) | wireType));
  }

  string(field: number, value: string): this {
    const bytes = Buffer.from(value, 'utf8');
    this.key(field, 2);
    this.push(varint(bytes.length));
    this.push(bytes);
    return this;
  }

  bool(field: number, value: boolean): this {
    this.key(field, 0);
    this.push(varint(value ? 1 : 0));
    return this;
  }

  int64(field: number, value: number): this {
    this.key(field, 0);
    this.push(varint(Math.trunc(value)));
    return this;
  }

  double(field: number, value: number): this {
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleLE(value);
    this.key(field, 1);
    this.push(bytes);
    return this;
  }

  message(field: number, child: Message): this {
    this.key(field, 2);
    this.push(varint(child.length));
    this.push(child);
    return this;
  }

  toBuffer(): Buffer {
    const out = Buffer.allocUnsafe(this.length);
    this.writeInto(out, 0);
    return out;
  }

  private writeInto(out: Buffer, at: number): number {
    for (const part of this.parts) {
      if (part instanceof Message) at = part.writeInto(out, at);
      else {
        part.copy(out, at);
        at += part.length;
      }
    }
    return at;
  }
}

const SMALL = Array.from({ length: 128 }, (_, i) => Buffer.from([i]));

function varint(value: number): Buffer {
  if (value >= 0 && value < 128) return SMALL[value]!;
  if (value > 0 && value <= Number.MAX_SAFE_INTEGER) {
    const bytes: number[] = [];
    let v = value;
    while (v >= 128) {
      bytes.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    bytes.push(v);
    return Buffer.from(bytes);
  }
  let v = BigInt.asUintN(64, BigInt(value)); // negative int64: ten bytes, two's complement
  const bytes: number[] = [];
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    bytes.push(v > 0n ? low | 0x80 : low);
  } while (v > 0n);
  return Buffer.from(bytes);
}

/** Any { string yaml = 2 } */
const anyMessage = (value: unknown): Message => new Message().string(2, `${JSON.stringify(value)}\n`);
/** NamedAny { string name = 1; Any value = 2 } */
const namedAny = (name: string, value: unknown): Message =>
  new Message().string(1, name).message(2, anyMessage(value));
/** NamedSchema { string name = 1; Schema value = 2 } */
const namedSchema = (name: string, schema: OpenApiSchema): Message =>
  new Message().string(1, name).message(2, schemaMessage(schema));

const STRING_FIELDS: Record<string, number> = {
  $ref: 1,
  format: 2,
  title: 3,
  description: 4,
  pattern: 13,
  discriminator: 26,
};
const DOUBLE_FIELDS: Record<string, number> = { multipleOf: 6, maximum: 7, minimum: 9 };
const BOOL_FIELDS: Record<string, number> = {
  exclusiveMaximum: 8,
  exclusiveMinimum: 10,
  uniqueItems: 16,
  readOnly: 27,
};
const INT_FIELDS: Record<string, number> = {
  maxLength: 11,
  minLength: 12,
  maxItems: 14,
  minItems: 15,
  maxProperties: 17,
  minProperties: 18,
};

/** openapi_v2.Schema, fields in the order the .proto numbers them. */
function schemaMessage(schema: OpenApiSchema): Message {
  const fields: { field: number; write: (m: Message) => void }[] = [];
  const add = (field: number, write: (m: Message) => void) => fields.push({ field, write });
  for (const [name, value] of Object.entries(schema)) {
    const f = STRING_FIELDS[name] ?? DOUBLE_FIELDS[name] ?? BOOL_FIELDS[name] ?? INT_FIELDS[name];
    if (f !== undefined && name in STRING_FIELDS && typeof value === 'string')
      add(f, (m) => m.string(f, value));
    else if (f !== undefined && name in DOUBLE_FIELDS && typeof value === 'number')
      add(f, (m) => m.double(f, value));
    else if (f !== undefined && name in BOOL_FIELDS && typeof value === 'boolean')
      add(f, (m) => m.bool(f, value));
    else if (f !== undefined && name in INT_FIELDS && typeof value === 'number')
      add(f, (m) => m.int64(f, value));
    else if (name === 'default') add(5, (m) => m.message(5, anyMessage(value)));
    else if (name === 'example') add(30, (m) => m.message(30, anyMessage(value)));
    else if (name === 'required' && Array.isArray(value))
      add(19, (m) => value.forEach((r) => m.string(19, String(r))));
    else if (name === 'enum' && Array.isArray(value))
      add(20, (m) => value.forEach((e) => m.message(20, anyMessage(e))));
    else if (name === 'additionalProperties')
      // AdditionalPropertiesItem { oneof { Schema schema = 1; bool boolean = 2 } }
      add(21, (m) =>
        m.message(
          21,
          typeof value === 'boolean'
            ? new Message().bool(2, value)
            : new Message().message(1, schemaMessage(value as OpenApiSchema)),
        ),
      );
    else if (name === 'type') {
      // TypeItem { repeated string value = 1 }
      const item = new Message();
      for (const t of Array.isArray(value) ? value : [value]) item.string(1, String(t));
      add(22, (m) => m.message(22, item));
    } else if (name === 'items') {
      // ItemsItem { repeated Schema schema = 1 }
      const item = new Message();
      for (const s of Array.isArray(value) ? value : [value])
        item.message(1, schemaMessage(s as OpenApiSchema));
      add(23, (m) => m.message(23, item));
    } else if (name === 'allOf' && Array.isArray(value))
      add(24, (m) => value.forEach((s) => m.message(24, schemaMessage(s as OpenApiSchema))));
    else if (name === 'properties') {
      // Properties { repeated NamedSchema additional_properties = 1 }
      const properties = new Message();
      for (const [n, s] of Object.entries(value as Record<string, OpenApiSchema>))
        properties.message(1, namedSchema(n, s));
      add(25, (m) => m.message(25, properties));
    } else if (name.startsWith('x-')) add(31, (m) => m.message(31, namedAny(name, value)));
  }
  const message = new Message();
  for (const { write } of fields.sort((a, b) => a.field - b.field)) write(message);
  return message;
}

export const encodeSchema = (schema: OpenApiSchema): Buffer => schemaMessage(schema).toBuffer();

/** openapi_v2.Document { swagger = 1; Info info = 2; Paths paths = 8; Definitions definitions = 9 }. */
export function encodeSwaggerDocument(doc: SwaggerDocument): Buffer {
  const definitions = new Message();
  for (const [name, schema] of Object.entries(doc.definitions))
    definitions.message(1, namedSchema(name, schema));
  return new Message()
    .string(1, doc.swagger)
    .message(2, new Message().string(1, doc.info.title).string(2, doc.info.version))
    .message(8, new Message())
    .message(9, definitions)
    .toBuffer();
}
