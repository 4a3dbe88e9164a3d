import { memo, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { KubeObject } from '@shared/api-types';

export interface Column<T> {
  header: string;
  cell: (item: T) => ReactNode;
  width?: string;
  /** What the column sorts by; by default the cell itself when it is text or a number (Name and Age know theirs). */
  sortValue?: (item: T) => string | number | undefined;
  /** Low-priority columns step aside at narrow widths (they stay in the column picker). */
  priority?: 'low';
}

interface RowProps<T extends KubeObject> {
  item: T;
  columns: Column<T>[];
  /** the row's place among all rows (not only those rendered) */
  index: number;
  /** the one row the Tab key reaches (roving tabindex) */
  tabbable: boolean;
  /** the object last opened from this list: marked when the user comes back */
  current?: boolean;
}

const CONTROLS = 'a[href], button, input, select, textarea, [tabindex]';

function ResourceRowView<T extends KubeObject>({ item, columns, index, tabbable, current }: RowProps<T>) {
  const row = useRef<HTMLTableRowElement>(null);
  // The table is one tab stop: controls in other rows leave the tab order, the tabbable row's own stay in it
  // (Tab from the row reaches its buttons). No deps: cells may have added controls on any render.
  useLayoutEffect(() => {
    for (const control of row.current?.querySelectorAll<HTMLElement>(CONTROLS) ?? [])
      control.tabIndex = tabbable ? 0 : -1;
  });
  return (
    <tr
      ref={row}
      data-name={item.metadata.name}
      data-index={index}
      aria-rowindex={index + 2}
      tabIndex={tabbable ? 0 : -1}
      aria-current={current ? 'true' : undefined}
    >
      {columns.map((c) => (
        <td key={c.header} className={cellClass(c)}>
          {c.cell(item)}
        </td>
      ))}
    </tr>
  );
}

export function cellClass(column: { header: string; priority?: 'low' }): string | undefined {
  if (column.header === 'Actions') return 'col-actions';
  return column.priority === 'low' ? 'col-low' : undefined;
}

/** Same object at the same version: a watch event for another object leaves this row alone. */
function sameVersion(a: KubeObject, b: KubeObject): boolean {
  if (a === b) return true;
  const rv = a.metadata.resourceVersion;
  return rv !== undefined && rv === b.metadata.resourceVersion && a.metadata.uid === b.metadata.uid;
}

/**
 * One table row, rendered again only when its object's resourceVersion, its place, its tab stop or the
 * columns change. A view whose cells read anything besides the object passes new columns when that changes
 * (columns made afresh on each render always re-render).
 */
export const ResourceRow = memo(
  ResourceRowView,
  (prev, next) =>
    prev.columns === next.columns &&
    prev.index === next.index &&
    prev.tabbable === next.tabbable &&
    prev.current === next.current &&
    sameVersion(prev.item, next.item),
) as typeof ResourceRowView;
