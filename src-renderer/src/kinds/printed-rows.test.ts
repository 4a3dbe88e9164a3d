import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@shared/api-types';
import { cellText, MAX_SINGLE_READS, planTableRefresh, printedRows, rowKey } from './printed-rows';

const obj = (name: string, resourceVersion: string, namespace = 'a'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { namespace, name, resourceVersion },
});

describe('printedRows', () => {
  it('keys each row by its object, with its resourceVersion', () => {
    const rows = printedRows({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: {},
      columnDefinitions: [],
      rows: [
        { cells: ['x', 1], object: { metadata: { namespace: 'a', name: 'x', resourceVersion: '5' } } },
        { cells: ['no metadata'] },
      ],
    });
    expect([...rows.entries()]).toEqual([['a/x', { resourceVersion: '5', cells: ['x', 1] }]]);
  });
});

describe('planTableRefresh', () => {
  const printed = new Map([
    [rowKey({ namespace: 'a', name: 'x' }), { resourceVersion: '5', cells: [] }],
    [rowKey({ namespace: 'a', name: 'y' }), { resourceVersion: '6', cells: [] }],
  ]);

  it('nothing when every row is at its object’s version', () => {
    expect(planTableRefresh([obj('x', '5'), obj('y', '6')], printed, new Map())).toEqual({ type: 'none' });
  });

  it('a changed or new object is read by itself', () => {
    const changed = obj('x', '9');
    const added = obj('z', '10');
    expect(planTableRefresh([changed, obj('y', '6'), added], printed, new Map())).toEqual({
      type: 'objects',
      objects: [changed, added],
    });
  });

  it('a burst reads the whole table once', () => {
    const many = Array.from({ length: MAX_SINGLE_READS + 1 }, (_, i) => obj(`n${i}`, '20'));
    expect(planTableRefresh(many, printed, new Map())).toEqual({ type: 'all' });
  });

  it('a read that failed at this version is not repeated until the object changes', () => {
    const failed = new Map([['a/x', '9']]);
    expect(planTableRefresh([obj('x', '9'), obj('y', '6')], printed, failed)).toEqual({ type: 'none' });
    expect(planTableRefresh([obj('x', '11'), obj('y', '6')], printed, failed).type).toBe('objects');
  });

  it('the same name in another namespace is another row', () => {
    expect(planTableRefresh([obj('x', '5', 'b')], printed, new Map()).type).toBe('objects');
  });
});

describe('cellText', () => {
  it('prints as kubectl does', () => {
    expect(cellText(undefined)).toBe('<none>');
    expect(cellText('')).toBe('<none>');
    expect(cellText(['a', 'b'])).toBe('a,b');
    expect(cellText(3)).toBe('3');
    expect(cellText(false)).toBe('false');
  });
});
