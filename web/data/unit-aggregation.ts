// Which views get units as points. Above a prefecture (the country, a province) the map shows per-area counts
// only: a national ledger is up to 1 000 000 units, and no browser is sent them. Pure.
import { compareLevels } from '../../server/shared/area-codes'
import type { AreaLevel } from '../../server/shared/domain'

/** The highest level whose frame loads its units as points. */
export const UNIT_POINTS_FROM: AreaLevel = 'prefecture'

/** Does a view framing an area of `level` load and draw its units as points? */
export function showsUnitPoints(level: AreaLevel): boolean {
  return compareLevels(level, UNIT_POINTS_FROM) >= 0
}
