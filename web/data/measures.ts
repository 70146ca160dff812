// What colours the areas. Each measure names itself with the filters behind it, so a legend torn
// out of context still says what it shows.
import type { CoverageArea, CoverageReport } from '../api/responses'
import type { MeasureId } from '../../server/shared/view-state'
import { colourScale, noLedgerRgba, withNoLedger, type ColourScale } from './colour-scales'
import type { Rgba } from './rgba'


export interface Measure {
  id: MeasureId
  label: string // short, for the selector
  title(report: CoverageReport): string // for the legend
  valueOf(area: CoverageArea): number | null
  integer: boolean
}

export const MEASURES: readonly Measure[] = [
  {
    id: 'total',
    label: '示范单位总数',
    title: (r) => `示范单位总数 (${r.minLevel}及以上)`,
    valueOf: (a) => a.total,
    integer: true,
  },
  {
    id: 'categoriesCovered',
    label: '类别覆盖',
    title: (r) => `${r.scheme.name}覆盖类别数 (共 ${r.scheme.categories.length} 类)`,
    valueOf: (a) => a.categoriesCovered,
    integer: true,
  },
  {
    id: 'per10kPeople',
    label: '每万人',
    title: (r) => `每万人示范单位数 (${r.minLevel}及以上)`,
    valueOf: (a) => a.per10kPeople,
    integer: false,
  },
  {
    id: 'per100km2',
    label: '每百平方公里',
    title: (r) => `每百平方公里示范单位数 (${r.minLevel}及以上)`,
    valueOf: (a) => a.per100km2,
    integer: false,
  },
  {
    id: 'childCoverage',
    label: '下级覆盖率',
    title: (r) => `下级区域覆盖率 % (${r.minLevel}及以上)`,
    valueOf: childCoveragePercent,
    integer: false,
  },
]

/** Child areas with at least one counted unit, in percent of the child areas; null for an area without children. */
export function childCoveragePercent(area: Pick<CoverageArea, 'childAreas' | 'childAreasCovered'>): number | null {
  return area.childAreas > 0 ? Math.round((1000 * area.childAreasCovered) / area.childAreas) / 10 : null
}

export function measureById(id: string): Measure {
  const measure = MEASURES.find((m) => m.id === id)
  if (!measure) throw new Error(`measureById: unknown measure ${JSON.stringify(id)} (expected one of ${MEASURES.map((m) => m.id).join(', ')})`)
  return measure
}

/**
 * The scale for `measure` over the report's areas; category coverage gets one class per count. With
 * `classesFrom` (the values of another report, e.g. the year playback started from) the classes are
 * fitted to those instead, so colours stay comparable from year to year.
 */
export function measureScale(measure: Measure, report: CoverageReport, classesFrom?: readonly (number | null)[]): ColourScale {
  const maxClasses = measure.id === 'categoriesCovered' ? report.scheme.categories.length : undefined
  // Areas without a ledger (noData) have no value: they neither get the zero row nor stretch the classes.
  const withLedger = report.areas.filter((a) => !a.noData)
  const scale = colourScale(withLedger.map(measure.valueOf), { title: measure.title(report), integer: measure.integer, maxClasses, classesFrom })
  return withLedger.length < report.areas.length ? withNoLedger(scale) : scale
}

/** An area's fill on any map: 暂无数据's grey for an area without a ledger, else its class in `scale`; no entry: no data. */
export function areaColourOf(measure: Measure, scale: ColourScale, area: CoverageArea | undefined): Rgba {
  if (area?.noData) return noLedgerRgba
  return scale.colourOf(area ? measure.valueOf(area) : null)
}
