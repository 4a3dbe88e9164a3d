import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubectl } from '../support/kubectl';
import { useSkiffServer } from '../support/skiff-fixture';
import { api } from '../support/skiff-process';

// Admission webhooks, admission policies and aggregated APIs as install files carry them (cert-manager,
// metrics-server, gateway-api): applied whole, announced as stored-only, printed and explained by real kubectl.

const INSTALL = `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: cert-manager-webhook
webhooks:
  - name: webhook.cert-manager.io
    namespaceSelector:
      matchExpressions:
        - key: cert-manager.io/disable-validation
          operator: NotIn
          values: ["true"]
    rules:
      - apiGroups: ["cert-manager.io", "acme.cert-manager.io"]
        apiVersions: ["v1"]
        operations: ["CREATE", "UPDATE"]
        resources: ["*/*"]
    admissionReviewVersions: ["v1"]
    matchPolicy: Equivalent
    timeoutSeconds: 30
    failurePolicy: Fail
    sideEffects: None
    clientConfig:
      service:
        name: cert-manager-webhook
        namespace: cert-manager
        path: /validate
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: cert-manager-webhook
webhooks:
  - name: webhook.cert-manager.io
    rules:
      - apiGroups: ["cert-manager.io"]
        apiVersions: ["v1"]
        operations: ["CREATE"]
        resources: ["certificaterequests"]
    admissionReviewVersions: ["v1"]
    sideEffects: None
    clientConfig:
      service:
        name: cert-manager-webhook
        namespace: cert-manager
        path: /mutate
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: safe-upgrades.gateway.networking.k8s.io
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
      - apiGroups: ["apiextensions.k8s.io"]
        apiVersions: ["v1"]
        operations: ["CREATE", "UPDATE"]
        resources: ["customresourcedefinitions"]
  validations:
    - expression: "object.spec.group != 'gateway.networking.k8s.io' || object.metadata.annotations['gateway.networking.k8s.io/bundle-version'] >= 'v1.0.0'"
      message: "Installing CRDs with version before v1.0.0 is not supported."
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: safe-upgrades.gateway.networking.k8s.io
spec:
  policyName: safe-upgrades.gateway.networking.k8s.io
  validationActions: [Deny]
  matchResources:
    resourceRules:
      - apiGroups: ["apiextensions.k8s.io"]
        apiVersions: ["v1"]
        operations: ["CREATE", "UPDATE"]
        resources: ["customresourcedefinitions"]
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  labels:
    k8s-app: metrics-server
  name: v1beta1.metrics.k8s.io
spec:
  group: metrics.k8s.io
  groupPriorityMinimum: 100
  insecureSkipTLSVerify: true
  service:
    name: metrics-server
    namespace: kube-system
  version: v1beta1
  versionPriority: 100
`;

const BAD_WEBHOOK = `
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: bad-webhook
webhooks:
  - name: webhook
    admissionReviewVersions: ["v1"]
    clientConfig:
      url: https://hooks.example.com/validate
`;

