// Which units a /api/units query selects, and how they are shown: pure functions of a snapshot.
import type { Feature, FeatureCollection, Point } from 'geojson'
import type { HonourLevel, Unit, UnitStatus } from '../domain'
import type { Snapshot } from '../snapshot'
import { expiresOn, isAtLeastLevel, statusAsOfYear } from './unit-history'

export interface UnitQuery {
  area?: string // the unit lies in this area or below it
  category?: string
  level?: HonourLevel // exactly this honour level
  minLevel?: HonourLevel // this honour level or higher
  status?: readonly UnitStatus[] // status (as of `year` when given)
  year?: number // as of the end of this year: units not yet in the ledger are left out
  scheme?: string // only categories of this scheme
}

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

/** The categories whose units' location and details only signed-in users see, unless configured otherwise. */
export const DEFAULT_SENSITIVE_CATEGORIES: readonly string[] = ['宗教活动场所']

/** What an anonymous caller learns of redacted units: how many, and of which categories. */
export interface RedactionSummary {
  categories: string[] // the sensitive categories configured, whatever the query selected
  count: number // features in this answer shown redacted
}

export type UnitCollection = FeatureCollection<Point | null, UnitProperties> & { redacted?: RedactionSummary }

export function selectUnits(snapshot: Snapshot, query: UnitQuery): { unit: Unit; status: UnitStatus }[] {
  const inArea = query.area === undefined ? null : new Set((snapshot.unitsInArea.get(query.area) ?? []).map((u) => u.id))
  const schemeCategories = query.scheme === undefined
    ? null
    : new Set(snapshot.schemes.find((s) => s.id === query.scheme)?.categories ?? [])
  const selected: { unit: Unit; status: UnitStatus }[] = []
  for (const unit of snapshot.units) {
    const status = query.year === undefined ? unit.status : statusAsOfYear(unit, query.year)
    if (status === null) continue
    if (inArea && !inArea.has(unit.id)) continue
    if (schemeCategories && !schemeCategories.has(unit.category)) continue
    if (query.category !== undefined && unit.category !== query.category) continue
    if (query.level !== undefined && unit.level !== query.level) continue
    if (query.minLevel !== undefined && !isAtLeastLevel(unit.level, query.minLevel)) continue
    if (query.status !== undefined && !query.status.includes(status)) continue
    selected.push({ unit, status })
  }
  return selected
}

export function unitFeatures(
  snapshot: Snapshot,
  selected: readonly { unit: Unit; status: UnitStatus }[],
): FeatureCollection<Point | null, UnitProperties> {
  return {
    type: 'FeatureCollection',
    features: selected.map(({ unit, status }): Feature<Point | null, UnitProperties> => {
      const join = snapshot.joins.get(unit.id)
      return {
        type: 'Feature',
        id: unit.id,
        geometry: unit.lon === null || unit.lat === null ? null : { type: 'Point', coordinates: [unit.lon, unit.lat] },
        properties: {
          id: unit.id,
          name: unit.name,
          category: unit.category,
          level: unit.level,
          status,
          yearNamed: unit.yearNamed,
          areaCode: join?.areaCode ?? null,
          claimedAreaCode: unit.areaCode,
          joinMethod: join?.method ?? 'none',
          expiresOn: expiresOn(unit),
          address: unit.address,
          notes: unit.notes,
          sample: unit.sample,
        },
      }
    }),
  }
}

/** The generic name a redacted unit is shown with, e.g. "宗教活动场所（不公开）". */
export function redactedName(category: string): string {
  return `${category}（不公开）`
}

/**
 * The collection as a caller who may not see sensitive units gets it: each unit of a `sensitive` category
 * keeps its id, category, level, status, years and area (cut to township level, which /api/coverage
 * already reveals) so it is still counted, but has no geometry, a generic name, and no address or notes.
 * Pure: the input is not changed.
 */
export function redactSensitiveUnits(
  collection: FeatureCollection<Point | null, UnitProperties>,
  sensitive: ReadonlySet<string>,
): UnitCollection {
  let count = 0
  const features = collection.features.map((feature) => {
    if (!sensitive.has(feature.properties.category)) return feature
    count++
    const p = feature.properties
    return {
      ...feature,
      geometry: null,
      properties: {
        ...p,
        name: redactedName(p.category),
        areaCode: townshipOrAbove(p.areaCode),
        claimedAreaCode: townshipOrAbove(p.claimedAreaCode),
        joinMethod: p.joinMethod === 'none' ? 'none' : 'code',
        address: '',
        notes: '',
        redacted: true,
      },
    } satisfies Feature<Point | null, UnitProperties>
  })
  return { ...collection, features, redacted: { categories: [...sensitive], count } }
}

/** A 12-digit village code cut to its 9-digit township; township and above unchanged. */
function townshipOrAbove(code: string | null): string | null {
  return code !== null && code.length > 9 ? code.slice(0, 9) : code
}
