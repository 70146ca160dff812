// The domain's shapes, shared by the store, the pure geo functions, the API and (through AppType) the web.
import type { MultiPolygon } from 'geojson'

export type AreaLevel = 'province' | 'prefecture' | 'county' | 'township' | 'village'
export const AREA_LEVELS: readonly AreaLevel[] = ['province', 'prefecture', 'county', 'township', 'village']

/** Honour levels, lowest first: a unit counts for every level at or below its own. */
export const HONOUR_LEVELS = ['县级', '市级', '省级', '国家级'] as const
export type HonourLevel = (typeof HONOUR_LEVELS)[number]

/** The naming workflow: 培育 → 申报 → 推荐 → 命名 → 复查, or 撤销 at any point. */
export const UNIT_STATUSES = ['培育', '申报', '推荐', '命名', '复查', '撤销'] as const
export type UnitStatus = (typeof UNIT_STATUSES)[number]

/** Statuses in which a unit holds its plaque and counts as a named demonstration unit. */
export const NAMED_STATUSES: readonly UnitStatus[] = ['命名', '复查']

export interface Area {
  code: string // GB/T 2260: 6 digits county and above, 9 township, 12 village
  name: string
  level: AreaLevel
  parent: string | null
  geometry: MultiPolygon | null // WGS84
  population: number | null
  minorityShare: number | null // 0..1
  areaKm2: number | null
  schematic: boolean // geometry is a 示意 cell, not a surveyed boundary
  populationIsSample: boolean // population is a 示例数据 estimate
}

export interface Scheme {
  id: string // e.g. 'qijin'
  name: string // e.g. '七进'
  categories: string[]
  isDefault: boolean
  note: string
}

export interface StatusChange {
  at: string // ISO date, yyyy-mm-dd
  from: UnitStatus | null
  to: UnitStatus
  by: string
  reason: string
}

export interface Unit {
  id: number
  name: string
  category: string
  level: HonourLevel | null // null until named at some level
  status: UnitStatus
  yearNamed: number | null
  lon: number | null // WGS84
  lat: number | null
  areaCode: string | null // the area the ledger claims
  address: string
  contact: string
  notes: string
  sample: boolean // 示例数据: invented for the demo
  history: StatusChange[] // oldest first
}

export interface Target {
  id: number
  areaCode: string
  schemeId: string | null
  category: string | null // null: any category
  minLevel: HonourLevel | null // null: any level
  count: number
  dueYear: number
  note: string
}

export interface Inspection {
  id: number
  unitId: number
  date: string
  inspector: string
  findings: string
  followUp: string
}

/** A demonstration corridor (示范走廊) as stored: named, ordered units. */
export interface CorridorRecord {
  id: number
  name: string
  note: string
  sample: boolean // 示例数据
  unitIds: number[] // the stops in order; a deleted unit has dropped out
  updatedAt: string
  updatedBy: string
}
