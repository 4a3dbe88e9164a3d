// What the command palette offers and how a query picks among them. Pure.

export interface PaletteItem {
  /** What the list shows, e.g. "Deployment web (shop)" or "Go to Services". */
  label: string;
  path: string; // the area to open
  namespace?: string; // set the namespace picker to this
  name?: string; // the object to open there
}

/** Items whose label holds every word of the query (any order, ignoring case); shorter labels first. */
export function matchItems(items: PaletteItem[], query: string, limit = 12): PaletteItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return items
    .filter((item) => words.every((w) => item.label.toLowerCase().includes(w)))
    .sort((a, b) => a.label.length - b.label.length)
    .slice(0, limit);
}
