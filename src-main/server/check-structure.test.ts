import { describe, expect, it } from 'vitest';
import { ApiError } from '../store/api-error';
import { createKindRegistry } from '../store/all-kinds';
import { apiVersionOf } from '../shared/resource-types';
import { admitStructure } from './admit-structure';
import { checkStructure, kindMessage } from './check-structure';

const deployment = (spec: Record<string, unknown>): Record<string, unknown> => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec,
});
const check = (body: Record<string, unknown>, message = 'apps.v1.Deployment', strict = true) =>
  checkStructure(body, message, { strict });
const messages = (body: Record<string, unknown>, message?: string) =>
  check(body, message).causes.map((c) => `${c.field}: ${c.message}`);

describe('the structural check (generated from Kubernetes 1.32 types)', () => {
  it('has a schema for every kind at every version Skiff serves, and for Scale', () => {
    const kinds = createKindRegistry();
    // Kinds that decode themselves (the CRD kind: kubectl's descriptors hold no apiextensions) are not in the table.
    for (const type of kinds
      .servedTypes()
      .filter((t) => !kinds.find(t.group, t.version, t.plural)?.decodeBody))
      expect(kindMessage(apiVersionOf(type), type.kind), `${apiVersionOf(type)}/${type.kind}`).toBeDefined();
    expect(kindMessage('autoscaling/v1', 'Scale')).toBe('autoscaling.v1.Scale');
  });

  it.each([
    [
      'a string for an int32',
      { replicas: 'string' },
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer',
    ],
    [
      'a fraction for an int32',
      { replicas: 1.5 },
      'spec.replicas: Invalid value: 1.5: spec.replicas in body must be of type integer',
    ],
    [
      '2^31 for an int32',
      { replicas: 2 ** 31 },
      'spec.replicas: Invalid value: 2147483648: spec.replicas in body must be of type int32 (-2147483648 to 2147483647)',
    ],
    [
      'a number for a string',
      { strategy: { type: 5 } },
      'spec.strategy.type: Invalid value: 5: spec.strategy.type in body must be of type string',
    ],
    [
      'a list for an object',
      { selector: [] },
      'spec.selector: Invalid value: "array": spec.selector in body must be of type object',
    ],
    [
      'a string for a bool',
      { paused: 'yes' },
      'spec.paused: Invalid value: "yes": spec.paused in body must be of type boolean',
    ],
    [
      'a bool for an IntOrString',
      { strategy: { rollingUpdate: { maxSurge: true } } },
      'spec.strategy.rollingUpdate.maxSurge: Invalid value: "boolean": spec.strategy.rollingUpdate.maxSurge in body must be of type integer or string',
    ],
    [
      'a null list item',
      { template: { spec: { containers: [null] } } },
      'spec.template.spec.containers[0]: Invalid value: "null": spec.template.spec.containers[0] in body must be of type object',
    ],
    [
      'a number for a list',
      { template: { spec: { containers: [{ name: 'a', ports: -1 }] } } },
      'spec.template.spec.containers[0].ports: Invalid value: -1: spec.template.spec.containers[0].ports in body must be of type array',
    ],
    [
      'a null quantity in a map',
      { template: { spec: { containers: [{ name: 'a', resources: { limits: { cpu: null } } }] } } },
      'spec.template.spec.containers[0].resources.limits[cpu]: Invalid value: "null": spec.template.spec.containers[0].resources.limits[cpu] in body must be of type string or number',
    ],
    [
      'a quantity that is not one',
      { template: { spec: { containers: [{ name: 'a', resources: { limits: { memory: 'lots' } } }] } } },
      'spec.template.spec.containers[0].resources.limits[memory]: Invalid value: "lots": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    ],
    [
      'a 300 kB string for an object (quoted short)',
      { template: { metadata: 'x'.repeat(300_000) } },
      `spec.template.metadata: Invalid value: "${'x'.repeat(64)}...": spec.template.metadata in body must be of type object`,
    ],
  ])('refuses %s with Kubernetes’ wording', (_what, spec, expected) => {
    expect(messages(deployment(spec))).toEqual([expected]);
  });

  it('gives every cause of a body at once', () => {
    expect(
      check(deployment({ replicas: 'a', paused: 1, minReadySeconds: {} })).causes.map((c) => c.field),
    ).toEqual(['spec.replicas', 'spec.paused', 'spec.minReadySeconds']);
  });

  it('refuses an int64 outside the safe integers, a bad time and bad base64, never quoting Secret data', () => {
    expect(messages(deployment({}), undefined)).toEqual([]);
    const meta = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', generation: 2 ** 63, creationTimestamp: 'yesterday' },
      data: { token: 'hunter2!' },
    };
    const causes = messages(meta, 'core.v1.Secret');
    expect(causes).toEqual([
      expect.stringMatching(
        /^metadata\.generation: Invalid value: 9223372036854776000: metadata\.generation in body must be of type int64/,
      ),
      'metadata.creationTimestamp: Invalid value: "yesterday": metadata.creationTimestamp in body must be of type date-time (RFC 3339, e.g. "2006-01-02T15:04:05Z")',
      expect.stringMatching(
        /^data\[token\]: Invalid value: "<value redacted>": data\[token\] in body must be base64-encoded \(illegal base64 data at input byte 7\)/,
      ),
    ]);
    expect(causes.join()).not.toContain('hunter2');
  });

  it('reads inline fields (Go json:",inline") and the TypeMeta of the object', () => {
    const slice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'e' },
      addressType: 'IPv4',
      endpoints: [],
    };
    expect(messages(slice, 'discovery.v1.EndpointSlice')).toEqual([]);
    expect(messages({ ...slice, kind: 3 }, 'discovery.v1.EndpointSlice')).toEqual([
      'kind: Invalid value: 3: kind in body must be of type string',
    ]);
  });

  it('removes null fields as Go leaves them unset, and unknown fields unless strict', () => {
    const body = deployment({
      replicas: null,
      foo: 1,
      template: { spec: { containers: [{ name: 'a', imagePullPolicyy: 'x' }] } },
    });
    const lax = check(body, undefined, false);
    expect(lax).toEqual({
      causes: [],
      unknownFields: ['spec.foo', 'spec.template.spec.containers[0].imagePullPolicyy'],
    });
    expect(body.spec).toEqual({ template: { spec: { containers: [{ name: 'a' }] } } });
    const strictBody = deployment({ foo: 1 });
    expect(check(strictBody).unknownFields).toEqual(['spec.foo']);
    expect(strictBody.spec).toEqual({ foo: 1 });
  });
});

