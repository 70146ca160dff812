// The area hierarchy, once: GB/T 2260 codes read from their digits, the level order, and "does this area lie
// in that one". The store's parent links win where it knows an area (a boundary import may hang an area
// elsewhere than its digits say); the digits answer for codes it does not know yet (a URL before loading).
import { AREA_LEVELS, type AreaLevel } from './domain'

/** Below `level` (negative), the same (0) or above it (positive): `compareLevels('county', 'township') < 0`. */
export function compareLevels(a: AreaLevel, b: AreaLevel): number {
  return AREA_LEVELS.indexOf(a) - AREA_LEVELS.indexOf(b)
}

/** The level one step down: the areas a drill-down shows inside an area of `level`. */
export function childLevelOf(level: AreaLevel): AreaLevel | null {
  return AREA_LEVELS[AREA_LEVELS.indexOf(level) + 1] ?? null
}

export class AreaCodeError extends RangeError {}

/**
 * The country as one area (中华人民共和国), the root a national store hangs its provinces from, so that
 * coverage, the drill-down and scopes treat 国家 → 省 like any other step. A prefecture's store has none.
 */
export const COUNTRY_CODE = '000000'

/** True for a code of 6, 9 or 12 digits. */
export function isAreaCode(code: string): boolean {
  return /^(\d{6}|\d{9}|\d{12})$/.test(code)
}

/**
 * 530000 province, 530600 prefecture, 530626 county, 530626101 township, 530626101001 village. County-level
 * codes under a 直辖 placeholder (429004 仙桃市 under 4290 省直辖县级行政区划) are counties too.
 */
export function levelOfCode(code: string): AreaLevel {
  if (/^\d{12}$/.test(code)) return 'village'
  if (/^\d{9}$/.test(code)) return 'township'
  if (!/^\d{6}$/.test(code)) throw new AreaCodeError(`${JSON.stringify(code)} is not a GB/T 2260 area code (expected 6, 9 or 12 digits, e.g. 530626)`)
  if (code === COUNTRY_CODE) return 'country'
  if (code.endsWith('0000')) return 'province'
  if (code.endsWith('00')) return 'prefecture'
  return 'county'
}

/**
 * The code of the area `code` lies in by its digits, or null for a province and the country: digits cannot say
 * whether a store holds the country, so a province's link to it comes from the store (parentLookup).
 */
export function parentCodeOf(code: string): string | null {
  switch (levelOfCode(code)) {
    case 'village':
      return code.slice(0, 9)
    case 'township':
      return code.slice(0, 6)
    case 'county':
      return `${code.slice(0, 4)}00`
    case 'prefecture':
      return `${code.slice(0, 2)}0000`
    case 'province':
    case 'country':
      return null
  }
}

/**
 * What a township code's digits 7–9 say it is (NBS 统计用区划代码 rules): 001–099 街道, 100–199 镇,
 * 200–299 乡 (民族乡 included), 400–599 a 开发区/农场 or other township-level unit.
 */
export function townshipKindOfCode(code: string): '街道' | '镇' | '乡' | '其他' {
  if (levelOfCode(code) !== 'township') throw new AreaCodeError(`${code} is not a township code (expected 9 digits, e.g. 530626101)`)
  const serial = Number(code.slice(6))
  if (serial < 100) return '街道'
  if (serial < 200) return '镇'
  if (serial < 300) return '乡'
  return '其他'
}

/** A parent lookup: the area a code lies in, or null at the top (or when unknown). */
export type ParentOf = (code: string) => string | null

/** Parent links from the store where it knows the area, the code's digits otherwise. */
export function parentLookup(parents: ReadonlyMap<string, { parent: string | null }>): ParentOf {
  return (code) => {
    const known = parents.get(code)
    if (known !== undefined) return known.parent
    return isAreaCode(code) ? parentCodeOf(code) : null
  }
}

/** Parent links from the store only: a code it does not hold lies in nothing (what a scope check must assume). */
export function storedParents(parents: ReadonlyMap<string, { parent: string | null }>): ParentOf {
  return (code) => parents.get(code)?.parent ?? null
}

/** Digits only: for the web before the areas have loaded, and for codes no store holds. */
export const parentByDigits: ParentOf = (code) => (isAreaCode(code) ? parentCodeOf(code) : null)

const MAX_DEPTH = 8 // deeper than any real chain: a cycle in stored parent links must not loop forever

/** `code` and the codes above it, nearest first. */
export function ancestorCodesOf(code: string, parentOf: ParentOf = parentByDigits): string[] {
  const chain: string[] = []
  for (let current: string | null = code; current !== null && chain.length < MAX_DEPTH && !chain.includes(current); current = parentOf(current)) {
    chain.push(current)
  }
  return chain
}

/** Does `code` lie in `ancestor`, or is it `ancestor`? */
export function isWithin(code: string, ancestor: string, parentOf: ParentOf = parentByDigits): boolean {
  return ancestorCodesOf(code, parentOf).includes(ancestor)
}

/** The child of `parent` that `code` lies in, or null when it lies in none or is `parent` itself. */
export function childCodeWithin(code: string, parent: string, parentOf: ParentOf = parentByDigits): string | null {
  const chain = ancestorCodesOf(code, parentOf)
  const at = chain.indexOf(parent)
  return at > 0 ? chain[at - 1] : null
}
