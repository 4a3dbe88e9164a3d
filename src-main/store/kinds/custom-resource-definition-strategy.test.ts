import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/api-types';
import type { CustomResourceDefinition } from '../../shared/custom-resource-types';
import { customResourceDefinitionStrategy as strategy } from './custom-resource-definition-strategy';

// Cases from apiextensions-apiserver's validation_test.go (TestValidateCustomResourceDefinition) and
// schema/validation_test.go (structural rules), with the messages Kubernetes 1.32 prints.

const reader = { list: () => [] };

function crd(mutate: (c: CustomResourceDefinition) => void = () => {}): CustomResourceDefinition {
  const c: CustomResourceDefinition = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', kind: 'Widget' },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object' } } } },
        },
      ],
    },
  };
  mutate(c);
  return c;
}

function causes(c: CustomResourceDefinition, old?: CustomResourceDefinition): string[] {
  strategy.prepareForCreate!(c as KubeObject, reader);
  return strategy.validate(c, old, reader).map((x) => `${x.field}: ${x.message}`);
}

describe('CustomResourceDefinition defaults', () => {
  it('fills singular, listKind, conversion and the stored version', () => {
    const c = crd();
    strategy.prepareForCreate!(c, reader);
    expect(c.spec.names).toEqual({
      plural: 'widgets',
      kind: 'Widget',
      singular: 'widget',
      listKind: 'WidgetList',
    });
    expect(c.spec.conversion).toEqual({ strategy: 'None' });
    expect(c.status?.storedVersions).toEqual(['v1']);
  });
});