async function run(f: { skiff: Parameters<typeof kubectl>[0] }, args: string[]) {
  try {
    return { code: 0, ...(await kubectl(f.skiff, args)) };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('webhook, admission policy and APIService kinds with the real kubectl', () => {
  const f = useSkiffServer('hooks');
  const file = async (name: string, yaml: string) => {
    const path = join(f.dir, name);
    await writeFile(path, yaml);
    return path;
  };

  it('applies an install file of all five kinds whole, each announced as stored only, and prints their columns', async () => {
    const applied = await run(f, ['apply', '-f', await file('install.yaml', INSTALL)]);
    expect(applied.stderr).not.toContain('error');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(
      'validatingwebhookconfiguration.admissionregistration.k8s.io/cert-manager-webhook created',
    );
    expect(applied.stdout).toContain('apiservice.apiregistration.k8s.io/v1beta1.metrics.k8s.io created');
    for (const warning of [
      'Warning: Skiff stores ValidatingWebhookConfigurations but does not call admission webhooks',
      'Warning: Skiff stores MutatingWebhookConfigurations but does not call admission webhooks',
      'Warning: Skiff stores ValidatingAdmissionPolicies but does not evaluate them',
      'Warning: Skiff stores ValidatingAdmissionPolicyBindings but does not evaluate admission policies',
      'Warning: Skiff stores APIServices but does not proxy aggregated APIs',
    ])
      expect(applied.stderr).toContain(warning);

    const webhooks = await run(f, ['get', 'validatingwebhookconfigurations']);
    expect(webhooks.stdout).toMatch(/^NAME\s+WEBHOOKS\s+AGE\n/);
    expect(webhooks.stdout).toMatch(/cert-manager-webhook\s+1\s+\d+s/);
    const policies = await run(f, ['get', 'validatingadmissionpolicies']);
    expect(policies.stdout).toMatch(/^NAME\s+VALIDATIONS\s+PARAMKIND\s+AGE\n/);
    expect(policies.stdout).toMatch(/safe-upgrades.gateway.networking.k8s.io\s+1\s+<unset>/);
    const bindings = await run(f, ['get', 'validatingadmissionpolicybindings']);
    expect(bindings.stdout).toMatch(/^NAME\s+POLICYNAME\s+PARAMREF\s+AGE\n/);
    const apiServices = await run(f, ['get', 'apiservices']);
    expect(apiServices.stdout).toMatch(/^NAME\s+SERVICE\s+AVAILABLE\s+AGE\n/);
    expect(apiServices.stdout).toMatch(
      /v1beta1.metrics.k8s.io\s+kube-system\/metrics-server\s+False \(NotProxiedBySkiff\)/,
    );

    const stored = await api(
      f.skiff,
      '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/cert-manager-webhook',
    );
    expect(stored.body.webhooks[0]).toMatchObject({
      failurePolicy: 'Fail',
      timeoutSeconds: 10,
      reinvocationPolicy: 'Never',
      clientConfig: { service: { port: 443 } },
    });
    // applied again, unchanged: nothing to do
    const again = await run(f, ['apply', '-f', await file('install.yaml', INSTALL)]);
    expect(again.stderr).not.toContain('rror');
    expect(again.stdout).toContain('apiservice.apiregistration.k8s.io/v1beta1.metrics.k8s.io unchanged');
  });

  it('server-side applies the install file to fresh objects', async () => {
    const fresh = INSTALL.replaceAll(
      'metadata:\n  name: cert-manager-webhook',
      'metadata:\n  name: ssa-webhook',
    )
      .replaceAll('safe-upgrades.gateway', 'ssa-upgrades.gateway')
      .replaceAll('metrics.k8s.io', 'ssa.example.com');
    const applied = await run(f, ['apply', '--server-side', '-f', await file('ssa.yaml', fresh)]);
    expect(applied.stderr).not.toContain('rror');
    expect(applied.stdout).toContain(
      'mutatingwebhookconfiguration.admissionregistration.k8s.io/ssa-webhook serverside-applied',
    );
    expect(applied.stdout).toContain(
      'apiservice.apiregistration.k8s.io/v1beta1.ssa.example.com serverside-applied',
    );
    const again = await run(f, ['apply', '--server-side', '-f', await file('ssa.yaml', fresh)]);
    expect(again.stderr).not.toContain('rror');
  });

  it('refuses an invalid webhook with 422 naming each field', async () => {
    const refused = await run(f, ['apply', '-f', await file('bad.yaml', BAD_WEBHOOK)]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('ValidatingWebhookConfiguration "bad-webhook" is invalid');
    expect(refused.stderr).toContain(
      'webhooks[0].name: Invalid value: "webhook": should be a domain with at least three segments separated by dots',
    );
    expect(refused.stderr).toContain(
      'webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun',
    );
    const direct = await api(
      f.skiff,
      '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations',
      {
        method: 'POST',
        body: {
          apiVersion: 'admissionregistration.k8s.io/v1',
          kind: 'ValidatingWebhookConfiguration',
          metadata: { name: 'bad' },
          webhooks: [{ name: 'webhook' }],
        },
      },
    );
    expect(direct.status).toBe(422);
    expect(direct.body.details.causes.map((c: { field: string }) => c.field)).toEqual(
      expect.arrayContaining(['webhooks[0].name', 'webhooks[0].sideEffects', 'webhooks[0].clientConfig']),
    );
  });

  it('kubectl explain describes the webhook and APIService fields', async () => {
    const clientConfig = await run(f, ['explain', 'validatingwebhookconfiguration.webhooks.clientConfig']);
    expect(clientConfig.code).toBe(0);
    expect(clientConfig.stdout).toContain('GROUP:      admissionregistration.k8s.io');
    expect(clientConfig.stdout).toMatch(/service\s+<ServiceReference>/);
    const spec = await run(f, ['explain', 'apiservice.spec']);
    expect(spec.code).toBe(0);
    expect(spec.stdout).toMatch(/groupPriorityMinimum\s+<integer> -required-/);
  });
});
