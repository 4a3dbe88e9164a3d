import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { Viewport } from './row-window';

/**
 * The scroll position and size of a list's own scroll box (and of its sticky header, if any), kept current through a
 * scroll listener and a ResizeObserver while `enabled`; both go when the table does.
 */
export function useScrollViewport(
  box: RefObject<HTMLElement | null>,
  header: RefObject<HTMLElement | null> | undefined,
  rowHeight: number,
  enabled: boolean,
): { viewport: Viewport; scrollTo: (top: number) => void; measure: () => Viewport } {
  const [viewport, setViewport] = useState<Viewport>({ scrollTop: 0, height: 0, headerHeight: 0, rowHeight });
  const measure = useCallback((): Viewport => {
    const el = box.current;
    return {
      scrollTop: el?.scrollTop ?? 0,
      height: el?.clientHeight ?? 0,
      headerHeight: header?.current?.offsetHeight ?? 0,
      rowHeight,
    };
  }, [box, header, rowHeight]);
  const latest = useRef(measure);
  latest.current = measure;
  useEffect(() => {
    const el = box.current;
    if (!enabled || !el) return;
    const update = () => {
      const next = latest.current();
      setViewport((prev) =>
        prev.scrollTop === next.scrollTop &&
        prev.height === next.height &&
        prev.headerHeight === next.headerHeight &&
        prev.rowHeight === next.rowHeight
          ? prev
          : next,
      );
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resized = new ResizeObserver(update);
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resized.disconnect();
    };
  }, [box, enabled]);
  // Applied once the rows for it are in the page: removing the focused row makes Chrome lay the table out in
  // the middle of React's commit, one row short, and a scrollTop set before that was cut back by a row.
  const pending = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    if (pending.current === undefined || !box.current) return;
    box.current.scrollTop = pending.current;
    pending.current = undefined;
  });
  const scrollTo = useCallback(
    (top: number) => {
      pending.current = top;
      // render the rows there now, so the row about to get focus exists
      setViewport({ ...measure(), scrollTop: top });
    },
    [measure],
  );
  return { viewport, scrollTo, measure };
}