describe('CustomResourceDefinition validation', () => {
  const cases: Array<{ name: string; mutate: (c: CustomResourceDefinition) => void; want: string[] }> = [
    { name: 'a valid definition', mutate: () => {}, want: [] },
    {
      name: 'the name must be <plural>.<group>',
      mutate: (c) => (c.metadata.name = 'gadgets.example.com'),
      want: ['metadata.name: Invalid value: "gadgets.example.com": must be spec.names.plural+"."+spec.group'],
    },
    {
      name: 'a group needs a dot',
      mutate: (c) => {
        c.spec.group = 'example';
        c.metadata.name = 'widgets.example';
      },
      want: ['spec.group: Invalid value: "example": should be a domain with at least one dot'],
    },
    {
      name: 'scope is Cluster or Namespaced',
      mutate: (c) => ((c.spec as { scope: string }).scope = 'Global'),
      want: ['spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"'],
    },
    {
      name: 'exactly one storage version',
      mutate: (c) => c.spec.versions.push({ ...c.spec.versions[0]!, name: 'v2' }),
      want: [
        'spec.versions: Invalid value: ["v1","v2"]: must have exactly one version marked as storage version',
      ],
    },
    {
      name: 'version names are unique',
      mutate: (c) => c.spec.versions.push({ ...c.spec.versions[0]!, storage: false }),
      want: ['spec.versions: Invalid value: ["v1","v1"]: must contain unique version names'],
    },
    {
      name: 'v1 requires a schema',
      mutate: (c) => delete c.spec.versions[0]!.schema,
      want: ['spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required'],
    },
    {
      name: 'a structural schema has a type at every level',
      mutate: (c) =>
        (c.spec.versions[0]!.schema = {
          openAPIV3Schema: {
            type: 'object',
            properties: { spec: { properties: { a: { type: 'string' } } } },
          },
        }),
      want: [
        'spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields',
      ],
    },
    {
      name: 'object at the root',
      mutate: (c) => (c.spec.versions[0]!.schema = { openAPIV3Schema: { type: 'string' } }),
      want: [
        'spec.versions[0].schema.openAPIV3Schema.type: Invalid value: "string": must be object at the root',
      ],
    },
    {
      name: 'properties and additionalProperties are exclusive',
      mutate: (c) =>
        (c.spec.versions[0]!.schema = {
          openAPIV3Schema: {
            type: 'object',
            properties: { a: { type: 'string' } },
            additionalProperties: { type: 'string' },
          },
        }),
      want: [
        'spec.versions[0].schema.openAPIV3Schema.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive',
      ],
    },
    {
      name: 'a default must validate',
      mutate: (c) =>
        (c.spec.versions[0]!.schema = {
          openAPIV3Schema: { type: 'object', properties: { n: { type: 'integer', minimum: 1, default: 0 } } },
        }),
      want: [
        'spec.versions[0].schema.openAPIV3Schema.properties[n].default: Invalid value: 0: spec.versions[0].schema.openAPIV3Schema.properties[n].default in body should be greater than or equal to 1',
      ],
    },
    {
      name: 'names are DNS-1035 labels and kind differs from listKind',
      mutate: (c) => {
        c.spec.names.shortNames = ['W_D'];
        c.spec.names.listKind = 'Widget';
      },
      want: [
        'spec.names.listKind: Invalid value: "Widget": kind and listKind may not be the same',
        `spec.names.shortNames[0]: Invalid value: "W_D": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
      ],
    },
    {
      name: 'int-or-string as kubebuilder spells a quantity, and with a type, is structural',
      mutate: (c) =>
        (c.spec.versions[0]!.schema = {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              q: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true },
              r: { type: 'string', 'x-kubernetes-int-or-string': true },
              s: {
                allOf: [{ anyOf: [{ type: 'integer' }, { type: 'string' }] }, { pattern: '^[0-9]+$' }],
                'x-kubernetes-int-or-string': true,
              },
            },
          },
        }),
      want: [],
    },
    {
      name: 'a type inside anyOf is not structural',
      mutate: (c) =>
        (c.spec.versions[0]!.schema = {
          openAPIV3Schema: {
            type: 'object',
            properties: { a: { type: 'string', anyOf: [{ type: 'string' }] } },
          },
        }),
      want: [
        'spec.versions[0].schema.openAPIV3Schema.properties[a].anyOf[0].type: Forbidden: must be empty to be structural',
      ],
    },
    {
      name: 'int-or-string excludes preserve-unknown-fields',
      mutate: (c) =>
        (c.spec.versions[0]!.schema = {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              a: { 'x-kubernetes-int-or-string': true, 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        }),
      want: [
        'spec.versions[0].schema.openAPIV3Schema.properties[a].x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true',
      ],
    },
    {
      name: 'printer columns have known types',
      mutate: (c) =>
        (c.spec.versions[0]!.additionalPrinterColumns = [{ name: 'X', type: 'color', jsonPath: '.spec.x' }]),
      want: [
        'spec.versions[0].additionalPrinterColumns[0].type: Unsupported value: "color": supported values: "boolean", "date", "integer", "number", "string"',
      ],
    },
  ];
  for (const c of cases) it(c.name, () => expect(causes(crd(c.mutate))).toEqual(c.want));

  it('refuses hostile schemas with a cause, not a crash: wrong keyword types, endless nesting', () => {
    const wrong = crd(
      (c) =>
        (c.spec.versions[0]!.schema = {
          openAPIV3Schema: { type: 'object', properties: { a: { type: 'string', enum: 'red' as never } } },
        }),
    );
    expect(causes(wrong)).toEqual([
      'spec.versions[0].schema.openAPIV3Schema.properties[a].enum: Invalid value: "\\"red\\"": has the wrong type',
    ]);
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 5000; i++) deep = { allOf: [deep] };
    const nested = crd(
      (c) =>
        (c.spec.versions[0]!.schema = {
          openAPIV3Schema: { type: 'object', properties: { a: { type: 'string', ...deep } } },
        }),
    );
    expect(causes(nested).join('\n')).toContain('must not nest more than 128 levels');
  });

  it('keeps scope and kind once Established', () => {
    const old = crd();
    strategy.prepareForCreate!(old, reader);
    old.status!.conditions = [{ type: 'Established', status: 'True' }];
    const next = crd((c) => (c.spec.scope = 'Cluster'));
    expect(causes(next, old)).toEqual(['spec.scope: Invalid value: "Cluster": field is immutable']);
  });
});

describe('CustomResourceDefinition deletion', () => {
  it('waits on the cleanup finalizer with a Terminating condition', () => {
    const c = crd();
    strategy.prepareForCreate!(c, reader);
    expect(strategy.hasDeletionBlockers!(c)).toBe(true);
    c.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    strategy.markDeleting!(c);
    expect(c.metadata.finalizers).toEqual(['customresourcecleanup.apiextensions.k8s.io']);
    expect(c.status?.conditions?.[0]).toMatchObject({
      type: 'Terminating',
      status: 'True',
      reason: 'InstanceDeletionPending',
    });
    expect(strategy.hasDeletionBlockers!(c)).toBe(false);
  });
});
