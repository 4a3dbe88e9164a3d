import type { RefObject } from 'react';
import { rowWindow, type RowWindow, type Viewport } from './row-window';
import { useScrollViewport } from './use-scroll-viewport';

export interface VirtualRows {
  /** The rows to put in the page: those in view plus `overscan` either side; every row when not enabled. */
  shown: RowWindow;
  viewport: Viewport;
  /** Scrolls the box, rendering the rows there first. */
  scrollTo: (top: number) => void;
  /** The box's size and scroll position read now. */
  measure: () => Viewport;
}

/**
 * The one virtualizer of the UI, shared by tables and logs: rows of a fixed height in a scroll box of their own
 * (under an optional sticky header), of which only those in view are rendered.
 */
export function useVirtualRows({
  box,
  header,
  rowHeight,
  count,
  overscan,
  enabled,
}: {
  box: RefObject<HTMLElement | null>;
  header?: RefObject<HTMLElement | null>;
  rowHeight: number;
  count: number;
  overscan: number;
  enabled: boolean;
}): VirtualRows {
  const { viewport, scrollTo, measure } = useScrollViewport(box, header, rowHeight, enabled);
  const shown = enabled ? rowWindow(viewport, count, overscan) : { start: 0, end: count };
  return { shown, viewport, scrollTo, measure };
}
