// Which page a path shows. Paths, not hashes, so /screen and /export?… are plain links a screen
// profile or an export job can open; the server answers every non-API path with index.html.

export const PAGES = ['map', 'login', 'export', 'screen', 'plan', 'data'] as const
export type PageId = (typeof PAGES)[number] | 'not-found'

export function pageOf(pathname: string): PageId {
  const first = pathname.replace(/\/+$/, '').split('/')[1] ?? ''
  if (first === '') return 'map'
  return PAGES.find((p) => p === first && p !== 'map') ?? 'not-found'
}
