import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../shared/api-types';
import { configMapType, namespaceType } from '../shared/resource-types';
import { openTestStore } from '../store/test-store';
import { GarbageCollector } from './garbage-collector';
import { NamespaceController } from './namespace-controller';

const cm = (name: string, owner?: KubeObject, namespace = 'default'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name,
    namespace,
    ...(owner
      ? {
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'ConfigMap',
              name: owner.metadata.name!,
              uid: owner.metadata.uid!,
              controller: true,
            },
          ],
        }
      : {}),
  },
});

describe('garbage collector and namespace controller against a real store', () => {
  let t: Awaited<ReturnType<typeof openTestStore>>;
  let gc: GarbageCollector;
  let namespaces: NamespaceController;
  beforeEach(async () => {
    t = await openTestStore();
    gc = new GarbageCollector(t.store);
    namespaces = new NamespaceController(t.store, {}, Date.now, 0);
  });
  afterEach(async () => {
    gc.dispose();
    namespaces.dispose();
    await t.cleanup();
  });
  const names = () => t.store.list(configMapType).items.map((i) => i.metadata.name);

  it('cascades a background delete to dependents and their dependents', async () => {
    const owner = await t.store.create(configMapType, cm('owner'));
    const child = await t.store.create(configMapType, cm('child', owner));
    await t.store.create(configMapType, cm('grandchild', child));
    await t.store.create(configMapType, cm('bystander'));
    await t.store.delete(configMapType, 'default', 'owner');
    await gc.idle();
    await gc.idle();
    expect(names()).toEqual(['bystander']);
  });

  it('orphans dependents when asked', async () => {
    const owner = await t.store.create(configMapType, cm('owner'));
    await t.store.create(configMapType, cm('child', owner));
    await t.store.delete(configMapType, 'default', 'owner', { propagationPolicy: 'Orphan' });
    await gc.idle();
    expect(names()).toEqual(['child']);
    expect(t.store.get(configMapType, 'default', 'child').metadata.ownerReferences).toBeUndefined();
  });

  it('foreground delete removes dependents before the owner', async () => {
    const owner = await t.store.create(configMapType, cm('owner'));
    await t.store.create(configMapType, cm('child', owner));
    await t.store.delete(configMapType, 'default', 'owner', { propagationPolicy: 'Foreground' });
    expect(t.store.get(configMapType, 'default', 'owner').metadata.deletionTimestamp).toBeDefined();
    await gc.idle();
    await gc.idle();
    expect(names()).toEqual([]);
  });

  it('empties and then removes a deleted namespace', async () => {
    await t.store.create(namespaceType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    await t.store.create(configMapType, cm('a', undefined, 'team'));
    await t.store.delete(namespaceType, undefined, 'team');
    await namespaces.idle();
    await namespaces.idle();
    expect(t.store.tryGet(namespaceType, undefined, 'team')).toBeUndefined();
    expect(names()).toEqual([]);
  });
});
