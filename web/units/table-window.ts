// Which rows of a long table to draw and which pages of them to fetch, from the scroll position: the table
// draws only what is on screen (plus a margin), so 100 000 rows scroll as smoothly as 100.

export interface RowWindow {
  first: number // index of the first row drawn
  last: number // index after the last row drawn
}

/** The rows inside the viewport, widened by `overscan` rows each way, clamped to [0, total). */
export function rowWindow(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan = 10): RowWindow {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const last = Math.min(total, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan)
  return { first, last: Math.max(first, last) }
}

/** The page indices (of `pageSize` rows) that hold the rows of `window`. */
export function pagesOf(window: RowWindow, pageSize: number): number[] {
  if (window.last <= window.first) return []
  const pages: number[] = []
  for (let page = Math.floor(window.first / pageSize); page * pageSize < window.last; page++) pages.push(page)
  return pages
}

/** `pages` cut to the `max` nearest to page `around`, so that scrolling through 100 000 rows keeps a bounded few in memory. */
export function nearestPages<T>(pages: ReadonlyMap<number, T>, around: number, max: number): Map<number, T> {
  const kept = [...pages.keys()].sort((a, b) => Math.abs(a - around) - Math.abs(b - around) || a - b).slice(0, max)
  return new Map(kept.sort((a, b) => a - b).map((page) => [page, pages.get(page) as T]))
}
