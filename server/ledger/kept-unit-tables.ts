// The units tables a store's readers share: one per audience and as-of year, built once and then brought up to
// date with the units written since (UnitTable.update), so the first page after an edit costs the edit, not a
// rebuild of 100 000 rows. A whole rebuild of the snapshot (an import, a boundary change) builds them again.
import { redactSensitiveUnits, selectUnits, unitFeatures } from '../geo/unit-query'
import type { AtlasStore } from '../db/store'
import { audienceOf, type Audience } from '../shared/audience'
import type { Unit } from '../shared/domain'
import { keptAcrossWrites } from '../kept-across-writes'
import type { Snapshot } from '../snapshot'
import { tableRowsOf, UnitTable, type UnitTableRow } from './unit-table'

/** Each table holds every unit: a few are kept (the two audiences now, and recent as-of years). */
const TABLES_PER_STORE = 4
/** Past this many units written since a table was used, building it again is as quick as updating it. */
const UPDATE_MAX_UNITS = 2000

/** The table of every unit `audience` sees as of `year` (now when undefined), up to date with `snapshot`, the latest of `store`. */
export function unitTableFor(store: object, snapshot: Snapshot, audience: Audience, year: number | undefined): UnitTable {
  const rowsOf = (among?: readonly Unit[]) =>
    tableRowsOf(
      redactSensitiveUnits(unitFeatures(snapshot, selectUnits(snapshot, { year }, among)), audience),
      (code) => snapshot.areasByCode.get(code)?.name ?? null,
    )
  return keptAcrossWrites(
    store,
    snapshot,
    'units table',
    `${audience.cacheKey}:${year ?? 'now'}`,
    () => new UnitTable(rowsOf()),
    (table, { units: written }) => {
      if (written.size > UPDATE_MAX_UNITS) return null
      const rows = new Map<number, UnitTableRow | null>([...written].map((id) => [id, null]))
      for (const row of rowsOf(snapshot.units.filter((u) => written.has(u.id)))) rows.set(row.id, row)
      table.update(rows)
      return table
    },
    { maxEntries: TABLES_PER_STORE },
  )
}

/**
 * What a server does before its first request: the snapshot, and the staff's table in every order with its
 * search text (at 100 000 units ~2.5 s and ~2 s), so that no reader waits for either. With `later`, only the
 * snapshot and the table's rows are made now, and the orders and search text one per `later` call (the server
 * passes setImmediate, so it listens while they are made): at 1 000 000 units they are ~11 s of a start. A
 * reader who asks for an order not yet made has it made at once.
 */
export function prepareForReading(store: Pick<AtlasStore, 'snapshot'>, later?: (step: () => void) => void): void {
  const table = unitTableFor(store, store.snapshot(), audienceOf('signed-in'), undefined)
  if (!later) {
    table.prepare()
    return
  }
  const steps = table.preparing()
  const step = () => {
    if (!steps.next().done) later(step)
  }
  later(step)
}
