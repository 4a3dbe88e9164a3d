import { afterEach, describe, expect, it } from 'vitest';
import { createKindRegistry } from '../store/all-kinds';
import type { KubeObject } from '../shared/api-types';
import { customResourceDefinitionType, type CustomResourceDefinition } from '../shared/custom-resource-types';
import { ApiError } from '../store/api-error';
import { openTestStore } from '../store/test-store';
import {
  CustomResourceDefinitionController,
  registerStoredCustomResources,
} from './custom-resource-definition-controller';

// One store, one controller: a CRD is Established and its kind served (both versions, conversion None), its
// resources are defaulted and validated by the schema, and deleting the CRD deletes them and the kind.

const crd: CustomResourceDefinition = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', kind: 'Widget' },
    versions: ['v1beta1', 'v1'].map((name) => ({
      name,
      served: true,
      deprecated: name === 'v1beta1',
      storage: name === 'v1',
      schema: {
        openAPIV3Schema: {
          type: 'object',
          properties: {
            spec: {
              type: 'object',
              properties: { size: { type: 'integer', maximum: 10, default: 1 } },
            },
          },
        },
      },
    })),
  },
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('CustomResourceDefinitionController', () => {
  it('serves an Established CRD, and deleting it deletes its resources and its kind', async () => {
    const { store, kinds, cleanup } = await openTestStore();
    cleanups.push(cleanup);
    const controller = new CustomResourceDefinitionController(store, kinds);
    cleanups.push(async () => controller.dispose());
    await store.create(customResourceDefinitionType, structuredClone(crd));
    await controller.idle();
    const stored = store.get(
      customResourceDefinitionType,
      undefined,
      'widgets.example.com',
    ) as CustomResourceDefinition;
    expect(stored.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'NamesAccepted=True',
      'Established=True',
    ]);
    const strategy = kinds.find('example.com', 'v1', 'widgets')!;
    expect(kinds.find('example.com', 'v1beta1', 'widgets')).toBe(strategy);
    const widget = await store.create(strategy.type, {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'default' },
      spec: {},
    } as KubeObject);
    expect(widget.spec).toEqual({ size: 1 });
    const v1beta1 = kinds.servedVersion('example.com', 'v1beta1', 'widgets')!;
    expect(v1beta1.fromStorage(widget).apiVersion).toBe('example.com/v1beta1');
    expect(v1beta1.deprecationWarning).toBe('example.com/v1beta1 Widget is deprecated');
    const invalid = await store
      .create(strategy.type, {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'big', namespace: 'default' },
        spec: { size: 11 },
      } as KubeObject)
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ApiError);
    expect((invalid as ApiError).toStatus().details?.causes).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.size',
        message: 'Invalid value: 11: spec.size in body should be less than or equal to 10',
      },
    ]);

    // A restart registers the kinds of Established CRDs before anything reads the store.
    const again = createKindRegistry();
    registerStoredCustomResources(store, again);
    expect(again.find('example.com', 'v1', 'widgets')?.type.kind).toBe('Widget');

    await store.delete(customResourceDefinitionType, undefined, 'widgets.example.com');
    await controller.idle();
    expect(store.tryGet(customResourceDefinitionType, undefined, 'widgets.example.com')).toBeUndefined();
    expect(store.tryGet(strategy.type, 'default', 'w')).toBeUndefined();
    expect(kinds.find('example.com', 'v1', 'widgets')).toBeUndefined();
  });
});
