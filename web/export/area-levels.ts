// What a GB/T 2260 code says about its area: its level, its parent's code, and which codes lie inside it.
// Codes are hierarchical: 53 province, 5306 prefecture (530600), 530626 county, 530626101 township.
import type { AreaLevel } from '../../server/domain'

export function levelOfCode(code: string): AreaLevel {
  if (code.length === 12) return 'village'
  if (code.length === 9) return 'township'
  if (code.endsWith('0000')) return 'province'
  if (code.endsWith('00')) return 'prefecture'
  return 'county'
}

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
    default:
      return null
  }
}

export function childLevelOf(level: AreaLevel): AreaLevel | null {
  const order: AreaLevel[] = ['province', 'prefecture', 'county', 'township', 'village']
  return order[order.indexOf(level) + 1] ?? null
}

/** True when `code` is `ancestor` or lies inside it (by code prefix). */
export function isWithin(code: string, ancestor: string): boolean {
  const level = levelOfCode(ancestor)
  const prefix = level === 'province' ? ancestor.slice(0, 2) : level === 'prefecture' ? ancestor.slice(0, 4) : ancestor
  return code.startsWith(prefix)
}
