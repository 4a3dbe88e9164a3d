import { describe, expect, it } from 'vitest';
import { FieldSet } from './field-path';
import type { Json } from './field-set';
import { mergeApplied, removeFields } from './merge-applied';

describe('mergeApplied', () => {
  it.each<[string, Json, Json, Json]>([
    ['config wins on leaves', { a: 1, b: 2 }, { a: 3 }, { a: 3, b: 2 }],
    ['null clears', { a: 1, b: 2 }, { a: null }, { b: 2 }],
    [
      'atomic maps are replaced',
      { selector: { matchLabels: { a: '1', b: '2' } } },
      { selector: { matchLabels: { a: '1' } } },
      { selector: { matchLabels: { a: '1' } } },
    ],
    ['atomic lists are replaced', { args: ['a', 'b'] }, { args: ['c'] }, { args: ['c'] }],
    ['sets are unioned', { finalizers: ['a'] }, { finalizers: ['b', 'a'] }, { finalizers: ['a', 'b'] }],
    [
      'keyed lists merge by key, new items last',
      {
        env: [
          { name: 'A', value: '1' },
          { name: 'B', value: '2' },
        ],
      },
      {
        env: [
          { name: 'C', value: '3' },
          { name: 'A', value: '9' },
        ],
      },
      {
        env: [
          { name: 'A', value: '9' },
          { name: 'B', value: '2' },
          { name: 'C', value: '3' },
        ],
      },
    ],
    [
      'volume mounts merge by mountPath',
      { volumeMounts: [{ mountPath: '/a', name: 'x' }] },
      { volumeMounts: [{ mountPath: '/a', readOnly: true }] },
      { volumeMounts: [{ mountPath: '/a', name: 'x', readOnly: true }] },
    ],
  ])('%s', (_name, live, config, merged) => {
    expect(mergeApplied(live, config)).toEqual(merged);
  });
});

describe('removeFields', () => {
  it.each<[string, Json, string[][], Json]>([
    [
      'a leaf, and the map it leaves empty',
      { spec: { labels: { a: '1' } } },
      [['f:spec', 'f:labels', 'f:a']],
      { spec: {} },
    ],
    [
      'a keyed item',
      { env: [{ name: 'A' }, { name: 'B' }] },
      [['f:env', 'k:{"name":"B"}']],
      { env: [{ name: 'A' }] },
    ],
    ['a set member', { finalizers: ['a', 'b'] }, [['f:finalizers', 'v:"a"']], { finalizers: ['b'] }],
    ['a path that is not there', { a: 1 }, [['f:b', 'f:c']], { a: 1 }],
  ])('%s', (_name, object, paths, expected) => {
    expect(removeFields(object, new FieldSet(paths))).toEqual(expected);
  });
});
