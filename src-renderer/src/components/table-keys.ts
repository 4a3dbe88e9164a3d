// Which row a key moves the focus to in a table whose rows are one tab stop (roving tabindex).

const MOVES: Record<string, (current: number, last: number, page: number) => number> = {
  ArrowDown: (current) => current + 1,
  ArrowUp: (current) => current - 1,
  PageDown: (current, _last, page) => current + page,
  PageUp: (current, _last, page) => current - page,
  Home: () => 0,
  End: (_current, last) => last,
};

/**
 * The row index `key` moves to from `current` among `count` rows (`pageSize` rows per PageUp/PageDown),
 * clamped to the table; undefined when the key does not move between rows or there are none.
 */
export function rowAfterKey(
  key: string,
  current: number,
  count: number,
  pageSize: number,
): number | undefined {
  const move = MOVES[key];
  if (!move || count === 0) return undefined;
  const last = count - 1;
  const from = Math.min(Math.max(current, 0), last);
  return Math.min(Math.max(move(from, last, Math.max(1, pageSize)), 0), last);
}
