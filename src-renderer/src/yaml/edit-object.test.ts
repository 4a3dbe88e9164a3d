import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@shared/api-types';
import { editableYaml, forReplace, identityProblem, problemsAtFields } from './edit-object';
import { parseManifests } from './manifests';

const live: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    uid: 'u-1',
    resourceVersion: '42',
    generation: 3,
    managedFields: [{ manager: 'skiff-ui', operation: 'Apply' }],
  } as KubeObject['metadata'],
  spec: { replicas: 2 },
  status: { readyReplicas: 2 },
};

const named = (kind: string, name: string, namespace?: string): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: namespace === undefined ? { name } : { name, namespace },
});

describe('editableYaml', () => {
  it('leaves out status and managedFields but keeps resourceVersion, so a stale save is a conflict', () => {
    const shown = load(editableYaml(live)) as KubeObject;
    expect(shown).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop', uid: 'u-1', resourceVersion: '42', generation: 3 },
      spec: { replicas: 2 },
    });
  });

  it('starts with apiVersion, kind and metadata, as manifests do', () => {
    const { apiVersion, kind, ...serverOrder } = live;
    expect(editableYaml({ ...serverOrder, apiVersion, kind } as KubeObject)).toMatch(
      /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n/,
    );
  });

  it('does not change the object it was given', () => {
    editableYaml(live);
    expect(live.status).toEqual({ readyReplicas: 2 });
    expect((live.metadata as { managedFields?: unknown }).managedFields).toBeDefined();
  });
});

describe('identityProblem', () => {
  const original = named('ConfigMap', 'settings', 'shop');

  it('accepts the same object, and one whose namespace is left out', () => {
    expect(identityProblem(original, named('ConfigMap', 'settings', 'shop'))).toBeUndefined();
    expect(identityProblem(original, named('ConfigMap', 'settings'))).toBeUndefined();
    expect(identityProblem(named('Namespace', 'team'), named('Namespace', 'team'))).toBeUndefined();
  });

  it('refuses a new kind, name or namespace, naming the field and what to do instead', () => {
    expect(identityProblem(original, named('Secret', 'settings', 'shop'))).toEqual({
      field: 'kind',
      message:
        'kind: cannot change from "ConfigMap" to "Secret" in Edit YAML; to make another object use Create from ' +
        'YAML; to rename, create a copy and delete this one',
    });
    expect(identityProblem(original, named('ConfigMap', 'other', 'shop'))?.message).toMatch(
      /^metadata\.name: cannot change from "settings" to "other"/,
    );
    expect(identityProblem(original, named('ConfigMap', 'settings', 'prod'))?.message).toMatch(
      /^metadata\.namespace: cannot change from "shop" to "prod"/,
    );
  });
});

describe('forReplace', () => {
  it("puts a namespaced object without a namespace in the original's", () => {
    expect(forReplace(named('ConfigMap', 'a', 'shop'), named('ConfigMap', 'a')).metadata.namespace).toBe(
      'shop',
    );
    expect(forReplace(named('Namespace', 'a'), named('Namespace', 'a')).metadata).toEqual({ name: 'a' });
  });
});

describe('problemsAtFields', () => {
  const [doc] = parseManifests(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
  template:
    spec:
      containers:
      - name: web
        image: ""
`);

  it("puts each of the server's causes at the line of its field", () => {
    expect(
      problemsAtFields(
        doc!,
        [
          { field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' },
          { field: 'spec.template.spec.containers[0].image', message: 'Required value' },
        ],
        'Deployment.apps "web" is invalid',
      ),
    ).toEqual([
      { line: 6, message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0' },
      { line: 11, message: 'spec.template.spec.containers[0].image: Required value' },
    ]);
  });

  it("falls back to the document's first line and the server's message", () => {
    expect(problemsAtFields(doc!, [], 'Deployment.apps "web" is invalid')).toEqual([
      { line: 1, message: 'Deployment.apps "web" is invalid' },
    ]);
    expect(problemsAtFields(doc!, [{ message: 'no field' }], 'x')).toEqual([
      { line: 1, message: 'no field' },
    ]);
  });
});
