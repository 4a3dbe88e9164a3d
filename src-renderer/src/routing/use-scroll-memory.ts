import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

const MAX_FRAMES = 30; // ~0.5 s for a list to render what it had before

/**
 * Keeps each place's scroll position of the content box: leaving a list and coming back (Back, or its link)
 * shows it where it was. Positions live for the page's life, by pathname.
 */
export function useScrollMemory(box: RefObject<HTMLElement | null>, path: string): void {
  const positions = useRef(new Map<string, number>());
  const current = useRef(path);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const save = () => positions.current.set(current.current, el.scrollTop);
    el.addEventListener('scroll', save, { passive: true });
    return () => el.removeEventListener('scroll', save);
  }, [box]);
  useLayoutEffect(() => {
    current.current = path;
    const el = box.current;
    if (!el) return;
    const wanted = positions.current.get(path) ?? 0;
    el.scrollTop = wanted;
    if (el.scrollTop === wanted) return;
    // the list is still arriving: try again for a few frames until it is tall enough
    let frames = 0;
    let handle = requestAnimationFrame(function retry() {
      el.scrollTop = wanted;
      if (el.scrollTop !== wanted && ++frames < MAX_FRAMES) handle = requestAnimationFrame(retry);
    });
    return () => cancelAnimationFrame(handle);
  }, [box, path]);
}
