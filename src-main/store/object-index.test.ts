import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../shared/api-types';
import { ObjectIndex, splitKey } from './object-index';

const obj = (name: string, namespace?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'X',
  metadata: { name, ...(namespace ? { namespace } : {}) },
});
const names = (items: KubeObject[]) => items.map((o) => o.metadata.name).sort();

describe('splitKey', () => {
  it.each([
    ['/pods/default/web', '/pods/', 'default'],
    ['/namespaces//default', '/namespaces/', ''],
    ['apps/deployments/team-a/api', 'apps/deployments/', 'team-a'],
    ['rbac.authorization.k8s.io/clusterroles//admin', 'rbac.authorization.k8s.io/clusterroles/', ''],
    ['example.com/widgets/ns/a.b.c', 'example.com/widgets/', 'ns'],
  ])('%s → kind %s, namespace "%s"', (key, prefix, namespace) => {
    expect(splitKey(key)).toEqual({ prefix, namespace });
  });

  it('refuses a key without group, plural and namespace parts', () => {
    expect(() => splitKey('/pods')).toThrow(/malformed key/);
  });
});

describe('ObjectIndex', () => {
  it('indexes what the journal loaded, and lists by kind and by namespace', () => {
    const loaded = new Map<string, KubeObject>([
      ['/pods/a/p1', obj('p1', 'a')],
      ['/pods/b/p2', obj('p2', 'b')],
      ['/podtemplates/a/t1', obj('t1', 'a')],
      ['/namespaces//a', obj('a')],
    ]);
    const index = new ObjectIndex(loaded);
    expect(names(index.ofKind('/pods/'))).toEqual(['p1', 'p2']);
    expect(names(index.ofKind('/pods/', 'a'))).toEqual(['p1']);
    expect(names(index.ofKind('/pods/', 'c'))).toEqual([]);
    expect(names(index.ofKind('/podtemplates/'))).toEqual(['t1']);
    expect(names(index.ofKind('/namespaces/'))).toEqual(['a']);
    expect(names(index.ofKind('apps/deployments/'))).toEqual([]);
    expect(index.size).toBe(4);
  });

  it('keeps the key map (what the journal snapshots) and the index in step on set and delete', () => {
    const persisted = new Map<string, KubeObject>();
    const index = new ObjectIndex(persisted);
    index.set('/pods/a/p1', obj('p1', 'a'));
    index.set('/pods/a/p2', obj('p2', 'a'));
    const replaced = obj('p1', 'a');
    replaced.metadata.labels = { v: '2' };
    index.set('/pods/a/p1', replaced);
    expect([...persisted.keys()]).toEqual(['/pods/a/p1', '/pods/a/p2']);
    expect(index.ofKind('/pods/', 'a').find((o) => o.metadata.name === 'p1')).toBe(replaced);
    expect(index.get('/pods/a/p1')).toBe(replaced);

    index.delete('/pods/a/p1');
    index.delete('/pods/a/p2');
    index.delete('/pods/a/never-there');
    expect(persisted.size).toBe(0);
    expect(index.ofKind('/pods/')).toEqual([]);
    expect(index.has('/pods/a/p1')).toBe(false);
    index.set('/pods/a/p3', obj('p3', 'a'));
    expect(names(index.ofKind('/pods/', 'a'))).toEqual(['p3']);
  });

  it('iterates entries in the order they were first stored (what the journal and allObjects see)', () => {
    const index = new ObjectIndex(new Map());
    index.set('/pods/b/x', obj('x', 'b'));
    index.set('/namespaces//a', obj('a'));
    index.set('/pods/a/y', obj('y', 'a'));
    expect([...index.entries()].map(([k]) => k)).toEqual(['/pods/b/x', '/namespaces//a', '/pods/a/y']);
  });
});
