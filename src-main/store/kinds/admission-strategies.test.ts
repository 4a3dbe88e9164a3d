import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../shared/api-types';
import {
  mutatingWebhookConfigurationStrategy,
  validatingWebhookConfigurationStrategy,
} from './webhook-configuration-strategies';
import {
  validatingAdmissionPolicyBindingStrategy,
  validatingAdmissionPolicyStrategy,
} from './admission-policy-strategies';
import { apiServiceStrategy } from './api-service-strategy';
import type { KindStrategy } from '../kind-strategy';

const reader = { list: () => [] };

/** Defaults then validates, as a create does; returns "field: message" of every cause. */
function create(strategy: KindStrategy, obj: Record<string, unknown>): string[] {
  const object = { metadata: { name: 'x' }, ...structuredClone(obj) } as unknown as KubeObject;
  strategy.prepareForCreate?.(object, reader);
  return strategy.validate(object, undefined, reader).map((c) => `${c.field}: ${c.message}`);
}

const hook = (over: Record<string, unknown> = {}) => ({
  name: 'webhook.cert-manager.io',
  admissionReviewVersions: ['v1'],
  sideEffects: 'None',
  clientConfig: { service: { name: 'cert-manager-webhook', namespace: 'cert-manager', path: '/validate' } },
  rules: [
    {
      apiGroups: ['cert-manager.io'],
      apiVersions: ['v1'],
      operations: ['CREATE', 'UPDATE'],
      resources: ['*/*'],
    },
  ],
  ...over,
});

describe('webhook configurations', () => {
  it('defaults a v1 webhook as Kubernetes does', () => {
    const obj = { metadata: { name: 'm' }, webhooks: [hook()] } as unknown as KubeObject;
    mutatingWebhookConfigurationStrategy.prepareForCreate!(obj, reader);
    expect((obj as unknown as { webhooks: unknown[] }).webhooks[0]).toMatchObject({
      failurePolicy: 'Fail',
      matchPolicy: 'Equivalent',
      namespaceSelector: {},
      objectSelector: {},
      timeoutSeconds: 10,
      reinvocationPolicy: 'Never',
      rules: [{ scope: '*' }],
      clientConfig: { service: { port: 443 } },
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'two-segment name',
      { name: 'cert-manager.io' },
      'webhooks[0].name: Invalid value: "cert-manager.io": should be a domain with at least three segments separated by dots',
    ],
    ['missing name', { name: '' }, 'webhooks[0].name: Required value'],
    [
      'missing sideEffects',
      { sideEffects: undefined },
      'webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun',
    ],
    [
      'sideEffects Some in v1',
      { sideEffects: 'Some' },
      'webhooks[0].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"',
    ],
    [
      'no admissionReviewVersions',
      { admissionReviewVersions: [] },
      'webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1',
    ],
    [
      'unknown admissionReviewVersions',
      { admissionReviewVersions: ['v2'] },
      'webhooks[0].admissionReviewVersions: Invalid value: ["v2"]: must include at least one of v1, v1beta1',
    ],
    [
      'url and service',
      { clientConfig: { url: 'https://x.example.com', service: { name: 'a', namespace: 'b' } } },
      'webhooks[0].clientConfig: Required value: exactly one of url or service is required',
    ],
    [
      'neither url nor service',
      { clientConfig: {} },
      'webhooks[0].clientConfig: Required value: exactly one of url or service is required',
    ],
    [
      'http url',
      { clientConfig: { url: 'http://x.example.com/v' } },
      `webhooks[0].clientConfig.url: Invalid value: "http": 'https' is the only allowed URL scheme`,
    ],
    [
      'service port',
      { clientConfig: { service: { name: 'a', namespace: 'b', port: 70000 } } },
      'webhooks[0].clientConfig.service.port: Invalid value: 70000: port is not valid: must be between 1 and 65535, inclusive',
    ],
    [
      'service without namespace',
      { clientConfig: { service: { name: 'a' } } },
      'webhooks[0].clientConfig.service.namespace: Required value: service namespace is required',
    ],
    [
      'failurePolicy',
      { failurePolicy: 'Maybe' },
      'webhooks[0].failurePolicy: Unsupported value: "Maybe": supported values: "Fail", "Ignore"',
    ],
    [
      'matchPolicy',
      { matchPolicy: 'Loose' },
      'webhooks[0].matchPolicy: Unsupported value: "Loose": supported values: "Equivalent", "Exact"',
    ],
    [
      'timeout',
      { timeoutSeconds: 31 },
      'webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds',
    ],
    [
      'rule operation',
      { rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['PATCH'], resources: ['pods'] }] },
      'webhooks[0].rules[0].operations[0]: Unsupported value: "PATCH": supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE"',
    ],
    [
      'rule without resources',
      { rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['*'] }] },
      'webhooks[0].rules[0].resources: Required value',
    ],
  ])('refuses a %s', (_, over, expected) => {
    expect(create(validatingWebhookConfigurationStrategy, { webhooks: [hook(over)] })).toContain(expected);
  });

  it('accepts a realistic webhook, and refuses a duplicate name and a bad reinvocationPolicy', () => {
    expect(create(validatingWebhookConfigurationStrategy, { webhooks: [hook()] })).toEqual([]);
    expect(
      create(mutatingWebhookConfigurationStrategy, {
        webhooks: [hook(), hook({ reinvocationPolicy: 'Always' })],
      }),
    ).toEqual([
      'webhooks[1].reinvocationPolicy: Unsupported value: "Always": supported values: "IfNeeded", "Never"',
      'webhooks[1].name: Duplicate value: "webhook.cert-manager.io"',
    ]);
  });

  it('lets an update keep sideEffects Some that the stored object already had (ratcheting)', () => {
    const old = {
      metadata: { name: 'x' },
      webhooks: [hook({ sideEffects: 'Some' })],
    } as unknown as KubeObject;
    const next = structuredClone(old);
    expect(validatingWebhookConfigurationStrategy.validate(next, old, reader)).toEqual([]);
  });

  it('answers every write with a warning that webhooks are not called', () => {
    expect(validatingWebhookConfigurationStrategy.warnings!({} as KubeObject, undefined)[0]).toMatch(
      /^Skiff stores ValidatingWebhookConfigurations but does not call admission webhooks/,
    );
  });
});

