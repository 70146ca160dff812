// The demo's corridors (示范走廊/示范带, 示例数据): chosen from the demo units by rule, not by id, so they
// follow the units if the demo changes. No randomness: the same units give the same corridors.
import type { DatasetCorridor } from '../db/store'
import { HONOUR_LEVELS, NAMED_STATUSES, type Area, type Unit } from '../shared/domain'
import { DEFAULT_SENSITIVE_CATEGORIES } from '../shared/audience'

type LonLat = [number, number]

const SAMPLE_CORRIDOR_NOTE = '示例数据：走廊及其站点为演示虚构'

/**
 * The 金沙江 where it bounds 绥江县 and 水富市 on the north, west to east, from 永善县's border to 向家坝
 * (approximate, WGS84): the line the first corridor's stops are taken along.
 */
export const JINSHA_RIVER: readonly LonLat[] = [
  [103.7, 28.45],
  [103.85, 28.6],
  [104.0, 28.62],
  [104.2, 28.62],
  [104.4, 28.64],
]

export function demoCorridors(units: readonly Unit[], areas: readonly Area[]): DatasetCorridor[] {
  const eligible = units.filter(isShowcase)
  const areaName = new Map(areas.map((a) => [a.code, a.name]))
  const corridor = (name: string, note: string, stops: readonly Unit[]): DatasetCorridor => ({
    name,
    note: `${SAMPLE_CORRIDOR_NOTE}；${note}`,
    sample: true,
    unitIds: stops.map((u) => u.id),
  })

  // 1. Along the 金沙江 through 绥江县 and 水富市: in each township, the named unit nearest the river.
  const riverside = stopsAlong(
    eligible.filter((u) => inCounty(u, '530626') || inCounty(u, '530681')),
    JINSHA_RIVER,
    6,
  )
  // 2. 绥江县城 (中城镇): a compact 街区, its named units within 5 km of their median point, west to east.
  const countySeat = near(eligible.filter((u) => u.areaCode === '530626101'), 5).sort(byLongitude)
  // 3. 昭阳区's 民族乡, 以点串线: in each, the township government if named, else its highest-level unit.
  const ethnicTownships = areas.filter((a) => a.parent === '530602' && a.name.includes('族乡')).map((a) => a.code)
  const ethnicBelt = ethnicTownships
    .flatMap((code) => {
      const best = eligible.filter((u) => u.areaCode === code).sort(byShowcaseRank)[0]
      return best ? [best] : []
    })
    .sort(byLongitude)

  return [
    corridor('示例：金沙江沿线民族团结示范走廊', '绥江县、水富市沿江各乡镇各取一个示范单位，自西向东', riverside),
    corridor('示例：绥江县城民族团结进步示范街区', `${areaName.get('530626101') ?? '中城镇'}的示范单位，自西向东`, countySeat),
    corridor('示例：昭阳区民族乡民族团结示范带', '昭阳区各民族乡各取一个示范单位，以点串线', ethnicBelt),
  ].filter((c) => c.unitIds.length >= 2)
}

/** A named, located unit that anyone may see: what a public demo corridor is made of. */
function isShowcase(unit: Unit): boolean {
  return NAMED_STATUSES.includes(unit.status) && unit.lon !== null && unit.lat !== null && !DEFAULT_SENSITIVE_CATEGORIES.includes(unit.category)
}

function inCounty(unit: Unit, county: string): boolean {
  return unit.areaCode !== null && unit.areaCode.startsWith(county)
}

/** The units within `km` of their median point (median longitude, median latitude). */
function near(units: readonly Unit[], km: number): Unit[] {
  if (units.length === 0) return []
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]
  const centre: LonLat = [median(units.map((u) => u.lon as number)), median(units.map((u) => u.lat as number))]
  return units.filter((u) => nearestOnLine(lonLatOf(u), [centre, centre]).km <= km)
}

function lonLatOf(unit: Unit): LonLat {
  return [unit.lon as number, unit.lat as number]
}

const byLongitude = (a: Unit, b: Unit) => (a.lon as number) - (b.lon as number) || a.id - b.id

/** The township government first, then the higher honour level, then the older record. */
function byShowcaseRank(a: Unit, b: Unit): number {
  const rank = (u: Unit) => (u.category === '乡镇' ? 100 : 0) + (u.level === null ? -1 : HONOUR_LEVELS.indexOf(u.level))
  return rank(b) - rank(a) || a.id - b.id
}

/**
 * Stops along `line`: of the units within `withinKm` of it, the nearest in each township, ordered by how
 * far along the line they lie. Distances on a local equirectangular projection: metres matter little here.
 */
export function stopsAlong(units: readonly Unit[], line: readonly LonLat[], withinKm: number): Unit[] {
  const nearest = new Map<string, { unit: Unit; km: number; along: number }>()
  for (const unit of units) {
    const { km, along } = nearestOnLine(lonLatOf(unit), line)
    if (km > withinKm) continue
    const township = unit.areaCode ?? ''
    const best = nearest.get(township)
    if (!best || km < best.km || (km === best.km && unit.id < best.unit.id)) nearest.set(township, { unit, km, along })
  }
  return [...nearest.values()].sort((a, b) => a.along - b.along || a.unit.id - b.unit.id).map((s) => s.unit)
}

/** The distance (km) from `point` to the polyline and how far along it (km from its start) the nearest point lies. */
export function nearestOnLine(point: LonLat, line: readonly LonLat[]): { km: number; along: number } {
  const kmX = 111.32 * Math.cos((point[1] * Math.PI) / 180)
  const kmY = 110.57
  const xy = ([lon, lat]: LonLat): LonLat => [lon * kmX, lat * kmY]
  const p = xy(point)
  let best = { km: Infinity, along: 0 }
  let start = 0
  for (let i = 1; i < line.length; i++) {
    const a = xy(line[i - 1])
    const b = xy(line[i])
    const dx = b[0] - a[0]
    const dy = b[1] - a[1]
    const length = Math.hypot(dx, dy)
    const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (length * length)))
    const km = Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy))
    if (km < best.km) best = { km, along: start + t * length }
    start += length
  }
  return best
}
