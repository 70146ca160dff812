// An import of boundaries or area attributes from start to end: validate against the store (always), then,
// unless it is a dry run, write the accepted areas in one transaction as an 'areas' import batch, which can
// be rolled back like a unit import. A file that cannot be read changes nothing.
//
// Two kinds:
//   'boundaries' (default): GeoJSON, TopoJSON or a zipped shapefile of one level's polygons (see areas/).
//   'attributes': a CSV/XLSX of population and minority share by code (see areas/attributes.ts).
// Committing boundaries needs an admin (boundaryWriteRefusal): a boundary moves units between areas, so no
// area scope covers it. Committing attributes needs an admin, or an editor whose scope holds every area written.
import { boundaryWriteRefusal, writeRefusal, type SessionUser, type WriteRefusal } from '../auth/roles'
import type { AtlasStore, ImportBatchSummary } from '../db/store'
import type { OnImportProgress } from '../shared/import-progress'
import type { Snapshot } from '../snapshot'
import {
  validateAreaFile,
  validateAttributesFile,
  type AreaAttributesReport,
  type AreaFileOptions,
  type AreaImportReport,
  type AttributesFileOptions,
  type ImportedArea,
} from './areas/index'
import { UnitImportError } from './unit-import'

export const AREA_IMPORT_KINDS = ['boundaries', 'attributes'] as const
export type AreaImportKind = (typeof AREA_IMPORT_KINDS)[number]

export type AreaImportOptions =
  | (AreaFileOptions & { kind?: 'boundaries'; dryRun?: boolean })
  | (AttributesFileOptions & { kind: 'attributes'; dryRun?: boolean })

export interface AreaImportResult {
  dryRun: boolean
  report: AreaImportReport | AreaAttributesReport
  batch: ImportBatchSummary | null // null for a dry run or when nothing was accepted
}

export async function importAreas(
  store: AtlasStore,
  bytes: Uint8Array,
  fileName: string,
  options: AreaImportOptions,
  who: { user: SessionUser | null; actor: string },
  onProgress?: OnImportProgress, // features (rows) parsed, checked and written (server/shared/import-progress.ts)
): Promise<AreaImportResult> {
  const snapshot = store.snapshot()
  const { report, areas } =
    options.kind === 'attributes'
      ? await validateAttributesFile(bytes, fileName, snapshot.areas, options, onProgress)
      : await validateAreaFile(bytes, fileName, snapshot.areas, options, onProgress)
  const dryRun = options.dryRun ?? true
  if (dryRun) return { dryRun, report, batch: null }
  const now = store.snapshot() // as it is at commit time: the parse above was asynchronous
  const refusal = report.kind === 'boundaries' ? boundariesRefusal(who.user, report, now) : attributesRefusal(who.user, areas, now)
  if (refusal) throw new UnitImportError(refusal.message, refusal.kind)
  if (areas.length === 0) return { dryRun, report, batch: null }
  const { dryRun: _dry, ...kept } = options
  onProgress?.({ phase: 'write', done: 0, total: areas.length })
  const batch = store.imports.commitAreas(areas, { fileName, options: kept, report, actor: who.actor })
  onProgress?.({ phase: 'write', done: areas.length, total: areas.length })
  return { dryRun, report, batch }
}

/** Why `user` may not commit this boundary file: judged on every feature it names, rejected ones too. */
function boundariesRefusal(user: SessionUser | null, report: AreaImportReport, snapshot: Snapshot): WriteRefusal | null {
  for (const row of report.rows) {
    if (row.code === null) continue
    const refusal = boundaryWriteRefusal(user, { code: row.code, name: row.name, parent: row.parent ?? snapshot.areasByCode.get(row.code)?.parent ?? null }, snapshot.areasByCode)
    if (refusal) return refusal
  }
  return null
}

function attributesRefusal(user: SessionUser | null, areas: readonly ImportedArea[], snapshot: Snapshot): WriteRefusal | null {
  for (const area of areas) {
    const refusal = writeRefusal(user, scopeCodeOf(area), snapshot.areasByCode)
    if (refusal) return { ...refusal, message: `${refusal.message}（${area.code} ${area.name ?? snapshot.areasByCode.get(area.code)?.name ?? ''}）` }
  }
  return null
}

/** The area whose scope a write falls in: the area itself, or for a new one its parent. */
function scopeCodeOf(area: ImportedArea): string | null {
  return area.exists ? area.code : (area.parent ?? null)
}
