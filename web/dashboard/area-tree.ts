// Where an area sits in the GB/T 2260 hierarchy, read from its code alone: the drill-down needs the level
// and parent of a code from the URL before anything has loaded. The store's own `parent` wins once known.
import type { AreaLevel } from '../../server/domain'

/** 530000 province, 530600 prefecture, 530626 county, 530626101 township, 530626101001 village. */
export function areaLevelOfCode(code: string): AreaLevel {
  if (/^\d{12}$/.test(code)) return 'village'
  if (/^\d{9}$/.test(code)) return 'township'
  if (!/^\d{6}$/.test(code)) throw new RangeError(`areaLevelOfCode: ${JSON.stringify(code)} is not a GB/T 2260 code of 6, 9 or 12 digits`)
  if (code.endsWith('0000')) return 'province'
  if (code.endsWith('00')) return 'prefecture'
  return 'county'
}

/** The code of the area a code belongs to by its digits, or null for a province. */
export function parentCodeOf(code: string): string | null {
  switch (areaLevelOfCode(code)) {
    case 'village':
      return code.slice(0, 9)
    case 'township':
      return code.slice(0, 6)
    case 'county':
      return `${code.slice(0, 4)}00`
    case 'prefecture':
      return `${code.slice(0, 2)}0000`
    case 'province':
      return null
  }
}

const CHILD_LEVEL: Record<AreaLevel, AreaLevel | null> = {
  province: 'prefecture',
  prefecture: 'county',
  county: 'township',
  township: 'village',
  village: null,
}

/** The level one step down: the areas a drill-down shows inside an area of `level`. */
export function childLevelOf(level: AreaLevel): AreaLevel | null {
  return CHILD_LEVEL[level]
}

/** Does `code` lie in `ancestor` (or is it `ancestor`), judged by the code's digits? */
export function isWithin(code: string, ancestor: string): boolean {
  let current: string | null = code
  for (let depth = 0; current !== null && depth < 5; depth++) {
    if (current === ancestor) return true
    current = parentCodeOf(current)
  }
  return false
}

/** The child of `parent` that `code` lies in (by digits), or null when it lies in none / is `parent` itself. */
export function childCodeWithin(code: string, parent: string): string | null {
  let current: string | null = code
  for (let depth = 0; current !== null && depth < 5; depth++) {
    const up = parentCodeOf(current)
    if (up === parent) return current
    current = up
  }
  return null
}
