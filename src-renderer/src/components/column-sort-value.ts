import { isValidElement } from 'react';
import type { KubeObject } from '@shared/api-types';
import type { Column } from './ResourceRow';
import type { SortValue } from './table-sort';

/** What a column sorts by: its own sortValue, Name/Namespace/Age by metadata, else plain text or number cells. */
export function sortValueOf<T extends KubeObject>(column: Column<T>): ((item: T) => SortValue) | undefined {
  if (column.sortValue) return column.sortValue;
  switch (column.header) {
    case 'Name':
      return (item) => item.metadata.name;
    case 'Namespace':
      return (item) => item.metadata.namespace;
    case 'Age':
      // youngest first when ascending, as the Age numbers grow
      return (item) => {
        const t = Date.parse(item.metadata.creationTimestamp ?? '');
        return Number.isNaN(t) ? undefined : -t;
      };
    case 'Actions':
    case '':
      return undefined;
  }
  return (item) => {
    const cell = column.cell(item);
    if (typeof cell === 'number') return cell;
    if (typeof cell === 'string') return /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
    if (isValidElement(cell)) return undefined;
    return undefined;
  };
}
