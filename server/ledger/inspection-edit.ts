// An inspection (督导) as a writer records or changes it, checked: every problem names the field, the value and
// what was expected, all of them at once. The route has checked the body's shape (zod); this checks what it
// means. Pure: the caller says which units exist and what day it is.
import type { InspectionFields } from '../db/store'
import { DomainError } from '../domain-error'
import { CHECKLIST_RESULTS, INSPECTION_RATINGS, type ChecklistResult, type Inspection, type InspectionRating } from '../shared/domain'
import { escapeControlCharacters, plainTextProblem } from '../text/plain-text'
import { hasFollowUp } from '../geo/visits-due'

/** What a writer may send; on a create `unit`, `date` and `inspectors` are required. */
export interface InspectionInput {
  unit?: number
  date?: string
  inspectors?: string[]
  checklist?: { item: string; result: string; note?: string }[]
  rating?: string | null
  findings?: string
  followUp?: string
  followUpDue?: string | null
  followUpClosedAt?: string | null // PATCH only: closes (a date) or reopens (null) the follow-up
  gps?: { lon: number; lat: number; accuracyM: number; takenAt: string } | null // create only: the phone's fix
}

export interface InspectionEditContext {
  unitExists(id: number): boolean
  today: string // yyyy-mm-dd: no visit, and no closing, lies after it
}

const EMPTY: Omit<InspectionFields, 'unitId' | 'date' | 'inspectors' | 'followUpClosedAt'> = { checklist: [], rating: null, findings: '', followUp: '', followUpDue: null }

export const MAX_INSPECTORS = 20
const MAX_NAME = 40

/** A new inspection from `input`, with what it leaves out empty; or a DomainError('invalid') listing every problem (details: { problems }). */
export function checkedNewInspection(input: InspectionInput, context: InspectionEditContext): Omit<InspectionFields, 'followUpClosedAt'> {
  const { followUpClosedAt: _closed, ...fields } = checkedFields(null, input, context)
  // Without a problem, unit, date and inspectors are there (checkedFields requires them of a new inspection).
  const { unitId, date, inspectors } = fields as Required<typeof fields>
  return { ...EMPTY, ...fields, unitId, date, inspectors }
}

/** The fields of `current` that `input` changes; or a DomainError('invalid') listing every problem (details: { problems }). */
export function checkedInspectionChange(current: Inspection, input: InspectionInput, context: InspectionEditContext): Partial<Omit<InspectionFields, 'unitId'>> {
  const { unitId: _unit, ...fields } = checkedFields(current, input, context)
  return fields
}

function checkedFields(current: Inspection | null, input: InspectionInput, context: InspectionEditContext): Partial<InspectionFields> {
  const problems: string[] = []
  const fields: Partial<InspectionFields> = {}

  if (current === null) {
    if (input.unit === undefined) problems.push('unit: missing (expected the id of the inspected unit, e.g. 12)')
    else if (!context.unitExists(input.unit)) problems.push(`unit: ${input.unit} does not exist`)
    else fields.unitId = input.unit
    for (const field of ['date', 'inspectors'] as const) {
      if (input[field] === undefined) problems.push(`${field}: missing (expected ${field === 'date' ? 'the day of the visit, yyyy-mm-dd' : 'the names of the inspectors, e.g. ["张三", "李四"]'})`)
    }
    if (input.gps != null) {
      const problem = gpsProblem(input.gps)
      if (problem === null) fields.gps = input.gps
      else problems.push(`gps: ${problem}`)
    }
  } else if (input.unit !== undefined && input.unit !== current.unitId) {
    problems.push(`unit: ${input.unit} (an inspection stays with its unit ${current.unitId}; record a new one for another unit)`)
  }

  if (input.date !== undefined) {
    const problem = dateProblem(input.date) ?? (input.date > context.today ? `is after today ${context.today} (expected the day of a visit that took place)` : null)
    if (problem === null) fields.date = input.date
    else problems.push(`date: ${shown(input.date)} ${problem}`)
  }
  if (input.inspectors !== undefined) {
    const names = inspectorNames(input.inspectors, problems)
    if (names !== null) fields.inspectors = names
  }
  if (input.checklist !== undefined) {
    const checklist = checkedChecklist(input.checklist, problems)
    if (checklist !== null) fields.checklist = checklist
  }
  if (input.rating !== undefined) {
    if (input.rating === null || isRating(input.rating)) fields.rating = input.rating
    else problems.push(`rating: ${shown(input.rating)} is not a rating (expected ${orList(INSPECTION_RATINGS)})`)
  }
  for (const field of ['findings', 'followUp'] as const) {
    const text = input[field]
    if (text === undefined) continue
    const problem = plainTextProblem(text, { lineBreaks: true })
    if (problem === null) fields[field] = text.trim()
    else problems.push(`${field}: ${problem}`)
  }
  for (const field of ['followUpDue', 'followUpClosedAt'] as const) {
    const date = input[field]
    if (date === undefined) continue
    const problem = date === null ? null : dateProblem(date)
    if (problem === null) fields[field] = date
    else problems.push(`${field}: ${shown(date as string)} ${problem}`)
  }

  const after = { ...current, ...fields }
  const datesChanged = fields.date !== undefined || fields.followUpDue !== undefined
  if (datesChanged && after.date !== undefined && after.followUpDue != null && after.followUpDue < after.date) {
    problems.push(`followUpDue: ${after.followUpDue} is before the visit on ${after.date} (expected a day on or after it)`)
  }
  if (fields.followUpClosedAt !== undefined && fields.followUpClosedAt !== null) {
    const closed = fields.followUpClosedAt
    if (!hasFollowUp({ followUp: after.followUp ?? '', followUpDue: after.followUpDue ?? null })) {
      problems.push(`followUpClosedAt: ${closed} closes nothing (the inspection asks for no follow-up: set followUp or followUpDue first)`)
    } else if (after.date !== undefined && closed < after.date) {
      problems.push(`followUpClosedAt: ${closed} is before the visit on ${after.date} (expected a day from it to today)`)
    } else if (closed > context.today) {
      problems.push(`followUpClosedAt: ${closed} is after today ${context.today} (expected the day the follow-up was done)`)
    }
  }

  if (problems.length > 0) throw new DomainError('invalid', problems.join('; '), { details: { problems } })
  return fields
}