describe('admitStructure', () => {
  const admit = (body: Record<string, unknown>, query = 'fieldValidation=Strict') => {
    try {
      admitStructure(body, { apiVersion: 'apps/v1', kind: 'Deployment', query: new URLSearchParams(query) });
      return undefined;
    } catch (err) {
      return (err as ApiError).toStatus();
    }
  };

  it('answers a body that does not decode with one 400 BadRequest that keeps every cause and its field', () => {
    const status = admit(deployment({ replicas: 'string', foo: 1 }));
    expect(status).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message:
        'Deployment in version "v1" cannot be handled as a Deployment: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer, strict decoding error: unknown field "spec.foo"',
      details: {
        name: 'web',
        kind: 'Deployment',
        group: 'apps',
        causes: [
          { type: 'FieldValueInvalid', field: 'spec.replicas' },
          {
            type: 'FieldValueNotSupported',
            field: 'spec.foo',
            message: 'strict decoding error: unknown field "spec.foo"',
          },
        ],
      },
    });
  });

  it('drops unknown fields under Warn (the default) and Ignore, and refuses another fieldValidation', () => {
    expect(admit(deployment({ foo: 1 }), '')).toBeUndefined();
    expect(admit(deployment({ foo: 1 }), 'fieldValidation=Ignore')).toBeUndefined();
    expect(admit(deployment({}), 'fieldValidation=Loose')).toMatchObject({ code: 400 });
  });
});

describe('JSON names of fields go-to-protobuf names differently', () => {
  it('reads an IngressClass parameters.apiGroup (aPIGroup in the .proto) as the field it is', () => {
    const body = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'external-lb' },
      spec: {
        controller: 'example.com/ingress-controller',
        parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' },
      },
    };
    const result = checkStructure(body, kindMessage('networking.k8s.io/v1', 'IngressClass')!, {
      strict: true,
    });
    expect(result).toEqual({ causes: [], unknownFields: [] });
  });
});

describe("fields the kinds' own rules leave to the structural check (400 before their 422)", () => {
  it('a Job spec with a wrong type or an unknown field', () => {
    const decode = (spec: Record<string, unknown>) =>
      checkStructure({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec }, 'batch.v1.Job', {
        strict: true,
      });
    expect(decode({ backoffLimit: 'six' }).causes.map((c) => c.field)).toEqual(['spec.backoffLimit']);
    expect(decode({ completion: 3 }).unknownFields).toEqual(['spec.completion']);
  });

  it('a Pod with requiredDuringSchedulingIgnoredDuringExecution written as a list', () => {
    const body = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        containers: [{ name: 'c', image: 'busybox' }],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { matchExpressions: [{ key: 'a', operator: 'Exists' }] },
            ],
          },
        },
      },
    };
    const { causes } = checkStructure(body, kindMessage('v1', 'Pod')!, { strict: true });
    expect(causes.map((c) => c.field)).toEqual([
      'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution',
    ]);
    expect(causes[0]!.message).toMatch(/must be of type object/);
  });
});
