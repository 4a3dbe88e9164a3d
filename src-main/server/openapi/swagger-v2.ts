import type { OpenApiSchema, SchemaMap } from './kube-schemas';

// Swagger 2.0 (/openapi/v2) from the OpenAPI v3 schemas, as kube-apiserver's own v2 document words them: a
// property that is a reference is `$ref` beside its description (v3 wraps it in a one-element `allOf`),
// IntOrString is `type: string, format: int-or-string` and Quantity `type: string` (v3 says `oneOf`, which
// Swagger 2.0 lacks). kubectl reads this document for client-side validation when the server cannot validate a
// kind itself, and that validation needs exactly this shape (a `$ref` at the top of a property schema).

const V3_PREFIX = '#/components/schemas/';
const V2_PREFIX = '#/definitions/';

export interface SwaggerDocument {
  swagger: '2.0';
  info: { title: string; version: string };
  paths: Record<string, never>;
  definitions: SchemaMap;
}

export function toSwaggerDocument(
  info: { title: string; version: string },
  schemas: SchemaMap,
): SwaggerDocument {
  return {
    swagger: '2.0',
    info,
    paths: {},
    definitions: Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, toSwaggerSchema(s)])),
  };
}

export function toSwaggerSchema(schema: OpenApiSchema): OpenApiSchema {
  const out: OpenApiSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    switch (key) {
      case '$ref':
        out.$ref = typeof value === 'string' ? value.replace(V3_PREFIX, V2_PREFIX) : value;
        break;
      case 'properties':
        out.properties = Object.fromEntries(
          Object.entries(value as SchemaMap).map(([name, s]) => [name, toSwaggerSchema(s)]),
        );
        break;
      case 'items':
        out.items = Array.isArray(value)
          ? value.map((s) => toSwaggerSchema(s as OpenApiSchema))
          : toSwaggerSchema(value as OpenApiSchema);
        break;
      case 'additionalProperties':
        out.additionalProperties =
          typeof value === 'boolean' ? value : toSwaggerSchema(value as OpenApiSchema);
        break;
      case 'allOf': {
        const parts = (value as OpenApiSchema[]).map(toSwaggerSchema);
        const only = parts.length === 1 ? parts[0]! : undefined;
        if (only && Object.keys(only).length === 1 && typeof only.$ref === 'string') out.$ref = only.$ref;
        else out.allOf = parts;
        break;
      }
      case 'oneOf':
      case 'anyOf':
      case 'not':
      case 'nullable':
        break; // not in Swagger 2.0; the `type` below says what v2 says
      default:
        out[key] = value;
    }
  }
  if (Array.isArray(schema.oneOf) && out.type === undefined) {
    const types = (schema.oneOf as OpenApiSchema[]).map((s) => s.type);
    if (types.includes('string')) out.type = 'string'; // IntOrString (int-or-string format kept), Quantity
  }
  return out;
}
