import { describe, expect, it } from 'vitest';
import { rowAfterKey } from './table-keys';

describe('rowAfterKey', () => {
  const cases: Array<[key: string, current: number, expected: number | undefined]> = [
    ['ArrowDown', 0, 1],
    ['ArrowDown', 99, 99],
    ['ArrowUp', 5, 4],
    ['ArrowUp', 0, 0],
    ['PageDown', 0, 10],
    ['PageDown', 95, 99],
    ['PageUp', 25, 15],
    ['PageUp', 3, 0],
    ['Home', 57, 0],
    ['End', 3, 99],
    ['Enter', 3, undefined],
    ['a', 3, undefined],
  ];
  it.each(cases)('%s from row %i among 100 → %s', (key, current, expected) => {
    expect(rowAfterKey(key, current, 100, 10)).toBe(expected);
  });

  it('starts from the nearest real row when the remembered one is gone', () => {
    // the focused row was the last of 100 and the table shrank to 40
    expect(rowAfterKey('ArrowUp', 99, 40, 10)).toBe(38);
    expect(rowAfterKey('ArrowDown', -1, 40, 10)).toBe(1);
  });

  it('moves nowhere in an empty table and at least one row per page', () => {
    expect(rowAfterKey('ArrowDown', 0, 0, 10)).toBeUndefined();
    expect(rowAfterKey('PageDown', 0, 100, 0)).toBe(1);
  });
});
