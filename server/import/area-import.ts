// An import of boundaries or area attributes from start to end: validate against the store (always), then,
// unless it is a dry run, write the accepted areas in one transaction as an 'areas' import batch, which can
// be rolled back like a unit import. A file that cannot be read changes nothing.
//
// Two kinds:
//   'boundaries' (default): GeoJSON, TopoJSON or a zipped shapefile of one level's polygons (see areas/).
//   'attributes': a CSV/XLSX of population and minority share by code (see areas/attributes.ts).
// Committing needs an admin, or an editor whose scope holds every area written (a new area: its parent).
import { writeRefusal, type SessionUser } from '../auth/roles'
import type { AtlasStore, ImportBatchSummary } from '../db/store'
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
): Promise<AreaImportResult> {
  const snapshot = store.snapshot()
  const { report, areas } =
    options.kind === 'attributes'
      ? await validateAttributesFile(bytes, fileName, snapshot.areas, options)
      : await validateAreaFile(bytes, fileName, snapshot.areas, options)
  const dryRun = options.dryRun ?? true
  if (dryRun || areas.length === 0) return { dryRun, report, batch: null }
  for (const area of areas) {
    const refusal = writeRefusal(who.user, scopeCodeOf(area), snapshot.areasByCode)
    if (refusal) throw new UnitImportError(`${refusal.message}（${area.code} ${area.name ?? snapshot.areasByCode.get(area.code)?.name ?? ''}）`, refusal.status)
  }
  const { dryRun: _dry, ...kept } = options
  const batch = store.imports.commitAreas(areas, { fileName, options: kept, report, actor: who.actor })
  return { dryRun, report, batch }
}

/** The area whose scope a write falls in: the area itself, or for a new one its parent. */
function scopeCodeOf(area: ImportedArea): string | null {
  return area.exists ? area.code : (area.parent ?? null)
}
