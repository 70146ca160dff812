// An import of a unit ledger from start to end: validate against the store (always), then, unless it is
// a dry run, write the accepted rows in one transaction. A file that cannot be read changes nothing.
import { writeRefusal, type SessionUser } from '../auth/roles'
import type { AtlasStore, ImportBatchSummary, ImportedUnit } from '../db/store'
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

export class UnitImportError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 401 | 403 = 400,
  ) {
    super(message)
  }
}

export function validationContext(snapshot: Snapshot, externalIds: ReadonlyMap<number, string>, schemeId: string | undefined, reportingYear: number): ValidationContext {
  const scheme = schemeId === undefined ? (snapshot.schemes.find((s) => s.isDefault) ?? snapshot.schemes[0]) : snapshot.schemes.find((s) => s.id === schemeId)
  if (!scheme) throw new UnitImportError(`scheme: "${schemeId}" does not exist (expected one of: ${snapshot.schemes.map((s) => s.id).join(', ')})`)
  const index = snapshot.areaIndex
  return {
    scheme,
    areas: snapshot.areas,
    locateArea: (lon, lat) => {
      const leaf = index.polygons.locate(lon, lat)
      return leaf === -1 ? null : (index.leaves[leaf]?.code ?? null)
    },
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

export async function importUnits(
  store: AtlasStore,
  bytes: Uint8Array,
  fileName: string,
  options: UnitImportOptions,
  who: { user: SessionUser | null; actor: string; today: string },
): Promise<UnitImportResult> {
  const snapshot = store.snapshot()
  const context = validationContext(snapshot, store.units.externalIds(), options.scheme, Number(who.today.slice(0, 4)))
  const report = await validateUnitFile(bytes, fileName, context, options)
  const dryRun = options.dryRun ?? true
  const units = importedUnitsOf(report)
  if (dryRun || units.length === 0) return { dryRun, report, batch: null }
  for (const unit of units) {
    const refusal = writeRefusal(who.user, unit.areaCode, snapshot.areasByCode)
    if (refusal) throw new UnitImportError(`${refusal.message}（${unit.name}）`, refusal.status)
  }
  const { dryRun: _dry, ...kept } = options
  const batch = store.imports.commitUnits(units, { fileName, options: kept, report, actor: who.actor })
  return { dryRun, report, batch }
}
