// The domain's shapes, shared by the store, the pure geo functions, the API and (through AppType) the web.
import type { MultiPolygon } from 'geojson'

/** country: the one synthetic root (COUNTRY_CODE) a national store hangs its provinces from. */
export type AreaLevel = 'country' | 'province' | 'prefecture' | 'county' | 'township' | 'village'
export const AREA_LEVELS: readonly AreaLevel[] = ['country', 'province', 'prefecture', 'county', 'township', 'village']

/** Honour levels, lowest first: a unit counts for every level at or below its own. */
export const HONOUR_LEVELS = ['县级', '市级', '省级', '国家级'] as const
export type HonourLevel = (typeof HONOUR_LEVELS)[number]

/** The naming workflow (server/shared/workflow.ts): 培育 → 申报 → 推荐 → 验收 → 命名 → 复查 (a review passed), or 撤销 at any point. */
export const UNIT_STATUSES = ['培育', '申报', '推荐', '验收', '命名', '复查', '撤销'] as const
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
  visitsPerYear: number // 督导 visits a year for each unit that needs them (server/geo/visits-due.ts)
  /**
   * Category → other words a ledger writes for it, which imports map to it (a renamed category's old name is
   * one); as admins keep them on /schemes (migration 9). Every scheme read from the store has it; absent: none.
   */
  synonyms?: Readonly<Record<string, readonly string[]>>
  /** What a 督导 checks at a unit of this scheme, in order, as admins keep it on /schemes (migration 18); absent or empty: DEFAULT_CHECKLIST_ITEMS. */
  checklist?: readonly string[]
}

/** The seeds' work plans: "对19个模范点进行不定期督导3次"; the schemes column's default (migration 7). */
export const DEFAULT_VISITS_PER_YEAR = 3
/** The most 督导 visits a year a scheme may ask (one a week): what /schemes and its API accept. */
export const MAX_VISITS_PER_YEAR = 52

export interface StatusChange {
  at: string // ISO date, yyyy-mm-dd
  from: UnitStatus | null
  to: UnitStatus
  by: string
  reason: string
  level?: HonourLevel // the level a naming (→ 命名) gave; absent for other steps and for changes before the workflow
  document?: string // the decision it rests on, e.g. 昭市民宗〔2022〕15号
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

/** How a unit met one point of an inspection's checklist. */
export const CHECKLIST_RESULTS = ['达标', '基本达标', '不达标'] as const
export type ChecklistResult = (typeof CHECKLIST_RESULTS)[number]

/** An inspection's overall rating, best first. */
export const INSPECTION_RATINGS = ['优秀', '良好', '合格', '不合格'] as const
export type InspectionRating = (typeof INSPECTION_RATINGS)[number]

/** The points a 督导 checks when none are given: the five themes of the seeds' work plans. */
export const DEFAULT_CHECKLIST_ITEMS: readonly string[] = ['宣传教育', '阵地建设', '活动开展', '制度建设', '群众满意']

/** The points a 督导 of a unit of `scheme` checks: the scheme's own, or the default themes. */
export function checklistOf(scheme: Pick<Scheme, 'checklist'> | null): readonly string[] {
  return scheme?.checklist && scheme.checklist.length > 0 ? scheme.checklist : DEFAULT_CHECKLIST_ITEMS
}

export interface ChecklistEntry {
  item: string // e.g. 宣传教育
  result: ChecklistResult
  note: string
}

/** A visit (督导) to a unit, with what was found and what must follow. */
export interface Inspection {
  id: number
  unitId: number
  date: string // yyyy-mm-dd, the day of the visit
  inspector: string // the inspectors joined by '、', as readers before `inspectors` know it
  inspectors: string[]
  findings: string
  followUp: string // what must be done after the visit; '' when nothing
  checklist: ChecklistEntry[]
  rating: InspectionRating | null
  followUpDue: string | null // yyyy-mm-dd
  followUpClosedAt: string | null // yyyy-mm-dd: the follow-up was done
  followUpClosedBy: string
  createdBy: string // '' for visits recorded before inspections were written through the API
  createdAt: string | null // ISO timestamp; null for the same
  version: number // +1 on every write; the ETag a writer sends back
  clientId: string | null // made by the phone that recorded it (/inspect): a replay of its sync finds this visit
  gps: GpsFix | null // where the phone was when the visit was recorded
  photos: PhotoRef[] // oldest first
}

/** A phone's position fix, WGS84, with the accuracy it reported. */
export interface GpsFix {
  lon: number
  lat: number
  accuracyM: number // radius in metres, as the Geolocation API reports it
  takenAt: string // ISO instant
}

/** The image types a visit's photo may be: what a phone's canvas writes and every browser shows. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export type PhotoType = (typeof PHOTO_TYPES)[number]

/** A visit's photo, stored by the SHA-256 of its bytes (GET /api/photos/:sha256). */
export interface PhotoRef {
  sha256: string // 64 lowercase hex digits
  mime: PhotoType
  width: number
  height: number
  bytes: number
  takenAt: string | null // ISO instant the phone says it was taken
  exifLocationKept: boolean // the inspector let the photo keep its EXIF location (else the phone stripped it)
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
