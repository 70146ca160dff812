// Who sees what, decided once. Units of sensitive categories (宗教活动场所 by default, ATLAS_SENSITIVE_CATEGORIES)
// are counted for everyone, but their names, exact places, addresses, notes and the people around them are for
// signed-in users only. Every answer that carries units asks its audience, never the user or the categories
// itself: units, columns, unit detail, coverage lists, corridors, plans, scenarios, gaps, exports.
// A unit's contact (a person and a phone number, 个人信息) goes to signed-in users only, and its phone numbers
// whole only to those who may edit the unit (admins, editors and approvers whose area holds it): everyone
// else signed in sees them masked, 138****5678 (contactFor).
import { writesData, type Role } from './roles'

/** The categories withheld from callers not signed in unless configured otherwise. */
export const DEFAULT_SENSITIVE_CATEGORIES: readonly string[] = ['宗教活动场所']

/** anonymous: nobody signed in; screen-token: an unattended display; the rest: a signed-in user's role. */
export type AudienceKind = 'anonymous' | 'screen-token' | 'signed-in'

export interface Audience {
  kind: AudienceKind
  /** Categories whose units this audience gets redacted: every sensitive category, or none when signed in. */
  withheld: ReadonlySet<string>
  /** Names answer caches: callers of one key get the very same bytes. No cached answer carries contacts. */
  cacheKey: 'full' | 'public'
  /** Whose phone numbers this audience sees whole: every unit's, those within an area subtree, or none. */
  wholeContacts: 'all' | { within: string } | 'none'
}

/** The signed-in reader as far as contacts are concerned. */
export interface ContactReader {
  role: Role
  areaScope: string | null
}

const NOTHING: ReadonlySet<string> = new Set()

/** `reader`: the signed-in user (without one a signed-in audience sees every phone number masked). */
export function audienceOf(kind: AudienceKind, sensitiveCategories: readonly string[] = DEFAULT_SENSITIVE_CATEGORIES, reader: ContactReader | null = null): Audience {
  if (kind === 'signed-in') return { kind, withheld: NOTHING, cacheKey: 'full', wholeContacts: wholeContactsOf(reader) }
  return { kind, withheld: new Set(sensitiveCategories), cacheKey: 'public', wholeContacts: 'none' }
}

function wholeContactsOf(reader: ContactReader | null): Audience['wholeContacts'] {
  if (reader === null || !writesData(reader.role)) return 'none'
  if (reader.role === 'admin' || reader.areaScope === null) return 'all'
  return { within: reader.areaScope }
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

/**
 * A unit's contact field as `audience` may see it: nothing for callers who do not see people, the field whole
 * for those who may edit the unit, and otherwise with its phone numbers masked (maskPhones). `unitWithin`
 * says whether the unit lies wholly within an area subtree (its ledger and located areas, as write scope is
 * checked). Every answer and export that carries a contact asks this, and nothing else.
 */
export function contactFor(audience: Audience, contact: string, unitWithin: (scope: string) => boolean): string {
  if (!seesPeople(audience)) return ''
  const whole = audience.wholeContacts
  if (whole === 'all' || (whole !== 'none' && unitWithin(whole.within))) return contact
  return maskPhones(contact)
}

// Mobile (+86 optional): 3 + 4 + 4 digits. Landline: an area code (0 and 2–3 digits, in brackets or not) and a
// 7–8 digit number. Any other run of 7 or more digits (a local number, a hotline, a mistyped mobile). Separators: one space or dash between groups. Dates
// (2024-05-01) and years match none of these.
const PHONE = /(?<![\d])(?:(\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})|(\(?0\d{2,3}\)?[\s-]?)(\d{3,4})(\d{4})|(\d{3,})(\d{4}))(?![\d])/g

/**
 * Phone numbers with all but their last four digits starred: 13812345678 → 138****5678 (the first three
 * name the carrier, not the person), 0870-1234567 → 0870-***4567 (the area code says the place), 12345678 →
 * ****5678, any other run of 7 or more digits likewise. Names and other text are left as they are.
 */
export function maskPhones(text: string): string {
  return text.replace(PHONE, (match, country, prefix, _middle, last, areaCode, localHead, localTail, bareHead, bareTail) => {
    if (prefix !== undefined) return `${country ?? ''}${prefix}****${last}`
    if (areaCode !== undefined) return `${areaCode}${'*'.repeat(localHead.length)}${localTail}`
    if (bareHead !== undefined) return `${'*'.repeat(bareHead.length)}${bareTail}`
    return match
  })
}

/** The generic name a withheld unit is shown with, e.g. "宗教活动场所（不公开）". */
export function redactedName(category: string): string {
  return `${category}（不公开）`
}

/** Where a withheld unit may be said to be: a 12-digit village code cut to its 9-digit township. */
export function townshipOrAbove(code: string | null): string | null {
  return code !== null && code.length > 9 ? code.slice(0, 9) : code
}