/** Largest accuracy radius kept: a fix worse than this says nothing about where the visit was. */
const MAX_GPS_ACCURACY_M = 100_000

function gpsProblem({ lon, lat, accuracyM, takenAt }: NonNullable<InspectionInput['gps']>): string | null {
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) return `lon ${lon} is not a longitude (expected −180 to 180, WGS84)`
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) return `lat ${lat} is not a latitude (expected −90 to 90, WGS84)`
  if (!Number.isFinite(accuracyM) || accuracyM < 0 || accuracyM > MAX_GPS_ACCURACY_M) return `accuracyM ${accuracyM} (expected metres from 0 to ${MAX_GPS_ACCURACY_M})`
  if (Number.isNaN(Date.parse(takenAt)) || !/^\d{4}-\d{2}-\d{2}T/.test(takenAt)) return `takenAt ${shown(takenAt)} is not an instant (expected ISO 8601, e.g. 2026-10-12T08:30:00Z)`
  return null
}

/** Whether `text` is a real day written yyyy-mm-dd (2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  return dateProblem(text) === null
}

function dateProblem(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (match) {
    const [year, month, day] = match.slice(1).map(Number)
    const date = new Date(Date.UTC(year, month - 1, day))
    if (year >= 1949 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) return null
  }
  return 'is not a date (expected yyyy-mm-dd)'
}

/** The names, trimmed, split where one entry holds several (、，,), without repeats; null after a problem. */
function inspectorNames(entries: readonly string[], problems: string[]): string[] | null {
  const names = [...new Set(entries.flatMap((e) => e.split(/[、，,]/)).map((n) => n.trim().replace(/\s+/g, ' ')).filter(Boolean))]
  const before = problems.length
  if (names.length === 0) problems.push(`inspectors: ${shown(JSON.stringify(entries))} names nobody (expected at least one inspector, e.g. ["张三"])`)
  if (names.length > MAX_INSPECTORS) problems.push(`inspectors: ${names.length} names (expected at most ${MAX_INSPECTORS})`)
  for (const name of names) {
    const problem = plainTextProblem(name)
    if (problem !== null) problems.push(`inspectors: ${problem}`)
    else if (name.length > MAX_NAME) problems.push(`inspectors: ${shown(name)} is ${name.length} characters long (expected a name of at most ${MAX_NAME})`)
  }
  return problems.length === before ? names : null
}

function checkedChecklist(entries: NonNullable<InspectionInput['checklist']>, problems: string[]): InspectionFields['checklist'] | null {
  const before = problems.length
  const seen = new Set<string>()
  const checklist = entries.map(({ item, result, note = '' }, i) => {
    const name = item.trim()
    if (name === '') problems.push(`checklist.${i}.item: empty (expected what was checked, e.g. 宣传教育)`)
    else if (seen.has(name)) problems.push(`checklist.${i}.item: ${shown(name)} is listed twice`)
    seen.add(name)
    for (const [field, text] of [['item', item], ['note', note]] as const) {
      const problem = plainTextProblem(text, { lineBreaks: field === 'note' })
      if (problem !== null) problems.push(`checklist.${i}.${field}: ${problem}`)
    }
    if (!isResult(result)) problems.push(`checklist.${i}.result: ${shown(result)} is not a result (expected ${orList(CHECKLIST_RESULTS)})`)
    return { item: name, result: result as ChecklistResult, note: note.trim() }
  })
  return problems.length === before ? checklist : null
}

function isRating(text: string): text is InspectionRating {
  return (INSPECTION_RATINGS as readonly string[]).includes(text)
}

function isResult(text: string): text is ChecklistResult {
  return (CHECKLIST_RESULTS as readonly string[]).includes(text)
}

/** "优秀, 良好, 合格 or 不合格" */
function orList(items: readonly string[]): string {
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}

/** A value as a message shows it: control characters escaped, cut to 60 characters. */
function shown(text: string): string {
  const safe = escapeControlCharacters(text)
  return safe.length > 60 ? `${safe.slice(0, 60)}…` : safe
}
