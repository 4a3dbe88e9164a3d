import { describe, expect, it } from 'vitest';
import type { CustomResourceDefinition } from '../../shared/custom-resource-types';
import type { ResourceType } from '../../shared/resource-types';
import type { KindRegistry } from '../../store/kind-strategy';
import { customResourceSource } from './custom-resource-source';

const storageType: ResourceType = {
  group: 'example.com',
  version: 'v1',
  kind: 'Widget',
  plural: 'widgets',
  namespaced: true,
} as ResourceType;

const schema = {
  type: 'object',
  properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
};

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', kind: 'Widget' },
    versions: [
      { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } },
      { name: 'v1beta1', served: true, storage: false, schema: { openAPIV3Schema: schema } },
      { name: 'v1alpha1', served: false, storage: false, schema: { openAPIV3Schema: schema } },
    ],
  },
} as unknown as CustomResourceDefinition;

// the registry answers every served version with the one strategy, whose type names the storage version
const kinds = { find: () => ({ type: storageType }) } as unknown as KindRegistry;

describe('customResourceSource', () => {
  it('publishes each served version of a CRD as its own kind, with its own schema', () => {
    const { kinds: published, schemas } = customResourceSource(() => [crd], kinds)();
    expect(published.map((p) => [p.type.version, p.schemaName, p.strategicMergePatch])).toEqual([
      ['v1', 'com.example.v1.Widget', false],
      ['v1beta1', 'com.example.v1beta1.Widget', false],
    ]);
    expect(schemas['com.example.v1beta1.Widget']).toMatchObject({
      'x-kubernetes-group-version-kind': [{ group: 'example.com', version: 'v1beta1', kind: 'Widget' }],
      properties: { spec: schema.properties.spec },
    });
    expect(schemas['com.example.v1.WidgetList']).toBeDefined();
  });
});
