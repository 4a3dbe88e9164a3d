import { describe, expect, it } from 'vitest';
import type { JSONSchemaProps } from './json-schema';
import { applyDefaults, pruneDisallowedNulls, pruneUnknownFields } from './prune-and-default';

// Modelled on structuralpruning's TestPrune and structuraldefaulting's TestDefault tables.

describe('pruneUnknownFields', () => {
  const schema: JSONSchemaProps = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          known: { type: 'string' },
          items: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          free: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
            properties: { x: { type: 'object', properties: {} } },
          },
          port: { 'x-kubernetes-int-or-string': true },
          template: {
            type: 'object',
            'x-kubernetes-embedded-resource': true,
            properties: { spec: { type: 'object' } },
          },
        },
      },
    },
  };
  it('drops unknown fields at every depth and reports their paths', () => {
    const obj = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      extra: 1,
      spec: {
        known: 'k',
        foo: 'bar',
        items: [{ a: 'x', b: 'y' }],
        labels: { anything: 'goes' },
        free: { kept: true, x: { gone: 1 } },
        port: 80,
        template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {}, junk: 1 },
      },
    };
    const pruned = pruneUnknownFields(obj, schema);
    expect(pruned.sort()).toEqual(
      ['extra', 'spec.foo', 'spec.items[0].b', 'spec.free.x.gone', 'spec.template.junk'].sort(),
    );
    expect(obj).toEqual({
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w' },
      spec: {
        known: 'k',
        items: [{ a: 'x' }],
        labels: { anything: 'goes' },
        free: { kept: true, x: {} },
        port: 80,
        template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} },
      },
    });
  });
});

describe('applyDefaults', () => {
  const schema: JSONSchemaProps = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        default: {},
        properties: {
          replicas: { type: 'integer', default: 1 },
          mode: { type: 'string', default: 'auto' },
          nullableWithDefault: { type: 'string', nullable: true, default: 'd' },
          ports: {
            type: 'array',
            items: { type: 'object', properties: { protocol: { type: 'string', default: 'TCP' } } },
          },
          byName: {
            type: 'object',
            additionalProperties: {
              type: 'object',
              properties: { weight: { type: 'integer', default: 10 } },
            },
          },
        },
      },
    },
  };
  const cases: Array<{ name: string; obj: Record<string, unknown>; want: unknown }> = [
    {
      name: 'an absent object gets its default and then the defaults inside it',
      obj: {},
      want: { spec: { replicas: 1, mode: 'auto', nullableWithDefault: 'd' } },
    },
    {
      name: 'set values win; null in a non-nullable field is defaulted, in a nullable one kept',
      obj: { spec: { replicas: 3, mode: null, nullableWithDefault: null } },
      want: { spec: { replicas: 3, mode: 'auto', nullableWithDefault: null } },
    },
    {
      name: 'list items and map values are defaulted',
      obj: { spec: { ports: [{}, { protocol: 'UDP' }], byName: { a: {} } } },
      want: {
        spec: {
          replicas: 1,
          mode: 'auto',
          nullableWithDefault: 'd',
          ports: [{ protocol: 'TCP' }, { protocol: 'UDP' }],
          byName: { a: { weight: 10 } },
        },
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      applyDefaults(c.obj, schema);
      expect(c.obj).toEqual(c.want);
    });
  }
});

describe('pruneDisallowedNulls', () => {
  it('drops nulls the schema neither allows nor defaults', () => {
    const schema: JSONSchemaProps = {
      type: 'object',
      properties: {
        a: { type: 'string' },
        b: { type: 'string', nullable: true },
        c: { type: 'string', default: 'x' },
      },
    };
    const obj = { a: null, b: null, c: null };
    pruneDisallowedNulls(obj, schema);
    expect(obj).toEqual({ b: null, c: null });
  });
});
