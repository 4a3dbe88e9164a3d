import { describe, expect, it } from 'vitest';
import type { JSONSchemaProps } from './json-schema';
import { validateValue } from './validate-against-schema';

// Cases modelled on apiextensions-apiserver's validation_test.go (TestValidateCustomResource): one schema
// feature per row, the value it refuses and the field error Kubernetes 1.32 prints.

const spec = (
  properties: Record<string, JSONSchemaProps>,
  extra: Partial<JSONSchemaProps> = {},
): JSONSchemaProps => ({
  type: 'object',
  properties: { spec: { type: 'object', properties, ...extra } },
});

describe('validateValue', () => {
  const cases: Array<{ name: string; schema: JSONSchemaProps; obj: unknown; want: string[] }> = [
    {
      name: 'type mismatch names the field and both types',
      schema: spec({ replicas: { type: 'integer' } }),
      obj: { spec: { replicas: 'three' } },
      want: [
        'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
      ],
    },
    {
      name: 'a fraction is not an integer',
      schema: spec({ replicas: { type: 'integer' } }),
      obj: { spec: { replicas: 1.5 } },
      want: [
        'spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"',
      ],
    },
    {
      name: 'null is refused unless nullable',
      schema: spec({ a: { type: 'string' }, b: { type: 'string', nullable: true } }),
      obj: { spec: { a: null, b: null } },
      want: ['spec.a: Invalid value: "null": spec.a in body must be of type string: "null"'],
    },
    {
      name: 'required',
      schema: spec({ image: { type: 'string' } }, { required: ['image'] }),
      obj: { spec: {} },
      want: ['spec.image: Required value'],
    },
    {
      name: 'enum',
      schema: spec({ color: { type: 'string', enum: ['red', 'blue'] } }),
      obj: { spec: { color: 'green' } },
      want: ['spec.color: Unsupported value: "green": supported values: "red", "blue"'],
    },
    {
      name: 'minimum and maximum, inclusive and exclusive',
      schema: spec({
        a: { type: 'integer', minimum: 1 },
        b: { type: 'integer', maximum: 10 },
        c: { type: 'integer', minimum: 1, exclusiveMinimum: true },
      }),
      obj: { spec: { a: 0, b: 11, c: 1 } },
      want: [
        'spec.a: Invalid value: 0: spec.a in body should be greater than or equal to 1',
        'spec.b: Invalid value: 11: spec.b in body should be less than or equal to 10',
        'spec.c: Invalid value: 1: spec.c in body should be greater than 1',
      ],
    },
    {
      name: 'string length and pattern',
      schema: spec({
        a: { type: 'string', minLength: 3 },
        b: { type: 'string', maxLength: 2 },
        c: { type: 'string', pattern: '^[0-9]+$' },
      }),
      obj: { spec: { a: 'ab', b: 'abc', c: 'x1' } },
      want: [
        'spec.a: Invalid value: "ab": spec.a in body should be at least 3 chars long',
        'spec.b: Too long: may not be longer than 2',
        'spec.c: Invalid value: "x1": spec.c in body should match \'^[0-9]+$\'',
      ],
    },
    {
      name: 'array items are checked at their index',
      schema: spec({
        ports: {
          type: 'array',
          maxItems: 3,
          items: { type: 'object', required: ['port'], properties: { port: { type: 'integer' } } },
        },
      }),
      obj: { spec: { ports: [{ port: 80 }, {}, { port: 'x' }] } },
      want: [
        'spec.ports[1].port: Required value',
        'spec.ports[2].port: Invalid value: "string": spec.ports[2].port in body must be of type integer: "string"',
      ],
    },
    {
      name: 'too many items',
      schema: spec({ tags: { type: 'array', maxItems: 1, items: { type: 'string' } } }),
      obj: { spec: { tags: ['a', 'b'] } },
      want: ['spec.tags: Too many: 2: must have at most 1 items'],
    },
    {
      name: 'int-or-string takes both, nothing else',
      schema: spec({ port: { 'x-kubernetes-int-or-string': true } }),
      obj: { spec: { port: true } },
      want: [
        'spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"',
      ],
    },
    {
      name: 'additionalProperties checks every map value',
      schema: spec({ limits: { type: 'object', additionalProperties: { type: 'integer' } } }),
      obj: { spec: { limits: { cpu: 1, memory: 'lots' } } },
      want: [
        'spec.limits.memory: Invalid value: "string": spec.limits.memory in body must be of type integer: "string"',
      ],
    },
    {
      name: 'a set refuses duplicates',
      schema: spec({ tags: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } } }),
      obj: { spec: { tags: ['a', 'a'] } },
      want: ['spec.tags[1]: Duplicate value: "a"'],
    },
    {
      name: 'preserve-unknown-fields without a type takes anything',
      schema: spec({ values: { 'x-kubernetes-preserve-unknown-fields': true } }),
      obj: { spec: { values: [1, { a: null }] } },
      want: [],
    },
    {
      name: "TypeMeta and metadata at the root are not the schema's to check",
      schema: {
        type: 'object',
        properties: { metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 2 } } } },
      },
      obj: { apiVersion: 'x/v1', kind: 'X', metadata: { name: 'long-name' } },
      want: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const causes = validateValue(c.obj, c.schema);
      expect(causes.map((x) => `${x.field}: ${x.message}`)).toEqual(c.want);
    });
  }
});
