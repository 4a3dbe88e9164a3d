import type { OpenApiSchema } from './kube-schemas';
import type { SwaggerDocument } from './swagger-v2';

// The Swagger 2.0 document as the protobuf message gnostic's openapi_v2.Document (github.com/google/gnostic-models,
// openapiv2/OpenAPIv2.proto): what client-go's DiscoveryClient.OpenAPISchema() requests (Accept
// application/com.github.proto-openapi.spec.v2@v1.0+protobuf) and decodes, with no JSON fallback. Values that
// are free-form JSON (defaults, enums, vendor extensions) travel as `Any { yaml }`; JSON text is valid YAML.

type Bytes = Buffer;

function varint(value: number | bigint): Bytes {
  let v = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    bytes.push(v > 0n ? low | 0x80 : low);
  } while (v > 0n);
  return Buffer.from(bytes);
}

const key = (field: number, wireType: number): Bytes => varint((field << 3) | wireType);
const bytesField = (field: number, value: Bytes): Bytes =>
  Buffer.concat([key(field, 2), varint(value.length), value]);
const stringField = (field: number, value: string): Bytes => bytesField(field, Buffer.from(value, 'utf8'));
const boolField = (field: number, value: boolean): Bytes =>
  Buffer.concat([key(field, 0), varint(value ? 1 : 0)]);
const int64Field = (field: number, value: number): Bytes =>
  Buffer.concat([key(field, 0), varint(BigInt(Math.trunc(value)))]);
function doubleField(field: number, value: number): Bytes {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(value);
  return Buffer.concat([key(field, 1), b]);
}

/** Any { string yaml = 2 } */
const anyMessage = (value: unknown): Bytes => stringField(2, `${JSON.stringify(value)}\n`);
/** NamedAny { string name = 1; Any value = 2 } */
const namedAny = (name: string, value: unknown): Bytes =>
  Buffer.concat([stringField(1, name), bytesField(2, anyMessage(value))]);
/** NamedSchema { string name = 1; Schema value = 2 } */
const namedSchema = (name: string, schema: OpenApiSchema): Bytes =>
  Buffer.concat([stringField(1, name), bytesField(2, encodeSchema(schema))]);

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
export function encodeSchema(schema: OpenApiSchema): Bytes {
  const parts: { field: number; bytes: Bytes }[] = [];
  const add = (field: number, bytes: Bytes) => parts.push({ field, bytes });
  for (const [name, value] of Object.entries(schema)) {
    if (name in STRING_FIELDS && typeof value === 'string')
      add(STRING_FIELDS[name]!, stringField(STRING_FIELDS[name]!, value));
    else if (name in DOUBLE_FIELDS && typeof value === 'number')
      add(DOUBLE_FIELDS[name]!, doubleField(DOUBLE_FIELDS[name]!, value));
    else if (name in BOOL_FIELDS && typeof value === 'boolean')
      add(BOOL_FIELDS[name]!, boolField(BOOL_FIELDS[name]!, value));
    else if (name in INT_FIELDS && typeof value === 'number')
      add(INT_FIELDS[name]!, int64Field(INT_FIELDS[name]!, value));
    else if (name === 'default') add(5, bytesField(5, anyMessage(value)));
    else if (name === 'example') add(30, bytesField(30, anyMessage(value)));
    else if (name === 'required' && Array.isArray(value))
      for (const r of value) add(19, stringField(19, String(r)));
    else if (name === 'enum' && Array.isArray(value))
      for (const e of value) add(20, bytesField(20, anyMessage(e)));
    else if (name === 'additionalProperties')
      // AdditionalPropertiesItem { oneof { Schema schema = 1; bool boolean = 2 } }
      add(
        21,
        bytesField(
          21,
          typeof value === 'boolean'
            ? boolField(2, value)
            : bytesField(1, encodeSchema(value as OpenApiSchema)),
        ),
      );
    else if (name === 'type')
      // TypeItem { repeated string value = 1 }
      add(
        22,
        bytesField(
          22,
          Buffer.concat((Array.isArray(value) ? value : [value]).map((t) => stringField(1, String(t)))),
        ),
      );
    else if (name === 'items')
      // ItemsItem { repeated Schema schema = 1 }
      add(
        23,
        bytesField(
          23,
          Buffer.concat(
            (Array.isArray(value) ? value : [value]).map((s) =>
              bytesField(1, encodeSchema(s as OpenApiSchema)),
            ),
          ),
        ),
      );
    else if (name === 'allOf' && Array.isArray(value))
      for (const s of value) add(24, bytesField(24, encodeSchema(s as OpenApiSchema)));
    else if (name === 'properties')
      // Properties { repeated NamedSchema additional_properties = 1 }
      add(
        25,
        bytesField(
          25,
          Buffer.concat(
            Object.entries(value as Record<string, OpenApiSchema>).map(([n, s]) =>
              bytesField(1, namedSchema(n, s)),
            ),
          ),
        ),
      );
    else if (name.startsWith('x-')) add(31, bytesField(31, namedAny(name, value)));
  }
  return Buffer.concat(parts.sort((a, b) => a.field - b.field).map((p) => p.bytes));
}

/** openapi_v2.Document { swagger = 1; Info info = 2; Paths paths = 8; Definitions definitions = 9 }. */
export function encodeSwaggerDocument(doc: SwaggerDocument): Bytes {
  const info = Buffer.concat([stringField(1, doc.info.title), stringField(2, doc.info.version)]);
  const definitions = Buffer.concat(
    Object.entries(doc.definitions).map(([name, schema]) => bytesField(1, namedSchema(name, schema))),
  );
  return Buffer.concat([
    stringField(1, doc.swagger),
    bytesField(2, info),
    bytesField(8, Buffer.alloc(0)),
    bytesField(9, definitions),
  ]);
}
