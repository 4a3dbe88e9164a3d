import { describe, expect, it } from 'vitest';
import { FieldSet, fromFieldsV1, keyElement, pathString, toFieldsV1 } from './field-path';

describe('FieldsV1', () => {
  const set = new FieldSet([
    ['f:spec', 'f:replicas'],
    ['f:spec', 'f:containers', 'k:{"name":"web"}'],
    ['f:spec', 'f:containers', 'k:{"name":"web"}', 'f:image'],
    ['f:metadata', 'f:finalizers', 'v:"x"'],
  ]);

  it('writes members with children under "." and leaves as {}', () => {
    expect(toFieldsV1(set)).toEqual({
      'f:metadata': { 'f:finalizers': { 'v:"x"': {} } },
      'f:spec': {
        'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {} } },
        'f:replicas': {},
      },
    });
  });

  it('reads back what it writes', () => {
    expect(fromFieldsV1(toFieldsV1(set)).equals(set)).toBe(true);
  });

  it.each([
    [{ 'f:a': 1 }, 'fieldsV1.f:a: must be an object of field path elements'],
    [{ spec: {} }, 'fieldsV1: "spec" is not a field path element (f:, k:, v: or i:)'],
  ])('refuses a malformed tree %j', (tree, message) => {
    expect(() => fromFieldsV1(tree)).toThrow(message);
  });
});

describe('paths as Kubernetes prints them', () => {
  it.each([
    [['f:spec', 'f:replicas'], '.spec.replicas'],
    [['f:spec', 'f:containers', 'k:{"name":"web"}', 'f:image'], '.spec.containers[name="web"].image'],
    [
      ['f:ports', keyElement({ protocol: 'TCP', containerPort: 80 })],
      '.ports[containerPort=80,protocol="TCP"]',
    ],
    [['f:metadata', 'f:finalizers', 'v:"x"'], '.metadata.finalizers[="x"]'],
  ])('%j → %s', (path, printed) => {
    expect(pathString(path)).toBe(printed);
  });
});

describe('FieldSet', () => {
  const a = new FieldSet([['f:a'], ['f:b']]);
  const b = new FieldSet([['f:b'], ['f:c']]);
  it.each([
    ['union', a.union(b), ['.a', '.b', '.c']],
    ['difference', a.difference(b), ['.a']],
    ['intersection', a.intersection(b), ['.b']],
  ])('%s', (_name, result, printed) => {
    expect(result.sorted().map(pathString)).toEqual(printed);
  });
});
