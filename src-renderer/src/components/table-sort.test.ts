import { describe, expect, it } from 'vitest';
import { compareSortValues, nextSort, sortRows } from './table-sort';

describe('compareSortValues', () => {
  it('orders numbers as numbers, names naturally, and empties last', () => {
    const values = ['pod-10', 'pod-9', '', 'Pod-1', undefined, 'alpha'];
    expect([...values].sort(compareSortValues)).toEqual(['alpha', 'Pod-1', 'pod-9', 'pod-10', '', undefined]);
    expect([10, 9, 100].sort(compareSortValues)).toEqual([9, 10, 100]);
  });
});

describe('sortRows', () => {
  const rows = [
    { name: 'web-2', restarts: 1 },
    { name: 'web-10', restarts: 0 },
    { name: 'api', restarts: 1 },
    { name: 'db', restarts: undefined },
  ];
  it('sorts by the value either way, ties by the tiebreak, empty values last both ways', () => {
    const by = (d: 'ascending' | 'descending') =>
      sortRows(
        rows,
        (r) => r.restarts,
        d,
        (r) => r.name,
      ).map((r) => r.name);
    expect(by('ascending')).toEqual(['web-10', 'api', 'web-2', 'db']);
    expect(by('descending')).toEqual(['api', 'web-2', 'web-10', 'db']);
  });
  it('gives the same order whatever order the rows come in (stable under watch updates)', () => {
    const once = sortRows(
      rows,
      (r) => r.restarts,
      'ascending',
      (r) => r.name,
    );
    const again = sortRows(
      [...rows].reverse(),
      (r) => r.restarts,
      'ascending',
      (r) => r.name,
    );
    expect(again).toEqual(once);
  });
});

describe('nextSort', () => {
  it('starts a new column ascending and flips the same one', () => {
    expect(nextSort(undefined, 'Name')).toEqual({ column: 'Name', direction: 'ascending' });
    expect(nextSort({ column: 'Name', direction: 'ascending' }, 'Name')).toEqual({
      column: 'Name',
      direction: 'descending',
    });
    expect(nextSort({ column: 'Name', direction: 'descending' }, 'Age').direction).toBe('ascending');
  });
});
