// An import of a unit ledger from start to end: validate against the store (always), then, unless it is
// a dry run, write the accepted rows in one transaction. A file that cannot be read changes nothing.
import { DomainError } from '../domain-error'
import { unitPlace, unitWriteRefusal, workflowActor, type SessionUser, type UnitPlace, type WriteRefusal } from '../auth/roles'
import type { AtlasStore, ImportBatchSummary, ImportedUnit } from '../db/store'
import { deepestAreaAt, joinUnitsToAreas } from '../geo/join'
import type { OnImportProgress } from '../shared/import-progress'
import { entryRefusal } from '../shared/workflow'
import type { Snapshot } from '../snapshot'
import { validateUnitFile, type UnitFileOptions } from './index'
import type { ImportReport, ValidationContext } from './validate-units'

export interface UnitImportOptions extends UnitFileOptions {
  scheme?: string // default: the store's default scheme
  dryRun?: boolean // true: report only
}

export interface UnitImportResult {
  dryRun: boolean
  report: ImportReport
  batch: ImportBatchSummary | null // the committed import; null for a dry run or when nothing was accepted
}

/** A unit import refused as a whole: an unknown scheme (invalid), or a write the caller may not make. */
export class UnitImportError extends DomainError {
  constructor(message: string, kind: 'invalid' | 'unauthorized' | 'forbidden' = 'invalid') {
    super(kind, message)
  }
}

export function validationContext(snapshot: Snapshot, externalIds: ReadonlyMap<number, string>, schemeId: string | undefined, reportingYear: number): ValidationContext {
  const scheme = schemeId === undefined ? (snapshot.schemes.find((s) => s.isDefault) ?? snapshot.schemes[0]) : snapshot.schemes.find((s) => s.id === schemeId)
  if (!scheme) throw new UnitImportError(`scheme: "${schemeId}" does not exist (expected one of: ${snapshot.schemes.map((s) => s.id).join(', ')})`)
  const index = snapshot.areaIndex
  return {
    scheme,
    areas: snapshot.areas,
    locateArea: (lon, lat) => deepestAreaAt(index, lon, lat),
    existing: snapshot.units.map((u) => ({ id: u.id, name: u.name, areaCode: u.areaCode, lon: u.lon, lat: u.lat, externalId: externalIds.get(u.id) ?? null })),
    reportingYear,
  }
}

/** The rows to write: accepted ones and those accepted with warnings. */
export function importedUnitsOf(report: ImportReport): ImportedUnit[] {
  return report.rows.flatMap((row) => {
    if (row.status === 'rejected' || !row.unit) return []
    const { mergeInto, sourceRow: _row, ...unit } = row.unit
    return [{ ...unit, updates: mergeInto ?? null }]
  })
}

/**
 * Why `user` may not write these units (null: may), checked against each unit's place after the import
 * and, for a merge, the place of the unit it updates before. The place after is where the join would put
 * the new row, so a row is judged exactly as the atlas will count it.
 */
export function importRefusal(user: SessionUser | null, units: readonly ImportedUnit[], snapshot: Snapshot): WriteRefusal | null {
  const byId = new Map(snapshot.units.map((u) => [u.id, u]))
  const drafts = units.map((unit, i) => ({ ...unit, id: -1 - i, history: [] }))
  const { joins } = joinUnitsToAreas(drafts, snapshot.areas, snapshot.areaIndex)
  for (const [i, unit] of units.entries()) {
    const target = unit.updates === null ? undefined : byId.get(unit.updates)
    const after: UnitPlace = { ledgerArea: unit.areaCode, locatedArea: joins[i].areaCode }
    const label = target === undefined ? `单位“${unit.name}”` : `合并目标单位 #${target.id}“${target.name}”`
    const refusal = unitWriteRefusal(user, { unit: label, before: target && unitPlace(target, snapshot.unitAreas), after }, snapshot.areasByCode)
    if (refusal) return refusal
    // A status (or naming level) the importer could not have reached through the workflow: an editor's file
    // cannot name units, as an editor's form cannot.
    const changesStanding = target === undefined || target.status !== unit.status || target.level !== unit.level
    const entry = user && changesStanding ? entryRefusal(workflowActor(user, snapshot.areasByCode), unit.status, unit.level) : null
    if (entry) return { kind: 'forbidden', message: `${label}: ${entry}` }
  }
  return null
}

export async function importUnits(
  store: AtlasStore,
  bytes: Uint8Array,
  fileName: string,
  options: UnitImportOptions,
  who: { user: SessionUser | null; actor: string; today: string },
  onProgress?: OnImportProgress, // rows parsed, checked and written (see server/shared/import-progress.ts)
): Promise<UnitImportResult> {
  const snapshot = store.snapshot()
  const context = validationContext(snapshot, store.units.externalIds(), options.scheme, Number(who.today.slice(0, 4)))
  const report = await validateUnitFile(bytes, fileName, context, options, onProgress)
  const dryRun = options.dryRun ?? true
  const units = importedUnitsOf(report)
  if (dryRun || units.length === 0) return { dryRun, report, batch: null }
  // Checked on the store as it is now, not as it was before the (asynchronous) parse: nothing runs between
  // this check and the synchronous commit, so a unit moved meanwhile is judged where it now is.
  const refusal = importRefusal(who.user, units, store.snapshot())
  if (refusal) throw new UnitImportError(refusal.message, refusal.kind)
  const { dryRun: _dry, ...kept } = options
  const batch = store.imports.commitUnits(units, { fileName, options: kept, report, actor: who.actor }, onProgress && ((done, total) => onProgress({ phase: 'write', done, total })))
  return { dryRun, report, batch }
}
