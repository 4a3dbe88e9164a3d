// Sorting a table by one column: numbers as numbers, "pod-10" after "pod-9", empty values last, and ties broken by
// a key that never changes, so rows only move when what they are sorted by does.

export type SortValue = string | number | undefined;
export type SortDirection = 'ascending' | 'descending';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function compareSortValues(a: SortValue, b: SortValue): number {
  const aEmpty = a === undefined || a === '';
  const bEmpty = b === undefined || b === '';
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

export function sortRows<T>(
  items: T[],
  value: (item: T) => SortValue,
  direction: SortDirection,
  tiebreak: (item: T) => string,
): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return items
    .map((item) => ({ item, v: value(item), t: tiebreak(item) }))
    .sort((x, y) => {
      const byValue = compareSortValues(x.v, y.v);
      // empty values stay last whichever way
      if (byValue !== 0)
        return x.v === undefined || x.v === '' || y.v === undefined || y.v === '' ? byValue : sign * byValue;
      return collator.compare(x.t, y.t);
    })
    .map((r) => r.item);
}

/** The next direction when a header is clicked: a new column starts ascending, the same one flips. */
export function nextSort(
  current: { column: string; direction: SortDirection } | undefined,
  column: string,
): { column: string; direction: SortDirection } {
  if (current?.column !== column) return { column, direction: 'ascending' };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
