// Who sees what, decided once. Units of sensitive categories (宗教活动场所 by default, ATLAS_SENSITIVE_CATEGORIES)
// are counted for everyone, but their names, exact places, addresses, notes and the people around them are for
// signed-in users only. Every answer that carries units asks its audience, never the user or the categories
// itself: units, columns, unit detail, coverage lists, corridors, plans, scenarios, gaps, exports.

/** The categories withheld from callers not signed in unless configured otherwise. */
export const DEFAULT_SENSITIVE_CATEGORIES: readonly string[] = ['宗教活动场所']

/** anonymous: nobody signed in; screen-token: an unattended display; the rest: a signed-in user's role. */
export type AudienceKind = 'anonymous' | 'screen-token' | 'signed-in'

export interface Audience {
  kind: AudienceKind
  /** Categories whose units this audience gets redacted: every sensitive category, or none when signed in. */
  withheld: ReadonlySet<string>
  /** Names answer caches: callers of one key get the very same bytes. */
  cacheKey: 'full' | 'public'
}

const NOTHING: ReadonlySet<string> = new Set()

export function audienceOf(kind: AudienceKind, sensitiveCategories: readonly string[] = DEFAULT_SENSITIVE_CATEGORIES): Audience {
  if (kind === 'signed-in') return { kind, withheld: NOTHING, cacheKey: 'full' }
  return { kind, withheld: new Set(sensitiveCategories), cacheKey: 'public' }
}

/** Whether this audience gets units of `category` without name, place, address and notes. */
export function withholds(audience: Audience, category: string): boolean {
  return audience.withheld.has(category)
}

/** Whether renaming the category `from` to `to` would show this audience units it has withheld: a sensitive word renamed to one that is not. */
export function renameReveals(audience: Audience, from: string, to: string): boolean {
  return withholds(audience, from) && !withholds(audience, to)
}

/** Contact people and phone numbers, and who did what in a unit's history: signed-in users only, any category. */
export function seesPeople(audience: Audience): boolean {
  return audience.kind === 'signed-in'
}

/** The generic name a withheld unit is shown with, e.g. "宗教活动场所（不公开）". */
export function redactedName(category: string): string {
  return `${category}（不公开）`
}

/** Where a withheld unit may be said to be: a 12-digit village code cut to its 9-digit township. */
export function townshipOrAbove(code: string | null): string | null {
  return code !== null && code.length > 9 ? code.slice(0, 9) : code
}
