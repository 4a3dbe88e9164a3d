import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../shared/api-types';
import { configMapType, eventType, namespaceType, type ResourceType } from '../shared/resource-types';
import { createKindRegistry } from './all-kinds';
import { compileFilter, type SelectorOptions } from './object-filter';
import { openStore } from './open-store';
import { openTestStore } from './test-store';

// Lists read the store's index by kind and namespace; these cases pin that they return exactly what scanning
// every object with the same filter returned: same items, same order, selectors unchanged.

const cm = (namespace: string, name: string, labels: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, labels },
});
const event = (namespace: string, name: string, about: string, reason: string, type: string): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace },
    involvedObject: { kind: 'Pod', name: about, namespace },
    reason,
    type,
    message: reason,
    source: { component: 'test' },
  }) as KubeObject;

const seed: Array<[ResourceType, KubeObject]> = [
  [namespaceType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b', labels: { team: 'x' } } }],
  [namespaceType, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }],
  [configMapType, cm('default', 'web', { app: 'web', tier: 'front' })],
  [configMapType, cm('b', 'web', { app: 'web', tier: 'front' })],
  [configMapType, cm('a', 'web-2', { app: 'web', tier: 'back' })],
  [configMapType, cm('a', 'web', { app: 'web' })],
  [configMapType, cm('a', 'web.1', { app: 'web' })],
  [configMapType, cm('a', 'cache', { app: 'cache', tier: 'back' })],
  [configMapType, cm('default', 'db', { app: 'db', tier: 'back' })],
  [eventType, event('a', 'e1', 'web', 'Started', 'Normal')],
  [eventType, event('a', 'e2', 'cache', 'Killing', 'Warning')],
  [eventType, event('b', 'e3', 'web', 'Started', 'Normal')],
];

const cases: Array<[string, ResourceType, SelectorOptions, string[]]> = [
  [
    'every ConfigMap, by namespace then name',
    configMapType,
    {},
    ['a/cache', 'a/web', 'a/web-2', 'a/web.1', 'b/web', 'default/db', 'default/web'],
  ],
  ['one namespace', configMapType, { namespace: 'a' }, ['a/cache', 'a/web', 'a/web-2', 'a/web.1']],
  [
    'an empty namespace means all',
    configMapType,
    { namespace: '' },
    ['a/cache', 'a/web', 'a/web-2', 'a/web.1', 'b/web', 'default/db', 'default/web'],
  ],
  ['a namespace with none of the kind', configMapType, { namespace: 'kube-system' }, []],
  ['a namespace that does not exist', configMapType, { namespace: 'nowhere' }, []],
  [
    'a label selector across namespaces',
    configMapType,
    { labelSelector: 'app=web' },
    ['a/web', 'a/web-2', 'a/web.1', 'b/web', 'default/web'],
  ],
  [
    'set-based labels in one namespace',
    configMapType,
    { namespace: 'a', labelSelector: 'app in (web,cache),tier' },
    ['a/cache', 'a/web-2'],
  ],
  ['a label that is absent', configMapType, { labelSelector: '!tier' }, ['a/web', 'a/web.1']],
  [
    'metadata.name across namespaces',
    configMapType,
    { fieldSelector: 'metadata.name=web' },
    ['a/web', 'b/web', 'default/web'],
  ],
  ['metadata.namespace as a field', configMapType, { fieldSelector: 'metadata.namespace==b' }, ['b/web']],
  [
    'a namespace and a field naming another',
    configMapType,
    { namespace: 'a', fieldSelector: 'metadata.namespace=b' },
    [],
  ],
  [
    'fields and labels together',
    configMapType,
    { fieldSelector: 'metadata.name!=web', labelSelector: 'tier=back' },
    ['a/cache', 'a/web-2', 'default/db'],
  ],
  ["an Event's involved object", eventType, { fieldSelector: 'involvedObject.name=web' }, ['a/e1', 'b/e3']],
  ['Event type in one namespace', eventType, { namespace: 'a', fieldSelector: 'type=Warning' }, ['a/e2']],
  ['two Event fields', eventType, { fieldSelector: 'reason=Started,involvedObject.namespace=b' }, ['b/e3']],
  [
    'a cluster-scoped kind ignores the namespace',
    namespaceType,
    { namespace: 'a' },
    ['/a', '/b', '/default', '/kube-node-lease', '/kube-public', '/kube-system'],
  ],
  ['a cluster-scoped kind by name', namespaceType, { fieldSelector: 'metadata.name=a' }, ['/a']],
  [
    'a cluster-scoped kind by label and phase',
    namespaceType,
    { labelSelector: 'team=x', fieldSelector: 'status.phase=Active' },
    ['/b'],
  ],
];

const ids = (items: KubeObject[]) => items.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);

describe('ObjectStore.list through the kind and namespace index', () => {
  let t: Awaited<ReturnType<typeof openTestStore>>;
  beforeAll(async () => {
    t = await openTestStore();
    for (const [type, object] of seed) await t.store.create(type, object);
  });
  afterAll(async () => t.cleanup());

  it.each(cases)('%s', (_, type, options, expected) => {
    const listed = t.store.list(type, options).items;
    expect(ids(listed)).toEqual(expected);
    // What scanning every object did before the index: same items, same order.
    const filter = compileFilter(t.kinds.forType(type), options);
    const scanned = t.store
      .allObjects()
      .filter((o) => o.type === type && filter(o.object))
      .map((o) => o.object)
      .sort((x, y) => ids([x])[0]!.localeCompare(ids([y])[0]!));
    expect(ids(listed)).toEqual(ids(scanned));
  });

  it('still refuses a bad selector with 400 naming it', () => {
    expect(() => t.store.list(configMapType, { fieldSelector: 'data.x=1' })).toThrow(
      /field label not supported: data.x/,
    );
    expect(() => t.store.list(configMapType, { labelSelector: 'app in (' })).toThrow(
      /labelSelector "app in \("/,
    );
  });

  it('follows updates, deletes and moves between label sets, and is rebuilt the same after a restart', async () => {
    const web = t.store.get(configMapType, 'b', 'web');
    await t.store.update(configMapType, { ...web, metadata: { ...web.metadata, labels: { app: 'db' } } });
    await t.store.delete(configMapType, 'a', 'web-2');
    await t.store.create(configMapType, cm('b', 'api', { app: 'web' }));
    const expected = ['a/web', 'a/web.1', 'b/api', 'default/web'];
    expect(ids(t.store.list(configMapType, { labelSelector: 'app=web' }).items)).toEqual(expected);
    expect(ids(t.store.list(configMapType, { namespace: 'b' }).items)).toEqual(['b/api', 'b/web']);

    await t.journal.close();
    const reopened = await openStore(t.dir, createKindRegistry());
    t.journal = reopened.journal;
    expect(ids(reopened.store.list(configMapType, { labelSelector: 'app=web' }).items)).toEqual(expected);
    expect(ids(reopened.store.list(configMapType, { namespace: 'b' }).items)).toEqual(['b/api', 'b/web']);
    expect(ids(reopened.store.list(eventType, { namespace: 'a' }).items)).toEqual(['a/e1', 'a/e2']);
  });
});
