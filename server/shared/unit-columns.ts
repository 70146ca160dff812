// The units of a /api/units answer as columns, for clients that draw many units at once (the dashboard at
// 100 000 units). The GeoJSON answer spends ~340 bytes a unit on repeated keys and strings; columns with
// dictionaries for category and area spend ~55 (npm run bench:dashboard: 34.4 MB → 5.5 MB, brotli 2.5 →
// 0.8 MB). Built from the same (already redacted) features as the GeoJSON answer, so both say the same thing.
import type { FeatureCollection, Point } from 'geojson'
import { HONOUR_LEVELS, UNIT_STATUSES, type HonourLevel, type UnitStatus } from './domain'

/** A unit as /api/units shows it (GeoJSON properties). */
export interface UnitProperties {
  id: number
  name: string
  category: string
  level: HonourLevel | null
  status: UnitStatus
  yearNamed: number | null
  areaCode: string | null // where the join placed the unit
  claimedAreaCode: string | null // what the ledger says
  joinMethod: 'point' | 'code' | 'none'
  expiresOn: string | null
  address: string
  notes: string
  sample: boolean
  redacted?: true // set only on a sensitive unit shown to a caller who may not see it: no location, name, address or notes
}

/** What an anonymous caller learns of redacted units: how many, and of which categories. */
export interface RedactionSummary {
  categories: string[] // the sensitive categories configured, whatever the query selected
  count: number // features in this answer shown redacted
}

export type UnitCollection = FeatureCollection<Point | null, UnitProperties> & { redacted?: RedactionSummary }

export interface UnitColumns {
  count: number
  categories: string[] // dictionary for `category`
  areaCodes: string[] // dictionary for `area`
  id: number[]
  name: string[]
  category: number[] // index into `categories`
  level: number[] // index into HONOUR_LEVELS; -1: not named
  status: number[] // index into UNIT_STATUSES
  yearNamed: (number | null)[]
  area: number[] // index into `areaCodes` (where the join placed the unit); -1: placed nowhere
  lon: (number | null)[] // WGS84 degrees to 6 decimals (~0.1 m); null: no location (or redacted)
  lat: (number | null)[]
  sample: (0 | 1)[] // 1: 示例数据
  redacted: number[] // ids shown redacted (sensitive category, caller not signed in)
  redaction?: RedactionSummary
}

/** The collection as columns, in the same order. Pure. */
export function unitColumnsOf(collection: UnitCollection): UnitColumns {
  const categories = new Dictionary()
  const areaCodes = new Dictionary()
  const n = collection.features.length
  const columns: UnitColumns = {
    count: n,
    categories: categories.values,
    areaCodes: areaCodes.values,
    id: new Array(n),
    name: new Array(n),
    category: new Array(n),
    level: new Array(n),
    status: new Array(n),
    yearNamed: new Array(n),
    area: new Array(n),
    lon: new Array(n),
    lat: new Array(n),
    sample: new Array(n),
    redacted: [],
  }
  collection.features.forEach(({ geometry, properties: p }, i) => {
    columns.id[i] = p.id
    columns.name[i] = p.name
    columns.category[i] = categories.indexOf(p.category)
    columns.level[i] = p.level === null ? -1 : HONOUR_LEVELS.indexOf(p.level)
    columns.status[i] = UNIT_STATUSES.indexOf(p.status)
    columns.yearNamed[i] = p.yearNamed
    columns.area[i] = p.areaCode === null ? -1 : areaCodes.indexOf(p.areaCode)
    columns.lon[i] = geometry ? round6(geometry.coordinates[0]) : null
    columns.lat[i] = geometry ? round6(geometry.coordinates[1]) : null
    columns.sample[i] = p.sample ? 1 : 0
    if (p.redacted) columns.redacted.push(p.id)
  })
  if (collection.redacted) columns.redaction = collection.redacted
  return columns
}

/** What a columns answer keeps of a unit, as the row it encodes. */
export type UnitColumnRow = Pick<UnitProperties, 'id' | 'name' | 'category' | 'level' | 'status' | 'yearNamed' | 'areaCode' | 'sample' | 'redacted'> & {
  position: [number, number] | null
}

/** The rows of a columns answer, in order; the inverse of unitColumnsOf for the fields it keeps. Pure. */
export function unitRowsOf(columns: UnitColumns): UnitColumnRow[] {
  const redacted = new Set(columns.redacted)
  const rows: UnitColumnRow[] = new Array(columns.count)
  for (let i = 0; i < columns.count; i++) {
    const lon = columns.lon[i]
    const lat = columns.lat[i]
    const level = columns.level[i]
    const area = columns.area[i]
    const row: UnitColumnRow = {
      id: columns.id[i],
      name: columns.name[i],
      category: columns.categories[columns.category[i]],
      level: level < 0 ? null : HONOUR_LEVELS[level],
      status: UNIT_STATUSES[columns.status[i]],
      yearNamed: columns.yearNamed[i],
      areaCode: area < 0 ? null : columns.areaCodes[area],
      position: lon === null || lat === null ? null : [lon, lat],
      sample: columns.sample[i] === 1,
    }
    if (redacted.has(row.id)) row.redacted = true
    rows[i] = row
  }
  return rows
}

class Dictionary {
  readonly values: string[] = []
  private readonly index = new Map<string, number>()

  indexOf(value: string): number {
    let i = this.index.get(value)
    if (i === undefined) {
      i = this.values.length
      this.values.push(value)
      this.index.set(value, i)
    }
    return i
  }
}

function round6(degrees: number): number {
  return Math.round(degrees * 1e6) / 1e6
}
