import type { ReactNode } from 'react';
import type { KubeObject } from '@shared/api-types';

export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
  width?: string;
}

interface Props<T extends KubeObject> {
  label: string;
  items: T[];
  columns: Column<T>[];
  empty: ReactNode;
}

/** The generic table every kind's list uses: one row per object, keyed by uid. */
export function ResourceTable<T extends KubeObject>({ label, items, columns, empty }: Props<T>) {
  if (items.length === 0) return <p className="empty">{empty}</p>;
  return (
    <table className="resource-table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header} scope="col" style={c.width ? { width: c.width } : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr
            key={item.metadata.uid ?? `${item.metadata.namespace}/${item.metadata.name}`}
            data-name={item.metadata.name}
          >
            {columns.map((c) => (
              <td key={c.header}>{c.cell(item)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
