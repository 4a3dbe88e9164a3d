import {
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { Inbox } from 'lucide-react';
import type { KubeObject } from '@shared/api-types';
import { EmptyState } from '../design/EmptyState';
import { ColumnPicker, useHiddenColumns } from './ColumnPicker';
import { cellClass, ResourceRow, type Column } from './ResourceRow';
import { sortValueOf } from './column-sort-value';
import { nextSort, sortRows, type SortDirection } from './table-sort';
import { rowAfterKey } from './table-keys';
import { rowsPerPage, scrollToReveal } from './row-window';
import { useVirtualRows } from './use-virtual-rows';

export type { Column } from './ResourceRow';

/** From this many rows on, only the rows in view (plus OVERSCAN either side) are in the page. */
export const VIRTUAL_FROM = 150;
/** Pixels; styles.css fixes rows of virtualized tables at this height. */
const ROW_HEIGHT = 36;
const OVERSCAN = 12;
/** PageUp/PageDown in a table that is not virtualized, which scrolls with the page. */
const PAGE_ROWS = 10;

interface Props<T extends KubeObject> {
  label: string;
  items: T[];
  columns: Column<T>[];
  empty: ReactNode;
  /** The column sorted by at first; by default Name. `null`: the order the view gives (events by time). */
  initialSort?: string | null;
  /** What to do next when there are no rows. */
  emptyNext?: ReactNode;
  /** The name of the object last opened from this list (its row is marked, and the keyboard starts there). */
  current?: { name: string; namespace?: string };
}

const keyOf = (item: KubeObject) => item.metadata.uid ?? `${item.metadata.namespace}/${item.metadata.name}`;

/** The row's primary action: the first button or link of its first cell (a name that opens the object). */
function primaryControl(row: HTMLTableRowElement): HTMLElement | null {
  return row.cells[0]?.querySelector<HTMLElement>('button:not(:disabled), a[href]') ?? null;
}

/**
 * The generic table every kind's list uses: one row per object, keyed by uid. Long tables scroll in a box of
 * their own under a sticky header and render only the rows in view, with spacer rows standing in for the rest
 * (aria-rowcount and aria-rowindex tell assistive tech the real size). The rows are one tab stop: arrows,
 * PageUp/PageDown and Home/End move between them, Enter runs the row's primary action.
 */
export function ResourceTable<T extends KubeObject>({
  label,
  items: given,
  columns: allColumns,
  empty,
  initialSort,
  emptyNext,
  current,
}: Props<T>) {
  const [sort, setSort] = useState<{ column: string; direction: SortDirection } | undefined>(() => {
    const column = initialSort === undefined ? 'Name' : initialSort;
    return column && allColumns.some((c) => c.header === column)
      ? { column, direction: 'ascending' }
      : undefined;
  });
  const [hidden, setHidden] = useHiddenColumns(label);
  const columns = useMemo(() => allColumns.filter((c) => !hidden.includes(c.header)), [allColumns, hidden]);
  const items = useMemo(() => {
    const column = sort && allColumns.find((c) => c.header === sort.column);
    const value = column && sortValueOf(column);
    return value ? sortRows(given, value, sort.direction, keyOf) : given;
  }, [given, allColumns, sort]);
  const virtual = items.length >= VIRTUAL_FROM;
  const box = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLTableSectionElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const { shown, scrollTo, measure } = useVirtualRows({
    box,
    header: head,
    rowHeight: ROW_HEIGHT,
    count: items.length,
    overscan: OVERSCAN,
    enabled: virtual,
  });
  const isCurrent = (item: KubeObject) =>
    current !== undefined &&
    item.metadata.name === current.name &&
    (current.namespace === undefined || item.metadata.namespace === current.namespace);
  const [activeKey, setActiveKey] = useState<string | undefined>(() => {
    const found = items.find(isCurrent);
    return found ? keyOf(found) : undefined;
  });
  const lastActive = useRef(0);
  const focusAfterRender = useRef(false);

  const found = activeKey === undefined ? -1 : items.findIndex((item) => keyOf(item) === activeKey);
  // a focused row that went away hands its place to the row now there
  const active = found >= 0 ? found : Math.min(lastActive.current, Math.max(0, items.length - 1));
  const tabbable = active >= shown.start && active < shown.end ? active : shown.start;

  useLayoutEffect(() => {
    lastActive.current = active;
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    // a virtualized table has already scrolled the row into view; the browser would scroll again, differently
    body.current?.querySelector<HTMLElement>(`tr[data-index="${active}"]`)?.focus({ preventScroll: virtual });
  });

  if (items.length === 0)
    return (
      <div className="empty">
        <EmptyState
          icon={Inbox}
          title={typeof empty === 'string' ? empty : `No ${label}`}
          next={
            emptyNext ??
            'Create one with Create from YAML (or kubectl apply), or pick another namespace in the top bar.'
          }
        />
        {typeof empty !== 'string' && empty}
      </div>
    );

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const row = event.target;
    // keys typed into a row's own controls are theirs
    if (!(row instanceof HTMLTableRowElement) || row.parentElement !== body.current) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      primaryControl(row)?.click();
      return;
    }
    const from = Number(row.dataset.index);
    const to = rowAfterKey(event.key, from, items.length, virtual ? rowsPerPage(measure()) : PAGE_ROWS);
    if (to === undefined || event.altKey || event.metaKey) return;
    event.preventDefault(); // the scroll box would scroll by itself too
    if (virtual) scrollTo(scrollToReveal(measure(), to));
    setActiveKey(keyOf(items[to]!));
    // the row may not be in the page yet; at the end of the table it is the focused one already
    focusAfterRender.current = to !== from;
  };
  const onFocus = (event: FocusEvent<HTMLTableSectionElement>) => {
    const row = event.target instanceof Element ? event.target.closest('tr[data-index]') : null;
    const index = row instanceof HTMLElement ? Number(row.dataset.index) : NaN;
    if (items[index]) setActiveKey(keyOf(items[index]));
  };

  const spacer = (rows: number, where: string) =>
    rows > 0 ? (
      <tr className="spacer" aria-hidden="true" data-spacer={where} style={{ height: rows * ROW_HEIGHT }}>
        <td colSpan={columns.length} />
      </tr>
    ) : null;
  return (
    <div className="table-frame">
      <ColumnPicker label={label} columns={allColumns} hidden={hidden} onChange={setHidden} />
      <div ref={box} className={virtual ? 'table-scroll virtual' : 'table-scroll'}>
        <table className="resource-table" aria-label={label} aria-rowcount={items.length + 1}>
          <thead ref={head}>
            <tr aria-rowindex={1}>
              {columns.map((c) => {
                const sortable = sortValueOf(c) !== undefined;
                const direction = sort?.column === c.header ? sort.direction : undefined;
                return (
                  <th
                    key={c.header}
                    scope="col"
                    className={cellClass(c)}
                    style={c.width ? { width: c.width } : undefined}
                    aria-sort={direction}
                  >
                    {sortable ? (
                      <button
                        type="button"
                        className="sort-button"
                        onClick={() => setSort((current) => nextSort(current, c.header))}
                      >
                        {c.header}
                        <span aria-hidden="true" className="sort-mark">
                          {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : ''}
                        </span>
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody ref={body} onKeyDown={onKeyDown} onFocus={onFocus}>
            {spacer(shown.start, 'above')}
            {items.slice(shown.start, shown.end).map((item, i) => (
              <ResourceRow
                key={keyOf(item)}
                item={item}
                columns={columns}
                index={shown.start + i}
                tabbable={shown.start + i === tabbable}
                current={isCurrent(item)}
              />
            ))}
            {spacer(items.length - shown.end, 'below')}
          </tbody>
        </table>
      </div>
    </div>
  );
}
