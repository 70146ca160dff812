// The pinyin initials of a name (绥江县中城镇中学 → sjxzczzx), so that the units table finds a unit by what a
// clerk types on a keyboard without an input method. Words are read in context (重庆 → cq, not zq).
// pinyin-pro takes ~10 µs a name; names are cached across snapshots, since few change between two writes.
import { pinyin } from 'pinyin-pro'

const cache = new Map<string, string>()

export function pinyinInitials(text: string): string {
  let initials = cache.get(text)
  if (initials === undefined) {
    initials = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase()
    cache.set(text, initials)
  }
  return initials
}

/** Whether `query` could be pinyin initials: latin letters only. */
export function isInitialsQuery(query: string): boolean {
  return /^[a-z]{2,}$/i.test(query)
}
