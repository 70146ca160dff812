// A unit as a person creates or edits it (the unit form, a click on the map, a dragged point), checked
// against the store's schemes and areas: every problem names the field, the value and what was expected.
// The area comes from the point when none is given, and must agree with it when both are (as on import).
// Pure: no store, no clock.
import type { UnitFields } from '../db/store'
import { DomainError } from '../domain-error'
import { areaLabel, type AreaLookup, pointAgreement } from '../import/area-match'
import { readPoint, type GeographicCrs } from '../import/crs'
import type { Scheme, UnitStatus } from '../shared/domain'
import { HONOUR_LEVELS, UNIT_STATUSES } from '../shared/domain'
import { plainTextProblem } from '../text/plain-text'

/** The fields a writer may send; `status` only when creating (a status changes through the workflow). */
export type UnitInput = Partial<UnitFields>

export interface UnitEditContext {
  schemes: readonly Scheme[]
  areas: AreaLookup
  locate(lon: number, lat: number): string | null // the deepest area holding the point
  thisYear: number
}

export interface CheckedUnit {
  fields: UnitFields
  warnings: string[] // kept, but a person should look: a point read as GCJ-02, swapped coordinates
}

const EMPTY: UnitFields = {
  name: '',
  category: '',
  level: null,
  status: '培育',
  yearNamed: null,
  lon: null,
  lat: null,
  areaCode: null,
  address: '',
  contact: '',
  notes: '',
}
export const FIRST_NAMING_YEAR = 1988 // the first national 民族团结进步 commendations

/**
 * The unit after `input` is applied to `current` (null: a new unit), or a DomainError('invalid') listing
 * every problem. `crs` says how the point was measured (default WGS-84; gcj02 for a point copied from
 * 高德 or 腾讯 maps, bd09 from 百度).
 */
export function checkedUnit(current: UnitFields | null, input: UnitInput, context: UnitEditContext, crs: GeographicCrs = 'wgs84'): CheckedUnit {
  const problems: string[] = []
  const warnings: string[] = []
  if (current !== null && input.status !== undefined && input.status !== current.status) {
    problems.push(`status: an edit does not change the status (${current.status} → ${input.status}); it moves along the naming workflow: POST /api/units/:id/transitions { "to": "${input.status}" }`)
  }
  const fields: UnitFields = { ...EMPTY, ...current, ...definedOf(input) }
  fields.name = fields.name.trim().replace(/\s+/g, ' ')

  if (fields.name === '') problems.push('name: empty (expected the unit’s name, e.g. 绥江县中城镇中学)')
  for (const field of ['name', 'address', 'contact', 'notes'] as const) {
    const problem = plainTextProblem(fields[field], { lineBreaks: field !== 'name' })
    if (problem !== null) problems.push(`${field}: ${problem}`)
  }
  const categories = [...new Set(context.schemes.flatMap((s) => s.categories))]
  if (!categories.includes(fields.category)) {
    problems.push(`category: “${fields.category}” is not a category of any scheme (expected one of ${categories.join('、')})`)
  }
  if (fields.level !== null && !HONOUR_LEVELS.includes(fields.level)) problems.push(`level: “${fields.level}” (expected one of ${HONOUR_LEVELS.join('、')}, or null)`)
  if (!UNIT_STATUSES.includes(fields.status)) problems.push(`status: “${fields.status}” (expected one of ${UNIT_STATUSES.join('、')})`)
  if (fields.yearNamed !== null && !(Number.isInteger(fields.yearNamed) && fields.yearNamed >= FIRST_NAMING_YEAR && fields.yearNamed <= context.thisYear)) {
    problems.push(`yearNamed: ${fields.yearNamed} (expected a year from ${FIRST_NAMING_YEAR} to ${context.thisYear})`)
  }
  if (namedStatus(fields.status) && fields.level === null) warnings.push(`status ${fields.status} without a level: the unit counts at no level`)

  const moved = input.lon !== undefined || input.lat !== undefined
  if (moved) placePoint(fields, crs, problems, warnings)
  if (moved && input.areaCode === undefined && current !== null) followPoint(current, fields, context, warnings)
  if (moved || input.areaCode !== undefined || current === null) placeArea(fields, context, problems)

  if (problems.length > 0) throw new DomainError('invalid', problems.join('; '), { details: { problems } })
  return { fields, warnings }
}

function definedOf(input: UnitInput): UnitInput {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as UnitInput
}

function namedStatus(status: UnitStatus): boolean {
  return status === '命名' || status === '复查'
}

/** Checks the point (both or neither), converting it to WGS-84. */
function placePoint(fields: UnitFields, crs: GeographicCrs, problems: string[], warnings: string[]): void {
  const { lon, lat } = fields
  if (lon === null && lat === null) return
  if (lon === null || lat === null) {
    problems.push(lon === null ? `lon: missing beside lat ${lat} (send both, or both null)` : `lat: missing beside lon ${lon} (send both, or both null)`)
    return
  }
  const reading = readPoint({ value: lon, hemisphere: null }, { value: lat, hemisphere: null }, crs)
  if (!reading.ok) {
    problems.push(...reading.reasons.map((r) => `lon/lat: ${r}`))
    return
  }
  warnings.push(...reading.warnings)
  fields.lon = reading.lon
  fields.lat = reading.lat
}

/**
 * A point moved without a new areaCode: where the area was the old point's own (the map placed it), it follows
 * the point, and says so; where the ledger named a wider area (a county), placeArea checks the new point in it.
 */
function followPoint(before: UnitFields, fields: UnitFields, context: UnitEditContext, warnings: string[]): void {
  if (before.lon === null || before.lat === null || fields.lon === null || fields.lat === null) return
  if (before.areaCode === null || before.areaCode !== context.locate(before.lon, before.lat)) return
  const located = context.locate(fields.lon, fields.lat)
  if (located === null || located === before.areaCode) return
  const label = (code: string) => {
    const area = context.areas.byCode.get(code)
    return area ? areaLabel(area) : code
  }
  warnings.push(`areaCode: follows the point from ${label(before.areaCode)} to ${label(located)}`)
  fields.areaCode = located
}

/** The unit's area: the given one, which must exist and agree with the point, or the point's. */
function placeArea(fields: UnitFields, context: UnitEditContext, problems: string[]): void {
  const located = fields.lon === null || fields.lat === null ? null : context.locate(fields.lon, fields.lat)
  if (fields.areaCode === null) {
    if (located !== null) fields.areaCode = located
    else if (fields.lon === null) problems.push('areaCode: no area and no point (expected an area code such as 530626, or lon and lat)')
    else problems.push(`lon/lat: ${fields.lon}, ${fields.lat} lies outside every area of the store, and no areaCode was given`)
    return
  }
  const claimed = context.areas.byCode.get(fields.areaCode)
  if (!claimed) {
    problems.push(`areaCode: ${fields.areaCode} is not an area of the store`)
    return
  }
  if (fields.lon !== null && pointAgreement(claimed, located, context.areas) === 'outside') {
    const where = located === null ? 'outside every area' : `in ${areaLabel(context.areas.byCode.get(located) ?? claimed)}`
    problems.push(`lon/lat: ${fields.lon}, ${fields.lat} lies ${where}, not in ${areaLabel(claimed)} (areaCode)`)
  }
}
