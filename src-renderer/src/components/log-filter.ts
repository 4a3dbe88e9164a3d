import type { LogLine } from './log-buffer';

/** What the log viewer draws from: the whole buffer, or the lines a filter lets through. */
export interface LogView {
  readonly length: number;
  slice(start: number, end: number): LogLine[];
  search(needle: string): number[];
}

/** The lines of one pod (by name; '' for all) and, with a needle, only those containing it (ignoring case). */
export function filteredView(all: LogView, filter: { pod: string; needle: string }): LogView {
  const lower = filter.needle.toLowerCase();
  const lines = all
    .slice(0, all.length)
    .filter(
      (l) =>
        !l.marker &&
        (filter.pod === '' || l.source === filter.pod) &&
        (lower === '' || l.text.toLowerCase().includes(lower)),
    );
  return {
    length: lines.length,
    slice: (start, end) => lines.slice(start, end),
    search(needle) {
      if (!needle) return [];
      const n = needle.toLowerCase();
      return lines.flatMap((l, i) => (l.text.toLowerCase().includes(n) ? [i] : []));
    },
  };
}
