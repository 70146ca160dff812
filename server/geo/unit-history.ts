// What a unit's ledger said at a point in time, reconstructed from its status history.
import { HONOUR_LEVELS, NAMED_STATUSES, type HonourLevel, type Unit, type UnitStatus } from '../shared/domain'

/** Years a naming stays valid before it must be re-checked (复查). National namings: 5 years. */
export const NAMING_VALIDITY_YEARS: Partial<Record<HonourLevel, number>> = { 国家级: 5 }

/** The unit's status at the end of `year`, or null when the unit was not yet in the ledger. */
export function statusAsOfYear(unit: Unit, year: number): UnitStatus | null {
  if (unit.history.length === 0) {
    if (unit.yearNamed !== null && NAMED_STATUSES.includes(unit.status) && unit.yearNamed > year) return null
    return unit.status
  }
  const yearEnd = `${year}-12-31`
  let status: UnitStatus | null = null
  for (const change of unit.history) {
    if (change.at > yearEnd) break
    status = change.to
  }
  return status
}

export function levelRank(level: HonourLevel): number {
  return HONOUR_LEVELS.indexOf(level)
}

export function isAtLeastLevel(level: HonourLevel | null, minLevel: HonourLevel): boolean {
  return level !== null && levelRank(level) >= levelRank(minLevel)
}

/** The date the current plaque was given or last re-checked (yyyy-mm-dd), or null if never named. */
export function namedOn(unit: Unit): string | null {
  for (let i = unit.history.length - 1; i >= 0; i--) {
    if (NAMED_STATUSES.includes(unit.history[i].to)) return unit.history[i].at
  }
  return unit.yearNamed === null ? null : `${unit.yearNamed}-12-31`
}

/** The date a currently named unit's naming lapses, or null if its level has no fixed validity. */
export function expiresOn(unit: Unit): string | null {
  if (!NAMED_STATUSES.includes(unit.status) || unit.level === null) return null
  const years = NAMING_VALIDITY_YEARS[unit.level]
  const since = namedOn(unit)
  if (years === undefined || since === null) return null
  return addYears(since, years)
}

export function addYears(isoDate: string, years: number): string {
  const year = Number(isoDate.slice(0, 4)) + years
  return `${String(year).padStart(4, '0')}${isoDate.slice(4)}`
}
