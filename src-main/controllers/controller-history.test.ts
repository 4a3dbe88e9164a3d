import { describe, expect, it } from 'vitest';
import type { ControllerRevision } from '../shared/apps-types';
import {
  fnv32,
  goJson,
  hashRevisionData,
  newControllerRevision,
  planUpdateRevision,
  revisionData,
  revisionName,
  revisionsToPrune,
  safeEncode,
  sortRevisions,
  templateOf,
} from './controller-history';

const parent = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default', uid: 'set-uid', annotations: { note: 'x' } },
};
const template = (image: string) => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image }] },
});
const rev = (
  name: string,
  revision: number,
  image: string,
  created = '2026-01-01T00:00:00Z',
): ControllerRevision => ({
  ...newControllerRevision(parent, { app: 'web' }, revisionData(template(image)), revision, 0),
  metadata: {
    ...newControllerRevision(parent, { app: 'web' }, revisionData(template(image)), revision, 0).metadata,
    name,
    creationTimestamp: created,
  },
});

describe('controller history (pkg/controller/history)', () => {
  it("hashes as Go's hash/fnv New32 does", () => {
    // Reference values of FNV-1 32-bit.
    expect(fnv32('')).toBe(0x811c9dc5);
    expect(fnv32('a')).toBe(0x050c5d7e);
    expect(fnv32('foobar')).toBe(0x31f0b262);
  });

  it('encodes with the safe alphabet and names revisions <parent>-<hash>', () => {
    expect(safeEncode('0123456789')).toBe(safeEncode('0123456789'));
    expect(safeEncode('12')).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(revisionName('web', 'abc')).toBe('web-abc');
    expect(revisionName('x'.repeat(300), 'h')).toBe(`${'x'.repeat(223)}-h`);
  });

  it('writes the data as Go marshals a map: sorted keys, <>& escaped', () => {
    expect(goJson({ b: 1, a: { d: [1, 'x<y'], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,"x\\u003cy"]},"b":1}',
    );
    expect(goJson(revisionData(template('nginx')))).toBe(
      '{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx","name":"web"}]}}}}',
    );
  });

  it('takes the collision count into the hash', () => {
    const data = revisionData(template('nginx'));
    expect(hashRevisionData(data, 0)).not.toBe(hashRevisionData(data, 1));
    expect(hashRevisionData(data, 0)).toBe(hashRevisionData(structuredClone(data), 0));
  });

  it('gives back the template a revision holds', () => {
    expect(templateOf(rev('web-1', 1, 'nginx'))).toEqual(template('nginx'));
  });

  it('labels a revision like the template plus its hash, owned by the parent', () => {
    const r = newControllerRevision(parent, { app: 'web' }, revisionData(template('a')), 3, 0);
    expect(r.metadata.labels).toEqual({ app: 'web', 'controller.kubernetes.io/hash': expect.any(String) });
    expect(r.metadata.name).toBe(`web-${r.metadata.labels?.['controller.kubernetes.io/hash']}`);
    expect(r.metadata.annotations).toEqual({ note: 'x' });
    expect(r.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'StatefulSet',
      uid: 'set-uid',
      controller: true,
    });
    expect(r.revision).toBe(3);
  });

  it('sorts by revision, then creation, then name', () => {
    const sorted = sortRevisions([
      rev('c', 2, 'a'),
      rev('b', 1, 'a', '2026-01-02T00:00:00Z'),
      rev('a', 1, 'a', '2026-01-02T00:00:00Z'),
      rev('z', 1, 'a', '2026-01-01T00:00:00Z'),
    ]);
    expect(sorted.map((r) => r.metadata.name)).toEqual(['z', 'a', 'b', 'c']);
  });

  // getStatefulSetRevisions' three cases.
  it.each([
    { name: 'no history: create', history: [] as ControllerRevision[], image: 'a', want: 'create' },
    {
      name: 'newest holds the template: keep',
      history: [rev('r1', 1, 'a'), rev('r2', 2, 'b')],
      image: 'b',
      want: 'keep',
    },
    {
      name: 'an older one holds it: renumber (rollback)',
      history: [rev('r1', 1, 'a'), rev('r2', 2, 'b')],
      image: 'a',
      want: 'renumber',
    },
    { name: 'new template: create', history: [rev('r1', 1, 'a')], image: 'c', want: 'create' },
  ])('update revision: $name', ({ history, image, want }) => {
    const wanted = newControllerRevision(parent, { app: 'web' }, revisionData(template(image)), 3, 0);
    const step = planUpdateRevision(history, wanted);
    expect(step.action).toBe(want);
    if (step.action === 'renumber')
      expect(step).toMatchObject({ to: 3, revision: { metadata: { name: 'r1' } } });
  });

  it('prunes the oldest revisions beyond the limit, never a live one', () => {
    const history = [1, 2, 3, 4, 5].map((n) => rev(`r${n}`, n, `i${n}`));
    expect(revisionsToPrune(history, new Set(['r5', 'r1']), 2).map((r) => r.metadata.name)).toEqual(['r2']);
    expect(revisionsToPrune(history, new Set(['r5']), 0).map((r) => r.metadata.name)).toEqual([
      'r1',
      'r2',
      'r3',
      'r4',
    ]);
    expect(revisionsToPrune(history, new Set(), 10)).toEqual([]);
  });
});
