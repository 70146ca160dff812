// A unit's place as the form's location map handles it: the point from the form's text fields and back,
// the area the map frames, and the line naming where the point would lie. Pure.
import { isAreaCode, levelOfCode } from '../../server/shared/area-codes'
import type { AreaLevel } from '../../server/shared/domain'

export type LonLat = [number, number]

export const COORDINATE_DECIMALS = 6 // ~0.1 m: what a dragged or clicked point is written with

/** A coordinate as the form writes it: at most 6 decimals, no trailing zeros (104.1, not 104.100000). */
export function coordinateText(degrees: number): string {
  return String(Number(degrees.toFixed(COORDINATE_DECIMALS)))
}

/** The point the form's lon and lat fields hold, or null unless both are numbers of degrees. */
export function pointOfTexts(lon: string, lat: string): LonLat | null {
  if (lon.trim() === '' || lat.trim() === '') return null
  const [x, y] = [Number(lon), Number(lat)]
  if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) return null
  return [x, y]
}

export function samePoint(a: LonLat | null, b: LonLat | null): boolean {
  return a === b || (a !== null && b !== null && a[0] === b[0] && a[1] === b[1])
}

/**
 * The area a location map frames for a unit of `areaCode` (or a writer scoped to it): the county it lies in,
 * so the townships around it show; a prefecture or province as itself; null (the first prefecture) for none.
 */
export function frameCodeOf(areaCode: string | null): string | null {
  if (areaCode === null || !isAreaCode(areaCode)) return null
  const level = levelOfCode(areaCode)
  return level === 'township' || level === 'village' ? areaCode.slice(0, 6) : areaCode
}

interface PlacedArea {
  code: string
  name: string
  level: AreaLevel
}

const LOCAL_LEVELS: readonly AreaLevel[] = ['county', 'township', 'village']

/**
 * Where a point lies, from the areas holding it (deepest first): the names from the county down and the
 * deepest code, "绥江县 中城镇 (530626101)"; an area above counties by itself; null outside every area.
 */
export function placeLabel(chain: readonly PlacedArea[]): string | null {
  const deepest = chain[0]
  if (deepest === undefined) return null
  const local = chain.filter((area) => LOCAL_LEVELS.includes(area.level))
  const named = local.length > 0 ? local : [deepest]
  return `${[...named].reverse().map((area) => area.name).join(' ')} (${deepest.code})`
}
