/** Where to go after signing in: a path on this site from ?next=, else the map (never another site). */
export function nextPathOf(search: string): string {
  const next = new URLSearchParams(search).get('next')
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/'
}
