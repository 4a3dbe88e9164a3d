// Which rows of a long list (a table, a log) to put in the page, and where to scroll so a row shows. All in
// pixels of the list's own scroll box, whose content is a header (sticky, `headerHeight` tall; 0 for none) and
// then the rows, each exactly `rowHeight` tall.

export interface RowWindow {
  /** index of the first row rendered */
  start: number;
  /** index one past the last row rendered */
  end: number;
}

export interface Viewport {
  scrollTop: number;
  /** the scroll box's visible height, the sticky header included */
  height: number;
  headerHeight: number;
  rowHeight: number;
}

/** The rows in view plus `overscan` rows either side, clamped to the table. */
export function rowWindow(view: Viewport, count: number, overscan: number): RowWindow {
  const top = Math.max(0, view.scrollTop - view.headerHeight);
  const bottom = Math.max(0, view.scrollTop + view.height - view.headerHeight);
  const first = Math.floor(top / view.rowHeight);
  const last = Math.ceil(bottom / view.rowHeight);
  const start = Math.min(count, Math.max(0, first - overscan));
  const end = Math.min(count, Math.max(start, last + overscan));
  return { start, end };
}

/** How many whole rows fit under the header: what PageUp and PageDown move by. At least one. */
export function rowsPerPage(view: Viewport): number {
  return Math.max(1, Math.floor((view.height - view.headerHeight) / view.rowHeight));
}

/**
 * The scrollTop that shows row `index` whole below the sticky header, moving as little as possible: unchanged
 * when it already shows, else the row lands at the top edge (scrolling up) or the bottom edge (scrolling down).
 */
export function scrollToReveal(view: Viewport, index: number): number {
  const rowTop = view.headerHeight + index * view.rowHeight;
  const rowBottom = rowTop + view.rowHeight;
  if (rowTop < view.scrollTop + view.headerHeight) return rowTop - view.headerHeight;
  if (rowBottom > view.scrollTop + view.height) return Math.max(0, rowBottom - view.height);
  return view.scrollTop;
}
