// Which units a /api/units query selects, and how they are shown: pure functions of a snapshot.
import type { Feature, FeatureCollection, Point } from 'geojson'
import type { HonourLevel, Unit, UnitStatus } from '../shared/domain'
import { DomainError } from '../domain-error'
import { redactedName, townshipOrAbove, withholds, type Audience } from '../shared/audience'
import type { Snapshot } from '../snapshot'
import type { UnitCollection, UnitProperties } from '../shared/unit-columns'
import { currentLedger, expiresOn, isAtLeastLevel, ledgerAsOfYear, type LedgerState } from './unit-history'

export interface UnitQuery {
  area?: string // the unit lies in this area or below it
  category?: string
  level?: HonourLevel // exactly this honour level
  minLevel?: HonourLevel // this honour level or higher
  status?: readonly UnitStatus[] // status (as of `year` when given)
  year?: number // as of the end of this year: units not yet in the ledger are left out
  scheme?: string // only categories of this scheme
}


/** A unit a query selected, with its ledger as of the query's year (or now). */
export interface SelectedUnit {
  unit: Unit
  state: LedgerState
}

/** The units `query` selects, in id order; `among` (sorted by id) narrows where they are looked for. */
export function selectUnits(snapshot: Snapshot, query: UnitQuery, among?: readonly Unit[]): SelectedUnit[] {
  const passes = selectionFilter(snapshot, query)
  const selected: SelectedUnit[] = []
  for (const unit of among ?? (query.area === undefined ? snapshot.units : (snapshot.unitsInArea.get(query.area) ?? []))) {
    const state = query.year === undefined ? currentLedger(unit) : ledgerAsOfYear(unit, query.year)
    if (state !== null && passes(unit.id, unit.category, state)) selected.push({ unit, state })
  }
  return selected
}

/**
 * Whether a unit (its id, its category, and its ledger state as of the query's year) passes every filter of
 * `query` but the year: the one test behind selectUnits and the units table's filtered pages.
 */
export function selectionFilter(snapshot: Snapshot, query: UnitQuery): (id: number, category: string, state: Pick<LedgerState, 'status' | 'level'>) => boolean {
  const inArea = query.area === undefined ? null : new Set((snapshot.unitsInArea.get(query.area) ?? []).map((u) => u.id))
  const schemeCategories = query.scheme === undefined
    ? null
    : new Set(snapshot.schemes.find((s) => s.id === query.scheme)?.categories ?? [])
  return (id, category, state) =>
    (inArea === null || inArea.has(id)) &&
    (schemeCategories === null || schemeCategories.has(category)) &&
    (query.category === undefined || category === query.category) &&
    (query.level === undefined || state.level === query.level) &&
    (query.minLevel === undefined || isAtLeastLevel(state.level, query.minLevel)) &&
    (query.status === undefined || query.status.includes(state.status))
}

export function unitFeatures(
  snapshot: Snapshot,
  selected: readonly SelectedUnit[],
): FeatureCollection<Point | null, UnitProperties> {
  return {
    type: 'FeatureCollection',
    features: selected.map(({ unit, state }): Feature<Point | null, UnitProperties> => {
      const join = snapshot.joins.get(unit.id)
      return {
        type: 'Feature',
        id: unit.id,
        geometry: unit.lon === null || unit.lat === null ? null : { type: 'Point', coordinates: [unit.lon, unit.lat] },
        properties: {
          id: unit.id,
          name: unit.name,
          category: unit.category,
          level: state.level,
          status: state.status,
          yearNamed: unit.yearNamed,
          areaCode: join?.areaCode ?? null,
          claimedAreaCode: unit.areaCode,
          joinMethod: join?.method ?? 'none',
          expiresOn: expiresOn(state),
          address: unit.address,
          notes: unit.notes,
          sample: unit.sample,
        },
      }
    }),
  }
}

/**
 * The collection as `audience` may see it: each unit of a category withheld from it keeps its id, category,
 * level, status, years and area (cut to township level, which /api/coverage already reveals) so it is still
 * counted, but has no geometry, a generic name, and no address or notes. Pure: the input is not changed.
 */
export function redactSensitiveUnits(collection: FeatureCollection<Point | null, UnitProperties>, audience: Audience): UnitCollection {
  if (audience.kind === 'signed-in') return collection
  let count = 0
  const features = collection.features.map((feature) => {
    if (!withholds(audience, feature.properties.category)) return feature
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
  return { ...collection, features, redacted: { categories: [...audience.withheld], count } }
}

/** Refuses a query naming an area (not_found) or a scheme (invalid) the store does not have, for /api/units, its table and its export. */
export function checkQueryTargets(snapshot: Snapshot, query: Pick<UnitQuery, 'area' | 'scheme'>): void {
  if (query.area !== undefined && !snapshot.areasByCode.has(query.area)) {
    throw new DomainError('not_found', `area: ${query.area} does not exist in the store`, { details: { parameter: 'area' } })
  }
  if (query.scheme !== undefined && !snapshot.schemes.some((s) => s.id === query.scheme)) {
    const known = snapshot.schemes.map((s) => s.id).join(', ')
    throw new DomainError('invalid', `scheme: "${query.scheme}" does not exist (expected one of: ${known})`, { details: { parameter: 'scheme' } })
  }
}
