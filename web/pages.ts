// Which page a path shows. Paths, not hashes, so /screen and /export?… are plain links a screen
// profile or an export job can open; the server answers every non-API path with index.html.
// Each page is a folder of web/: dashboard (/), login, export, screen, plan, data-import (/data), units, targets, schemes, audit, account, users, brief, inspect (督导 on a phone). What they
// share lives beside them: map, layers, charts, api, data, panels.

export const PAGES = ['dashboard', 'login', 'export', 'screen', 'plan', 'data', 'units', 'targets', 'schemes', 'audit', 'account', 'users', 'brief', 'inspect'] as const
export type PageId = (typeof PAGES)[number] | 'not-found'

export function pageOf(pathname: string): PageId {
  const first = pathname.replace(/\/+$/, '').split('/')[1] ?? ''
  if (first === '') return 'dashboard' // the dashboard is at /, and only there
  return PAGES.find((p) => p === first && p !== 'dashboard') ?? 'not-found'
}
