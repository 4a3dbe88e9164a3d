import type { KubeObject, ObjectMeta } from '@shared/api-types';
import type { ServerTable } from '../api/server-table';

// The server's printed rows (its Table output) kept beside the watched objects: which rows are behind their
// object and how to catch up. Pure.

export interface PrintedRow {
  resourceVersion?: string;
  cells: unknown[];
}

export const rowKey = (meta: Pick<ObjectMeta, 'namespace' | 'name'> | undefined): string =>
  `${meta?.namespace ?? ''}/${meta?.name ?? ''}`;

/** A Table's rows by object (rows carry their object's metadata: the server's default `includeObject`). */
export function printedRows(table: ServerTable): Map<string, PrintedRow> {
  const rows = new Map<string, PrintedRow>();
  for (const row of table.rows) {
    const meta = row.object?.metadata;
    if (meta?.name) rows.set(rowKey(meta), { resourceVersion: meta.resourceVersion, cells: row.cells });
  }
  return rows;
}

export type TableRefresh = { type: 'none' } | { type: 'objects'; objects: KubeObject[] } | { type: 'all' };

/** Up to this many rows behind are read one by one; more at once (a burst) read the whole table once. */
export const MAX_SINGLE_READS = 8;

/**
 * Which printed rows to read again: those behind their object's resourceVersion, except ones whose read failed
 * at that very version (read again once the object changes, not in a loop).
 */
export function planTableRefresh(
  objects: KubeObject[],
  printed: Map<string, PrintedRow>,
  failed: Map<string, string | undefined>,
): TableRefresh {
  const behind = objects.filter((o) => {
    const key = rowKey(o.metadata);
    const rv = o.metadata.resourceVersion;
    return printed.get(key)?.resourceVersion !== rv && !(failed.has(key) && failed.get(key) === rv);
  });
  if (behind.length === 0) return { type: 'none' };
  return behind.length > MAX_SINGLE_READS ? { type: 'all' } : { type: 'objects', objects: behind };
}

/** A cell as text, as kubectl prints it: lists joined by commas, nothing as `<none>`. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '<none>';
  if (Array.isArray(value)) return value.length ? value.map(cellText).join(',') : '<none>';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string | number | boolean);
}
