// The national demo (ATLAS_DEMO=national): every province, prefecture and county of geodata/national/ under
// one country area, and invented 示例数据 units drawn from one seeded random stream, each at a point inside its
// county. No township cells (none exist nationally), no inspections, no corridors.
import { booleanPointInPolygon } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson'
import { COUNTRY_CODE } from '../shared/area-codes'
import type { Area, AreaLevel, HonourLevel, Target, Unit } from '../shared/domain'
import type { Dataset } from '../db/store'
import { intBetween, seededRandom, type Random } from '../geo/prng'
import { asMultiPolygon, boundaryArea, change, date, NAME_MAKERS, pickCategory, round6, SAMPLE_NOTE, shippedSchemes } from './demo'

export interface NationalProperties {
  code: string
  name: string
  level: 'province' | 'prefecture' | 'county'
  parent: string | null
  areaKm2: number
}
export type NationalFeature = Feature<MultiPolygon | Polygon, NationalProperties>

export interface NationalGeodata {
  provinces: NationalFeature[] // the stored geometry of each level (z7: geodata/README.md)
  prefectures: NationalFeature[]
  counties: NationalFeature[]
  countryShape: NationalFeature[] // the provinces drawn at national zoom (z3): the country's geometry
}

export const COUNTRY_NAME = '中华人民共和国'

/**
 * 台湾省, 香港特别行政区 and 澳门特别行政区: a mainland bureau keeps no ledger there, so the seed gives them no
 * units and no targets. Coverage does not read this list: it calls a province without any ledger row 暂无数据.
 */
export const PROVINCES_WITHOUT_LEDGER: readonly string[] = ['710000', '810000', '820000']

/** Names NBS gives the placeholder level of municipalities and 省直辖 counties: left out of addresses. */
const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'])

export interface NationalOptions {
  units: number // how many units to draw
  today: string // yyyy-mm-dd: namings lie before this year
}

export function nationalDataset(geo: NationalGeodata, { units: count, today }: NationalOptions): Dataset {
  const random = seededRandom(100000)
  const thisYear = Number(today.slice(0, 4))
  const areas = nationalAreas(geo)
  const leaves = ledgerLeaves(areas)
  const cumulative = cumulativeWeights(leaves.map(() => 0.5 + random()))
  const places = new Map<string, PlacementParts>()
  const areasByCode = new Map(areas.map((a) => [a.code, a]))

  const units: Unit[] = []
  for (let id = 1; id <= count; id++) {
    const leaf = leaves[indexAt(cumulative, random() * cumulative[cumulative.length - 1])]
    let parts = places.get(leaf.code)
    if (!parts) places.set(leaf.code, (parts = placementParts(leaf)))
    units.push(nationalUnit(random, id, leaf, addressOf(leaf, areasByCode), parts, thisYear))
  }
  return { areas, schemes: shippedSchemes(), units, targets: provinceTargets(areas, units, areasByCode), inspections: [] }
}

/**
 * The country, then provinces, prefectures and counties. NBS gives 台湾省, 香港 and 澳门 one code at every level
 * and 东莞, 中山 (and 三沙's parts) no county below the prefecture; the boundary files repeat such an area at the
 * levels below with itself as parent, so the store keeps each code once, at its highest level.
 */
export function nationalAreas(geo: NationalGeodata): Area[] {
  const country: Area = {
    code: COUNTRY_CODE,
    name: COUNTRY_NAME,
    level: 'country',
    parent: null,
    geometry: { type: 'MultiPolygon', coordinates: geo.countryShape.flatMap((p) => asMultiPolygon(p.geometry).coordinates) },
    population: null,
    minorityShare: null,
    areaKm2: Math.round(geo.provinces.reduce((sum, p) => sum + p.properties.areaKm2, 0)),
    schematic: false,
    populationIsSample: false,
  }
  const areas = [country]
  const seen = new Set([COUNTRY_CODE])
  const levels: [AreaLevel, NationalFeature[]][] = [['province', geo.provinces], ['prefecture', geo.prefectures], ['county', geo.counties]]
  for (const [level, features] of levels) {
    for (const f of features) {
      if (seen.has(f.properties.code)) continue
      seen.add(f.properties.code)
      areas.push(boundaryArea(f, level, { parent: f.properties.parent ?? COUNTRY_CODE }))
    }
  }
  return areas
}

/** The areas units are drawn in: those with no area below them, outside the provinces without a ledger. */
function ledgerLeaves(areas: readonly Area[]): Area[] {
  const parents = new Set(areas.map((a) => a.parent))
  const byCode = new Map(areas.map((a) => [a.code, a]))
  const provinceOf = (area: Area): string => {
    let at = area
    while (at.parent !== null && at.parent !== COUNTRY_CODE) at = byCode.get(at.parent) ?? at
    return at.code
  }
  return areas.filter((a) => a.geometry !== null && !parents.has(a.code) && !PROVINCES_WITHOUT_LEDGER.includes(provinceOf(a)))
}

function cumulativeWeights(weights: readonly number[]): number[] {
  let sum = 0
  return weights.map((w) => (sum += w))
}

/** The first index whose cumulative weight exceeds `x`. */
function indexAt(cumulative: readonly number[], x: number): number {
  let low = 0
  let high = cumulative.length - 1
  while (low < high) {
    const middle = (low + high) >>> 1
    if (cumulative[middle] <= x) low = middle + 1
    else high = middle
  }
  return low
}

/** An area's polygons with their boxes and their share of its area, to draw points inside it. */
interface PlacementParts {
  polygons: Polygon[]
  boxes: [number, number, number, number][]
  cumulative: number[]
}

