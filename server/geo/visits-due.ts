// How a unit stands against its 督导 rhythm: the visits done in a year, the visits due by a date, and the
// follow-ups whose due date has passed without being closed. Pure: the caller gives the unit, its scheme's
// visitsPerYear, its inspections and the date.
import { NAMED_STATUSES, type Inspection, type Scheme, type Unit, type UnitStatus } from '../shared/domain'

/**
 * Statuses whose units are visited. Named units (命名, 复查) are visited so that they keep their plaque at the
 * next review; units in 申报, 推荐 and 验收 are visited to check them before they are named. A unit in the 培育 pool
 * is not up for inspection yet, and a revoked (撤销) one has left the scheme.
 */
export const VISITED_STATUSES: readonly UnitStatus[] = [...NAMED_STATUSES, '申报', '推荐', '验收']

export function needsVisits(status: UnitStatus): boolean {
  return VISITED_STATUSES.includes(status)
}

export interface OverdueFollowUp {
  inspectionId: number
  date: string // of the visit that asked for it
  followUp: string
  followUpDue: string
  daysOverdue: number
}

export interface VisitsDue {
  unitId: number
  year: number // the year of `asOf`
  asOf: string // yyyy-mm-dd
  needsVisits: boolean // the unit's status is one of VISITED_STATUSES
  visitsPerYear: number
  done: number // visits dated in `year`, on or before `asOf`
  expected: number // ceil(visitsPerYear × fraction of the year elapsed by the end of `asOf`); 0 when no visits are needed
  due: number // expected − done, never below 0
  openFollowUps: number // follow-ups asked for (text or due date) and not closed
  overdueFollowUps: OverdueFollowUp[] // due date before `asOf`, not closed; oldest due first
}

/**
 * The unit's visits in the year of `asOf` (yyyy-mm-dd) against `visitsPerYear`. A visit falls due at the start
 * of each of the year's `visitsPerYear` equal periods: with 3 a year, one is due from 1 January, two from
 * early May, three from early September. `inspections` may hold other units' visits; they are ignored.
 */
export function visitsDue(unit: Pick<Unit, 'id' | 'status'>, visitsPerYear: number, inspections: readonly Inspection[], asOf: string): VisitsDue {
  const year = Number(asOf.slice(0, 4))
  const own = inspections.filter((i) => i.unitId === unit.id)
  const done = own.filter((i) => i.date.startsWith(`${year}-`) && i.date <= asOf).length
  const visited = needsVisits(unit.status)
  // The epsilon keeps 3 × (365/365) at 3 when floating point makes it 3.0000000000000004.
  const expected = visited ? Math.max(0, Math.ceil(visitsPerYear * yearElapsed(asOf) - 1e-9)) : 0
  const open = own.filter((i) => hasFollowUp(i) && i.followUpClosedAt === null)
  const overdue = open
    .filter((i): i is Inspection & { followUpDue: string } => i.followUpDue !== null && i.followUpDue < asOf)
    .map((i) => ({ inspectionId: i.id, date: i.date, followUp: i.followUp, followUpDue: i.followUpDue, daysOverdue: daysBetween(i.followUpDue, asOf) }))
    .sort((a, b) => a.followUpDue.localeCompare(b.followUpDue) || a.inspectionId - b.inspectionId)
  return {
    unitId: unit.id,
    year,
    asOf,
    needsVisits: visited,
    visitsPerYear,
    done,
    expected,
    due: Math.max(0, expected - done),
    openFollowUps: open.length,
    overdueFollowUps: overdue,
  }
}

/** Whether the visit asked for something to follow: a follow-up text or a due date. */
export function hasFollowUp(inspection: Pick<Inspection, 'followUp' | 'followUpDue'>): boolean {
  return inspection.followUp.trim() !== '' || inspection.followUpDue !== null
}

/** none: nothing asked; open: asked, not closed, not past its due date; overdue: past it; closed: done. */
export type FollowUpState = 'none' | 'open' | 'overdue' | 'closed'

export function followUpState(inspection: Pick<Inspection, 'followUp' | 'followUpDue' | 'followUpClosedAt'>, asOf: string): FollowUpState {
  if (!hasFollowUp(inspection)) return 'none'
  if (inspection.followUpClosedAt !== null) return 'closed'
  return inspection.followUpDue !== null && inspection.followUpDue < asOf ? 'overdue' : 'open'
}

/**
 * The scheme whose rhythm a unit of `category` follows: the default scheme when it lists the category, else
 * the first scheme that does, else the default (units carry no scheme; coverage counts them under the default).
 */
export function schemeOfCategory<S extends Pick<Scheme, 'isDefault' | 'categories'>>(schemes: readonly S[], category: string): S | null {
  const fallback = schemes.find((s) => s.isDefault) ?? schemes[0] ?? null
  if (fallback?.categories.includes(category)) return fallback
  return schemes.find((s) => s.categories.includes(category)) ?? fallback
}

const DAY_MS = 86_400_000

/**
 * The last day (yyyy-mm-dd) of the period in which visit `n` (1-based) of `year` is due, by the rhythm
 * visitsDue counts: the day before visit n + 1 falls due, or 31 December for the year's last visit. With 3
 * a year: visit 1 by 1 May, visit 2 by 31 August, visit 3 by 31 December.
 */
export function visitPeriodEnd(year: number, visitsPerYear: number, n: number): string {
  const start = Date.UTC(year, 0, 1)
  const days = (Date.UTC(year + 1, 0, 1) - start) / DAY_MS
  // The same epsilon as visitsDue: the period whose end falls on a whole day keeps that day.
  const lastDay = Math.min(days, Math.floor((Math.min(n, visitsPerYear) * days) / visitsPerYear + 1e-9)) - 1
  return new Date(start + lastDay * DAY_MS).toISOString().slice(0, 10)
}


/** The fraction of its year elapsed by the end of the day `date` (yyyy-mm-dd): 1/365 on 1 January, 1 on 31 December. */
export function yearElapsed(date: string): number {
  const year = Number(date.slice(0, 4))
  const start = Date.UTC(year, 0, 1)
  const days = (Date.UTC(year + 1, 0, 1) - start) / DAY_MS
  return (dayMs(date) - start) / DAY_MS / days + 1 / days
}

function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS)
}

function dayMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
}