const policy = (over: Record<string, unknown> = {}) => ({
  spec: {
    matchConstraints: {
      resourceRules: [
        {
          apiGroups: ['gateway.networking.k8s.io'],
          apiVersions: ['*'],
          operations: ['CREATE', 'UPDATE'],
          resources: ['*'],
        },
      ],
    },
    validations: [{ expression: "object.apiVersion != 'x'", message: 'no' }],
    ...over,
  },
});

describe('validating admission policies and bindings', () => {
  it('defaults failurePolicy and matchConstraints', () => {
    const obj = { metadata: { name: 'p' }, ...policy() } as unknown as KubeObject;
    validatingAdmissionPolicyStrategy.prepareForCreate!(obj, reader);
    expect((obj as unknown as { spec: unknown }).spec).toMatchObject({
      failurePolicy: 'Fail',
      matchConstraints: {
        matchPolicy: 'Equivalent',
        namespaceSelector: {},
        objectSelector: {},
        resourceRules: [{ scope: '*' }],
      },
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['missing matchConstraints', { matchConstraints: undefined }, 'spec.matchConstraints: Required value'],
    [
      'matchConstraints without resourceRules',
      { matchConstraints: {} },
      'spec.matchConstraints.resourceRules: Required value',
    ],
    [
      'no validations',
      { validations: [] },
      'spec.validations: Required value: validations or auditAnnotations must contain at least one item',
    ],
    [
      'empty expression',
      { validations: [{ expression: ' ' }] },
      'spec.validations[0].expression: Required value: expression is not specified',
    ],
    [
      'failurePolicy',
      { failurePolicy: 'Never' },
      'spec.failurePolicy: Unsupported value: "Never": supported values: "Fail", "Ignore"',
    ],
    ['paramKind without kind', { paramKind: { apiVersion: 'v1' } }, 'spec.paramKind.kind: Required value'],
  ])('refuses a policy with %s', (_, over, expected) => {
    expect(create(validatingAdmissionPolicyStrategy, policy(over))).toContain(expected);
  });

  it('accepts a realistic policy and binding', () => {
    expect(create(validatingAdmissionPolicyStrategy, policy())).toEqual([]);
    expect(
      create(validatingAdmissionPolicyBindingStrategy, {
        spec: { policyName: 'p', validationActions: ['Deny'] },
      }),
    ).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no policyName', { validationActions: ['Deny'] }, 'spec.policyName: Required value'],
    [
      'no validationActions',
      { policyName: 'p' },
      'spec.validationActions: Required value: at least one validation action is required',
    ],
    [
      'unknown action',
      { policyName: 'p', validationActions: ['Block'] },
      'spec.validationActions[0]: Unsupported value: "Block": supported values: "Audit", "Deny", "Warn"',
    ],
    [
      'Deny and Warn',
      { policyName: 'p', validationActions: ['Deny', 'Warn'] },
      'spec.validationActions: Invalid value: ["Deny","Warn"]: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
    ],
  ])('refuses a binding with %s', (_, spec, expected) => {
    expect(create(validatingAdmissionPolicyBindingStrategy, { spec })).toContain(expected);
  });
});

const metricsApiService = (over: Record<string, unknown> = {}) => ({
  metadata: { name: 'v1beta1.metrics.k8s.io' },
  spec: {
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    groupPriorityMinimum: 100,
    versionPriority: 100,
    insecureSkipTLSVerify: true,
    service: { name: 'metrics-server', namespace: 'kube-system' },
    ...over,
  },
});

describe('APIService', () => {
  it("accepts metrics-server's APIService and reports it not available through its service", () => {
    const obj = structuredClone(metricsApiService()) as unknown as KubeObject;
    apiServiceStrategy.prepareForCreate!(obj, reader);
    expect(apiServiceStrategy.validate(obj, undefined, reader)).toEqual([]);
    const api = obj as unknown as { spec: { service: { port: number } }; status: { conditions: unknown[] } };
    expect(api.spec.service.port).toBe(443);
    expect(api.status.conditions).toEqual([
      expect.objectContaining({ type: 'Available', status: 'False', reason: 'NotProxiedBySkiff' }),
    ]);
  });

  it('reports a local APIService for metrics.k8s.io available, any other local one not', () => {
    const local = structuredClone(
      metricsApiService({ service: undefined, insecureSkipTLSVerify: false }),
    ) as unknown as KubeObject;
    apiServiceStrategy.prepareForCreate!(local, reader);
    expect((local as unknown as { status: { conditions: unknown[] } }).status.conditions[0]).toMatchObject({
      status: 'True',
      reason: 'Local',
    });
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'name that is not version.group',
      { metadata: { name: 'metrics' } },
      'metadata.name: Invalid value: "metrics": must be `spec.version+"."+spec.group`: "v1beta1.metrics.k8s.io"',
    ],
    [
      'zero groupPriorityMinimum',
      { spec: { ...metricsApiService().spec, groupPriorityMinimum: 0 } },
      'spec.groupPriorityMinimum: Invalid value: 0: must be positive and less than 20000',
    ],
    [
      'missing versionPriority',
      { spec: { ...metricsApiService().spec, versionPriority: undefined } },
      'spec.versionPriority: Invalid value: 0: must be positive and less than 1000',
    ],
    [
      'service without name',
      { spec: { ...metricsApiService().spec, service: { namespace: 'kube-system' } } },
      'spec.service.name: Required value',
    ],
    [
      'local with insecureSkipTLSVerify',
      { spec: { ...metricsApiService().spec, service: undefined } },
      'spec.insecureSkipTLSVerify: Invalid value: true: local APIServices may not have insecureSkipTLSVerify',
    ],
    [
      'empty group for v1beta1',
      { metadata: { name: 'v1beta1.' }, spec: { ...metricsApiService().spec, group: '' } },
      'spec.group: Required value: only v1 may have an empty group and it better be legacy kube',
    ],
  ])('refuses a %s', (_, over, expected) => {
    expect(create(apiServiceStrategy, { ...metricsApiService(), ...over })).toContain(expected);
  });
});

describe('admission kinds', () => {
  it.each([
    validatingWebhookConfigurationStrategy,
    mutatingWebhookConfigurationStrategy,
    validatingAdmissionPolicyStrategy,
    validatingAdmissionPolicyBindingStrategy,
    apiServiceStrategy,
  ])('$type.kind answers odd but decodable objects with causes, never an exception', (strategy) => {
    for (const odd of [
      {},
      { webhooks: [null, {}] },
      { spec: { matchConstraints: { resourceRules: [null] } } },
      { spec: { service: {} } },
    ])
      expect(() => create(strategy, odd)).not.toThrow();
  });
});
