import { describe, expect, it } from 'vitest';
import type { KubeList, KubeObject, WatchEvent } from '@shared/api-types';
import { applyWatchEvent } from './apply-watch-event';

const ns = (name: string, rv: string, phase = 'Active'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, resourceVersion: rv },
  status: { phase },
});
const list = (rv: string, items: KubeObject[]): KubeList => ({
  apiVersion: 'v1',
  kind: 'NamespaceList',
  metadata: { resourceVersion: rv },
  items,
});
const ev = (type: WatchEvent['type'], object: KubeObject): WatchEvent => ({ type, object });

describe('applyWatchEvent', () => {
  it('adds, modifies and deletes, moving the list resourceVersion', () => {
    let l = list('5', [ns('a', '3')]);
    l = applyWatchEvent(l, ev('ADDED', ns('b', '6')));
    l = applyWatchEvent(l, ev('MODIFIED', ns('a', '7', 'Terminating')));
    expect(l.items.map((i) => [i.metadata.name, (i.status as { phase: string }).phase])).toEqual([
      ['a', 'Terminating'],
      ['b', 'Active'],
    ]);
    l = applyWatchEvent(l, ev('DELETED', ns('a', '8')));
    expect(l.items.map((i) => i.metadata.name)).toEqual(['b']);
    expect(l.metadata.resourceVersion).toBe('8');
  });

  it('ignores an event older than the cached object', () => {
    const l = list('9', [ns('a', '9', 'Terminating')]);
    expect(applyWatchEvent(l, ev('MODIFIED', ns('a', '4')))).toBe(l);
  });

  it('treats ADDED for a known object as an update (a replayed watch)', () => {
    const l = applyWatchEvent(list('2', [ns('a', '2')]), ev('ADDED', ns('a', '3', 'Terminating')));
    expect(l.items).toHaveLength(1);
    expect(l.items[0]!.metadata.resourceVersion).toBe('3');
  });

  it('moves only the resourceVersion on a bookmark', () => {
    const l = applyWatchEvent(
      list('2', [ns('a', '2')]),
      ev('BOOKMARK', { apiVersion: 'v1', kind: 'Namespace', metadata: { resourceVersion: '12' } }),
    );
    expect(l.metadata.resourceVersion).toBe('12');
    expect(l.items).toHaveLength(1);
  });
});
