// The period a briefing reports on: a year (2026), a half (2026H2), a quarter (2026Q3) or a month (2026-09).
// Pure: text in, dates and labels out.
import { DomainError } from '../domain-error'

export type PeriodKind = 'year' | 'half' | 'quarter' | 'month'

export interface Period {
  id: string // as written in a URL: 2026, 2026H2, 2026Q3, 2026-09
  kind: PeriodKind
  year: number
  index: number // 1 for a year; 1–2 halves, 1–4 quarters, 1–12 months
  start: string // yyyy-mm-dd, inclusive
  end: string // yyyy-mm-dd, inclusive
}

export const PERIOD_FORMS = '2026 (year), 2026H2 (half), 2026Q3 (quarter) or 2026-09 (month)'

/** Years a briefing may cover: the creation work began in the 1980s; nothing is planned past 2100. */
const FIRST_YEAR = 1980
const LAST_YEAR = 2100

const MONTHS_IN: Record<PeriodKind, number> = { year: 12, half: 6, quarter: 3, month: 1 }

export function parsePeriod(text: string): Period {
  const trimmed = text.trim().toUpperCase()
  const match = /^(\d{4})(?:(H)([1-2])|(Q)([1-4])|-(\d{2}))?$/.exec(trimmed)
  if (!match) throw periodError(text, `expected ${PERIOD_FORMS}`)
  const year = Number(match[1])
  if (year < FIRST_YEAR || year > LAST_YEAR) throw periodError(text, `expected a year from ${FIRST_YEAR} to ${LAST_YEAR}`)
  if (match[2]) return periodOf('half', year, Number(match[3]))
  if (match[4]) return periodOf('quarter', year, Number(match[5]))
  if (match[6] !== undefined) {
    const month = Number(match[6])
    if (month < 1 || month > 12) throw periodError(text, 'expected a month from 01 to 12')
    return periodOf('month', year, month)
  }
  return periodOf('year', year, 1)
}

export function periodOf(kind: PeriodKind, year: number, index: number): Period {
  const months = MONTHS_IN[kind]
  const firstMonth = (index - 1) * months + 1
  const lastMonth = firstMonth + months - 1
  const id = { year: `${year}`, half: `${year}H${index}`, quarter: `${year}Q${index}`, month: `${year}-${pad(index)}` }[kind]
  return { id, kind, year, index, start: `${year}-${pad(firstMonth)}-01`, end: `${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}` }
}

/** The same period a year earlier: what 同比 compares with. */
export function yearBefore(period: Period): Period {
  return periodOf(period.kind, period.year - 1, period.index)
}

/** Whether the period has begun by `today` (yyyy-mm-dd). */
export function hasBegun(period: Period, today: string): boolean {
  return period.start <= today
}

/** The last day the period's figures can speak for: its end, or `today` while it runs. */
export function asOfDate(period: Period, today: string): string {
  return period.end < today ? period.end : today
}

function periodError(text: string, expected: string): DomainError {
  return new DomainError('invalid', `period: ${JSON.stringify(text)} is not a period (${expected})`, { details: { parameter: 'period' } })
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}
