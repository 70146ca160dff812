// Seeds an empty store: the demo (the committed 昭通 geodata plus invented 示例数据 units), or the real
// boundaries alone; and gives every store the built-in schemes.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { FeatureCollection } from 'geojson'
import type { AtlasStore, Dataset } from '../db/store'
import { boundaryDataset, demoDataset, shippedSchemes, type BoundaryFeature, type DemoGeodata } from './demo'
import { nationalDataset, type NationalFeature, type NationalGeodata } from './national'

export const DEMO_GEODATA_DIR = fileURLToPath(new URL('../../geodata/5306/', import.meta.url))

export function readDemoGeodata(dir = DEMO_GEODATA_DIR): DemoGeodata {
  const read = (name: string) =>
    (JSON.parse(readFileSync(`${dir}/${name}`, 'utf8')) as FeatureCollection).features as BoundaryFeature[]
  const [outline] = read('outline.geojson')
  return { outline, counties: read('counties.geojson'), townships: read('townships.geojson') }
}

export const NATIONAL_GEODATA_DIR = fileURLToPath(new URL('../../geodata/national/', import.meta.url))

/**
 * The national boundary set at z7 (the prefecture-zoom generalisation, 11 MB): what units are placed in and
 * what a county view draws; z5 would put points near borders in the neighbour the browser draws them beside.
 * The country's own shape is the provinces at z3, drawn only at national zoom.
 */
export function readNationalGeodata(dir = NATIONAL_GEODATA_DIR): NationalGeodata {
  const read = (name: string) => (JSON.parse(readFileSync(`${dir}/${name}`, 'utf8')) as FeatureCollection).features as NationalFeature[]
  return {
    provinces: read('provinces.z7.geojson'),
    prefectures: read('prefectures.z7.geojson'),
    counties: read('counties.z7.geojson'),
    countryShape: read('provinces.z3.geojson'),
  }
}

/** The national demo: the whole country, `units` 示例数据 units. */
export function seedNational(store: AtlasStore, today: string, units: number): void {
  store.loadDataset(withoutStoredSchemes(store, nationalDataset(readNationalGeodata(), { units, today })), 'demo-seed')
}

export function seedDemo(store: AtlasStore, today: string): void {
  store.loadDataset(withoutStoredSchemes(store, demoDataset(readDemoGeodata(), today)), 'demo-seed')
}

/**
 * The shipped real boundaries (the province, 昭通市, its counties) and the schemes; no units, no 示意 townships.
 * `dir`: a shipped prefecture's folder (geodata/<4 digits>/), as `atlas init --prefecture` names it.
 */
export function seedBoundaries(store: AtlasStore, dir = DEMO_GEODATA_DIR, actor = 'boundaries-seed'): void {
  store.loadDataset(withoutStoredSchemes(store, boundaryDataset(readDemoGeodata(dir))), actor)
}

/** Adds the built-in schemes a store lacks (every store has them); how many were added. */
export function seedShippedSchemes(store: AtlasStore): number {
  const dataset = withoutStoredSchemes(store, { areas: [], schemes: shippedSchemes(), units: [], targets: [], inspections: [] })
  if (dataset.schemes.length > 0) store.loadDataset(dataset, 'built-in')
  return dataset.schemes.length
}

/** A store started empty (ATLAS_DEMO=0) already has the built-in schemes: a seed must not add them twice. */
function withoutStoredSchemes(store: AtlasStore, dataset: Dataset): Dataset {
  const stored = new Set(store.snapshot().schemes.map((s) => s.id))
  return { ...dataset, schemes: dataset.schemes.filter((s) => !stored.has(s.id)) }
}
