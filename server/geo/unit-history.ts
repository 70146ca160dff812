// What a unit's ledger said at a point in time, reconstructed from its status history.
import { HONOUR_LEVELS, NAMED_STATUSES, type HonourLevel, type Unit, type UnitStatus } from '../shared/domain'

/** Years a naming stays valid before it must be re-checked (复查). National namings: 5 years. */
export const NAMING_VALIDITY_YEARS: Partial<Record<HonourLevel, number>> = { 国家级: 5 }

/** What the ledger said of a unit at some date: its status, its level, and when it was last named or re-checked. */
export interface LedgerState {
  status: UnitStatus
  level: HonourLevel | null
  namedOn: string | null // yyyy-mm-dd of the last naming or passed 复查, when it has been named
}

/** The unit as its ledger says now. */
export function currentLedger(unit: Unit): LedgerState {
  return { status: unit.status, level: unit.level, namedOn: namedOn(unit) }
}

/**
 * The unit as its ledger said at the end of `year`, or null when it was not yet in the ledger: its status
 * and level from its history (a unit named 县级 in 2019 and 市级 in 2022 is 县级 in 2020), and when that
 * naming was made, so that its validity counts from then. From its latest change on, the unit is as it is
 * now (an edit that corrected its level counts from then too).
 */
export function ledgerAsOfYear(unit: Unit, year: number): LedgerState | null {
  const yearEnd = `${year}-12-31`
  const { history } = unit
  if (history.length === 0) {
    return unit.yearNamed !== null && NAMED_STATUSES.includes(unit.status) && unit.yearNamed > year ? null : currentLedger(unit)
  }
  if (history[history.length - 1].at <= yearEnd) return currentLedger(unit)
  let status: UnitStatus | null = null
  let level: HonourLevel | undefined
  let named: string | null = null
  for (const change of history) {
    if (change.at > yearEnd) break
    status = change.to
    if (change.level !== undefined) level = change.level
    if (NAMED_STATUSES.includes(change.to)) named = change.at
  }
  if (status === null) return null
  // A history kept before namings recorded their level: the unit's level is the only one it has had.
  const levelsRecorded = history.some((change) => change.level !== undefined)
  return { status, level: level ?? (levelsRecorded ? null : unit.level), namedOn: named }
}

/** The unit's status at the end of `year`, or null when the unit was not yet in the ledger. */
export function statusAsOfYear(unit: Unit, year: number): UnitStatus | null {
  return ledgerAsOfYear(unit, year)?.status ?? null
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

/** The date a named unit's naming lapses as `state` has it (now, or as of a year), or null if its level has no fixed validity. */
export function expiresOn(state: LedgerState): string | null {
  if (!NAMED_STATUSES.includes(state.status) || state.level === null) return null
  const years = NAMING_VALIDITY_YEARS[state.level]
  if (years === undefined || state.namedOn === null) return null
  return addYears(state.namedOn, years)
}

export function addYears(isoDate: string, years: number): string {
  const year = Number(isoDate.slice(0, 4)) + years
  return `${String(year).padStart(4, '0')}${isoDate.slice(4)}`
}
