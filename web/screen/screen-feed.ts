// What the screen loads: the place once, then the figures polled with ETags. A poll whose answers are
// all 304 returns the very same feed object, so nothing downstream re-renders or redraws.
import type { AreaLevel, HonourLevel } from '../../server/shared/domain'
import { fetchCountedUnitsIfChanged, fetchCoverageIfChanged, fetchCoverageSeriesIfChanged, fetchSchemes, type CoverageSeriesResponse, type Revalidated, type UnitColumnsResponse } from '../api/client'
import type { CoverageArea, CoverageReport, Scheme } from '../api/responses'
import type { AreaLabel, MapArea } from '../data/area-geometry'
import { loadMapFrame } from '../map/area-frame'
import type { FrameDrawing } from '../map/tiled-frame'
import { showsUnitPoints } from '../data/unit-aggregation'
import { unitsOfColumns, type UnitPoint } from '../data/units'
import { loadLabelFont } from '../map/label-font'
import type { ScreenConfig } from '../../server/shared/screen-profile'
import { growthYears } from './screen-config'

export interface ScreenPlace {
  scheme: Scheme
  place: MapArea // the area framed: the store's root by default (the country, or a prefecture)
  areas: MapArea[] // its child areas (a prefecture's counties)
  drawing: FrameDrawing // their boundaries: from the vector tiles at the country and a province (tiled-frame.ts)
  childLevel: AreaLevel | null // the level of `areas`; null at the bottom of the hierarchy
  labels: AreaLabel[]
}

/** The profile's area (null: the store's root) and its children, loaded as the dashboard loads its frame. */
export async function loadScreenPlace(config: Pick<ScreenConfig, 'area' | 'scheme'>): Promise<ScreenPlace> {
  const [{ schemes }, frame] = await Promise.all([fetchSchemes(), loadMapFrame(config.area)])
  const scheme = schemes.find((s) => (config.scheme === null ? s.isDefault : s.id === config.scheme)) ?? schemes[0]
  if (!scheme) throw new Error('没有创建方案 (the store has no scheme)')
  await loadLabelFont('0123456789') // the figures on the columns
  return { scheme, place: frame.area, areas: frame.children, drawing: frame.drawing, childLevel: frame.childLevel, labels: frame.labels }
}

/** The last body and ETag per request key: an unchanged answer costs a 304 and keeps its object identity. */
export class RevalidatingCache {
  private readonly entries = new Map<string, { etag: string | null; body: unknown }>()

  async get<T>(key: string, load: (etag: string | null) => Promise<Revalidated<T>>): Promise<{ body: T; changed: boolean }> {
    const entry = this.entries.get(key)
    const answer = await load(entry?.etag ?? null)
    if (!answer.changed) {
      if (!entry) throw new Error(`RevalidatingCache: 304 for "${key}", which was never loaded`)
      return { body: entry.body as T, changed: false }
    }
    this.entries.set(key, { etag: answer.etag, body: answer.body })
    return { body: answer.body, changed: true }
  }

  /** Forgets every key not in `keys` (e.g. a year that left the growth chart), so the cache cannot grow. */
  retain(keys: ReadonlySet<string>): void {
    for (const key of this.entries.keys()) if (!keys.has(key)) this.entries.delete(key)
  }

  get size(): number {
    return this.entries.size
  }
}

export interface ScreenFeed {
  current: CoverageReport // child areas, this year
  years: CoverageSeriesResponse['series'] // child areas' counts, one point per growth year, oldest first
  placeArea: CoverageArea | null // the framed area itself: its own targets and totals
  units: UnitPoint[] // the units counted this year, with coordinates; none above a prefecture (showsUnitPoints)
  unitCount: number // all counted units, with or without coordinates
}

export interface FeedQuery {
  placeCode: string
  placeLevel: AreaLevel
  placeParent: string | null
  childLevel: AreaLevel | null
  schemeId: string
  minLevel: HonourLevel
  year: number // the current year
  years: number // how many years the growth chart shows
}

/** One poll: every request conditional; the previous feed comes back unchanged when all were 304. */
export async function pollFeed(query: FeedQuery, cache: RevalidatingCache, previous: ScreenFeed | null): Promise<ScreenFeed> {
  const { placeCode, placeLevel, placeParent, childLevel, schemeId, minLevel, year } = query
  const years = growthYears(year, query.years)
  const keys = new Set<string>()
  const cached = <T,>(key: string, load: (etag: string | null) => Promise<Revalidated<T>>) => {
    keys.add(key)
    return cache.get(key, load)
  }
  const base = `${placeCode}|${schemeId}|${minLevel}`
  // The children (a prefecture's counties), or the place itself at the bottom of the hierarchy.
  const children = childLevel
    ? { level: childLevel, parent: placeCode, scheme: schemeId, minLevel }
    : { level: placeLevel, ...(placeParent === null ? {} : { parent: placeParent }), scheme: schemeId, minLevel }
  const own = { level: placeLevel, ...(placeParent === null ? {} : { parent: placeParent }), scheme: schemeId, minLevel }
  const [current, series, place, units] = await Promise.all([
    cached(`coverage|${base}|${year}`, (etag) => fetchCoverageIfChanged({ ...children, year }, etag)),
    cached<CoverageSeriesResponse>(`series|${base}|${years[0]}-${year}`, (etag) => fetchCoverageSeriesIfChanged(children, years[0], year, etag)),
    cached(`place|${base}|${year}`, (etag) => fetchCoverageIfChanged({ ...own, year }, etag)),
    showsUnitPoints(placeLevel)
      ? cached<UnitColumnsResponse>(`units|${base}|${year}`, (etag) => fetchCountedUnitsIfChanged({ area: placeCode, scheme: schemeId, minLevel, year }, etag))
      : null,
  ])
  cache.retain(keys)
  const changed = current.changed || series.changed || place.changed || (units?.changed ?? false)
  if (previous && !changed) return previous
  const placeArea = place.body.areas.find((a) => a.code === placeCode) ?? null
  return {
    current: current.body,
    years: series.body.series,
    placeArea,
    units: !units ? [] : previous && !units.changed ? previous.units : unitsOfColumns(units.body).points,
    unitCount: units ? units.body.count : (placeArea?.total ?? 0),
  }
}