/**
 * Sampling each polygon in its own box: 三沙's parts are reefs scattered over a box of 10° × 12°, where
 * sampling the whole area's box would almost never land on one.
 */
function placementParts(area: Area): PlacementParts {
  const polygons = (area.geometry?.coordinates ?? []).map((coordinates): Polygon => ({ type: 'Polygon', coordinates }))
  return {
    polygons,
    boxes: polygons.map((p) => boxOf(p.coordinates[0])),
    cumulative: cumulativeWeights(polygons.map((p) => Math.abs(planarArea(p.coordinates[0])))),
  }
}

function boxOf(ring: readonly Position[]): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const [x, y] of ring) {
    minX = Math.min(minX, x)
    minY = Math.min(minY, y)
    maxX = Math.max(maxX, x)
    maxY = Math.max(maxY, y)
  }
  return [minX, minY, maxX, maxY]
}

function planarArea(ring: readonly Position[]): number {
  let twice = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) twice += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1]
  return twice / 2
}

function pointIn(random: Random, parts: PlacementParts, code: string): [number, number] {
  const part = indexAt(parts.cumulative, random() * parts.cumulative[parts.cumulative.length - 1])
  const [minX, minY, maxX, maxY] = parts.boxes[part]
  for (let attempt = 0; attempt < 2000; attempt++) {
    const point: [number, number] = [round6(minX + random() * (maxX - minX)), round6(minY + random() * (maxY - minY))]
    if (booleanPointInPolygon(point, parts.polygons[part])) return point
  }
  throw new Error(`could not place a point inside area ${code}, polygon ${part}`)
}

function addressOf(leaf: Area, byCode: ReadonlyMap<string, Area>): string {
  const names: string[] = []
  for (let at: Area | undefined = leaf; at && at.level !== 'country'; at = at.parent === null ? undefined : byCode.get(at.parent)) {
    if (!PLACEHOLDER_NAMES.has(at.name)) names.unshift(at.name)
  }
  return names.join('')
}

/** Shares of statuses and of honour levels among named units; rough, as published lists look. */
const NAMED_SHARE = 0.62
const NAMED_LEVELS: [HonourLevel, number][] = [['国家级', 0.02], ['省级', 0.13], ['市级', 0.3], ['县级', 0.55]]
const NAMING_YEARS: Record<HonourLevel, [number, number]> = { 国家级: [2021, 2023], 省级: [2016, 2025], 市级: [2015, 2025], 县级: [2014, 2025] }

function namedLevel(random: Random): HonourLevel {
  let r = random()
  for (const [level, share] of NAMED_LEVELS) {
    r -= share
    if (r < 0) return level
  }
  return '县级'
}

function nationalUnit(random: Random, id: number, leaf: Area, address: string, parts: PlacementParts, thisYear: number): Unit {
  const category = pickCategory(random, true)
  const name = NAME_MAKERS[category](leaf.name, leaf.name, random)
  const kind = random()
  let fields: Pick<Unit, 'level' | 'status' | 'yearNamed' | 'history'>
  if (kind < NAMED_SHARE) {
    const level = namedLevel(random)
    const [from, to] = NAMING_YEARS[level]
    const year = Math.min(intBetween(random, from, to), thisYear - 1)
    fields = {
      level,
      status: '命名',
      yearNamed: year,
      history: [change(date(random, year - 1), null, '申报'), change(date(random, year), '申报', '命名', `${level}民族团结进步示范单位命名`, level)],
    }
  } else if (kind < 0.82) {
    fields = { level: null, status: '培育', yearNamed: null, history: [change(date(random, thisYear - 1), null, '培育', '列入培育库')] }
  } else if (kind < 0.96) {
    fields = { level: null, status: '申报', yearNamed: null, history: [change(date(random, thisYear - 2), null, '培育', '列入培育库'), change(date(random, thisYear - 1), '培育', '申报')] }
  } else {
    fields = {
      level: '县级',
      status: '撤销',
      yearNamed: 2019,
      history: [change(date(random, 2019), null, '命名', '县级民族团结进步示范单位命名', '县级'), change('2024-06-30', '命名', '撤销', '复查不合格，撤销命名')],
    }
  }
  const [lon, lat] = pointIn(random, parts, leaf.code)
  return { id, name, category, ...fields, lon, lat, areaCode: leaf.code, address, contact: '', notes: SAMPLE_NOTE, sample: true }
}

/** One sample target per province with a ledger: its 省级 and 国家级 namings and a quarter more, by 2027. */
function provinceTargets(areas: readonly Area[], units: readonly Unit[], byCode: ReadonlyMap<string, Area>): Target[] {
  const provinceOfCode = new Map<string, string>()
  const provinceOf = (code: string): string => {
    const known = provinceOfCode.get(code)
    if (known) return known
    const area = byCode.get(code)
    const province = !area || area.parent === null || area.parent === COUNTRY_CODE ? code : provinceOf(area.parent)
    provinceOfCode.set(code, province)
    return province
  }
  const named = new Map<string, number>()
  for (const unit of units) {
    if (unit.status !== '命名' || (unit.level !== '省级' && unit.level !== '国家级') || unit.areaCode === null) continue
    const province = provinceOf(unit.areaCode)
    named.set(province, (named.get(province) ?? 0) + 1)
  }
  return areas
    .filter((a) => a.level === 'province' && !PROVINCES_WITHOUT_LEDGER.includes(a.code))
    .map((province, i) => {
      const count = Math.ceil((named.get(province.code) ?? 0) * 1.25) + 1
      return { id: i + 1, areaCode: province.code, schemeId: null, category: null, minLevel: '省级', count, dueYear: 2027, note: `示例目标：全省省级及以上示范单位达到${count}个` }
    })
}
