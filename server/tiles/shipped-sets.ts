// Reads the national generalisations shipped in geodata/national/ (the I/O edge of generalisations.ts), once
// per level and process: the files do not change while the server runs.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import { PROJECT_ROOT } from '../paths'
import { asMultiPolygon } from '../seed/demo'
import type { AreaLevel } from '../shared/domain'
import type { ShippedSet } from './generalisations'

export const NATIONAL_SETS_DIR = join(PROJECT_ROOT, 'geodata/national')

const FILE_OF: Partial<Record<AreaLevel, string>> = { province: 'provinces', prefecture: 'prefectures', county: 'counties' }

const read = new Map<string, ShippedSet | null>()

/** The shipped z3/z5/z7 sets of a level, or null for a level the geodata build does not make (townships). */
export function shippedSet(level: AreaLevel, dir = NATIONAL_SETS_DIR): ShippedSet | null {
  const name = FILE_OF[level]
  if (name === undefined) return null
  const key = join(dir, name)
  if (!read.has(key)) read.set(key, readSet(key))
  return read.get(key) ?? null
}

function readSet(path: string): ShippedSet | null {
  const files = { z3: `${path}.z3.geojson`, z5: `${path}.z5.geojson`, z7: `${path}.z7.geojson` }
  if (!Object.values(files).every(existsSync)) return null
  const byCode = (file: string) => {
    const collection = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<MultiPolygon | Polygon, { code: string }>
    return new Map(collection.features.map((f) => [f.properties.code, asMultiPolygon(f.geometry)]))
  }
  return { z3: byCode(files.z3), z5: byCode(files.z5), z7: byCode(files.z7) }
}
