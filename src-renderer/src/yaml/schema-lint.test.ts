import { yamlLanguage } from '@codemirror/lang-yaml';
import { describe, expect, it } from 'vitest';
import type { KubeSchemaMap } from './kube-schema';
import { lintAgainstSchemas } from './schema-lint';

const ref = (name: string, description?: string) => ({
  allOf: [{ $ref: `#/components/schemas/${name}` }],
  ...(description ? { description } : {}),
});

const SCHEMAS: KubeSchemaMap = {
  Deployment: {
    type: 'object',
    'x-kubernetes-group-version-kind': [{ group: 'apps', version: 'v1', kind: 'Deployment' }],
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: ref('ObjectMeta'),
      spec: ref('DeploymentSpec'),
    },
  },
  ObjectMeta: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
    },
  },
  DeploymentSpec: {
    type: 'object',
    properties: {
      replicas: { type: 'integer', format: 'int32' },
      paused: { type: 'boolean' },
      template: ref('PodTemplateSpec'),
    },
  },
  PodTemplateSpec: { type: 'object', properties: { spec: ref('PodSpec') } },
  PodSpec: { type: 'object', properties: { containers: { type: 'array', items: ref('Container') } } },
  Container: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      image: { type: 'string' },
      ports: { type: 'array', items: ref('ContainerPort') },
      readinessProbe: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    },
  },
  ContainerPort: {
    type: 'object',
    properties: { containerPort: { type: 'integer' }, name: { 'x-kubernetes-int-or-string': true } },
  },
};

function problems(text: string) {
  const tree = yamlLanguage.parser.parse(text);
  return lintAgainstSchemas(tree, text, (apiVersion, kind) =>
    apiVersion === 'apps/v1' && kind === 'Deployment'
      ? { root: SCHEMAS.Deployment!, schemas: SCHEMAS }
      : undefined,
  ).map((p) => ({ at: text.slice(p.from, p.to), message: p.message }));
}

const HEAD =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {app: web, tier: "1"}\n';

describe('lintAgainstSchemas', () => {
  it('finds nothing wrong in a good manifest', () => {
    expect(
      problems(
        HEAD +
          'spec:\n  replicas: 2\n  paused: false\n  template:\n    spec:\n      containers:\n      - name: web\n' +
          '        image: nginx\n        ports:\n        - containerPort: 80\n          name: http\n' +
          '        readinessProbe: {anything: [1]}\n',
      ),
    ).toEqual([]);
  });

  it('marks unknown fields at their key, with the path', () => {
    expect(
      problems(HEAD + 'spec:\n  replica: 2\n  template:\n    spec:\n      containers:\n      - nmae: web\n'),
    ).toEqual([
      { at: 'replica', message: 'spec: unknown field "replica"' },
      { at: 'nmae', message: 'spec.template.spec.containers[0]: unknown field "nmae"' },
    ]);
    expect(problems(HEAD + 'sepc: {}\n')).toEqual([{ at: 'sepc', message: 'unknown field "sepc"' }]);
  });

  it('marks values of the wrong type at the value', () => {
    expect(
      problems(
        HEAD +
          'spec:\n  replicas: many\n  paused: "yes"\n  template:\n    spec:\n      containers:\n        name: web\n',
      ),
    ).toEqual([
      { at: 'many', message: 'spec.replicas: expected an integer, not "many"' },
      { at: '"yes"', message: 'spec.paused: expected true or false, not "yes"' },
      {
        at: '\n        name: web',
        message: 'spec.template.spec.containers: expected a list (lines starting with "- ")',
      },
    ]);
    expect(problems(HEAD.replace('name: web', 'name: 12'))).toEqual([
      { at: '12', message: 'metadata.name: expected a string: quote it ("12")' },
    ]);
  });

  it('checks nothing in documents of kinds it has no schema for, and each document on its own', () => {
    expect(
      problems('apiVersion: v1\nkind: Mystery\nspec: {whatever: 1}\n---\n' + HEAD + 'spec: {replicas: x}\n'),
    ).toEqual([{ at: 'x', message: 'spec.replicas: expected an integer, not "x"' }]);
  });

  it('leaves empty and null values alone', () => {
    expect(problems(HEAD + 'spec:\n  replicas:\n  template: null\n')).toEqual([]);
  });
});
