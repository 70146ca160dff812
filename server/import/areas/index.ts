// Boundaries and area attributes in: read a file of any accepted format, validate it against the store's
// areas, and say feature by feature what would change.
//
//   const { report, areas } = await validateAreaFile(bytes, '乡镇.zip', store.snapshot().areas, { level: 'township' })
//
// Formats, by content first: a ZIP ("PK\x03\x04") is a zipped shapefile; text starting with "{" is GeoJSON,
// or TopoJSON when its type is "Topology". A bare .shp/.dbf is refused with what to do instead.
// Attributes (population, minority share by code) come from CSV or XLSX: validateAttributesFile.
import type { Area } from '../../shared/domain'
import type { OnImportProgress } from '../../shared/import-progress'
import type { UploadLimits } from '../../limits'
import type { EncodingOption } from '../decode-text'
import { ImportError } from '../import-error'
import { namingFile } from '../file-reading'
import { parseUnitFile } from '../index'
import { parseOffThread } from '../parse-pool'
import type { AreaTable } from './area-table'
import { validateAreaAttributes, type AreaAttributesReport } from './attributes'
import type { ExplicitAreaFields } from './area-fields'
import type { ReadAreaOptions } from './read-area-file'
import { validateAreaTable, type AreaValidateOptions, type AreaValidation, type ImportedArea } from './validate-areas'

export interface AreaFileOptions extends AreaValidateOptions {
  encoding?: EncodingOption // 'auto': see read-shapefile.ts (DBF) and decode-text.ts (JSON text)
  limits?: Partial<UploadLimits> // DEFAULT_UPLOAD_LIMITS: zip sizes, features, fields… (server/limits.ts)
}

/** Reads the file on a worker thread (parse-pool.ts), so that no upload holds up the event loop. */
export async function parseAreaFile(bytes: Uint8Array, fileName: string, encoding: EncodingOption = 'auto', limits?: Partial<UploadLimits>): Promise<AreaTable> {
  const options: ReadAreaOptions = { encoding, limits }
  return namingFile(fileName, () => parseOffThread<AreaTable>({ kind: 'areas', bytes, fileName, options }, limits))
}

/** With `onProgress`: the features read (parse), then checked (check) — in one step each, so 0 then all. */
export async function validateAreaFile(bytes: Uint8Array, fileName: string, storeAreas: readonly Area[], options: AreaFileOptions, onProgress?: OnImportProgress): Promise<AreaValidation> {
  onProgress?.({ phase: 'parse', done: 0, total: null })
  const table = await parseAreaFile(bytes, fileName, options.encoding, options.limits)
  const features = table.features.length
  onProgress?.({ phase: 'parse', done: features, total: features })
  onProgress?.({ phase: 'check', done: 0, total: features })
  const validation = await namingFile(fileName, () => validateAreaTable(table, storeAreas, options))
  onProgress?.({ phase: 'check', done: features, total: features })
  return validation
}

export interface AttributesFileOptions {
  encoding?: EncodingOption
  sheet?: string | number
  fields?: ExplicitAreaFields
  limits?: Partial<UploadLimits> // DEFAULT_UPLOAD_LIMITS
}

export async function validateAttributesFile(
  bytes: Uint8Array,
  fileName: string,
  storeAreas: readonly Area[],
  options: AttributesFileOptions = {},
  onProgress?: OnImportProgress,
): Promise<{ report: AreaAttributesReport; areas: ImportedArea[] }> {
  onProgress?.({ phase: 'parse', done: 0, total: null })
  const onRowsRead = onProgress && ((done: number, total: number | null) => onProgress({ phase: 'parse', done, total }))
  const table = await parseUnitFile(bytes, fileName, { encoding: options.encoding, sheet: options.sheet, limits: options.limits }, onRowsRead)
  if (table.format === 'geojson') throw new ImportError(`无法读取文件“${fileName}”：属性表应为 CSV 或 XLSX`)
  const rows = table.rows.length
  onProgress?.({ phase: 'parse', done: rows, total: rows })
  onProgress?.({ phase: 'check', done: 0, total: rows })
  const validation = await namingFile(fileName, () => validateAreaAttributes(table, storeAreas, options.fields))
  onProgress?.({ phase: 'check', done: rows, total: rows })
  return validation
}


export { readAreaFile, type ReadAreaOptions } from './read-area-file'
export { readAreaJson } from './read-geojson'
export { readShapefileZip, dbfEncoding, memberName } from './read-shapefile'
export { resolveAreaCrs, reprojectGeometry, prjParameters, labelOf, type AreaCrs, type AreaCrsOptions } from './area-crs'
export { repairPolygonal, firstCrossing, type CrossingRepair, type RepairResult } from './repair'
export { siblingFindings, areaKm2, DEFAULT_TOLERANCE_KM2, type SiblingShape, type SiblingFindings, type Gap, type Overlap, type Overhang } from './siblings'
export { areaFieldMapping, readAreaCode, impliedParent, readPopulation, readShare, AREA_FIELDS, AREA_FIELD_LABELS, CODE_LENGTH, type AreaField, type AreaFieldMapping, type ExplicitAreaFields } from './area-fields'
export { validateAreaAttributes, type AreaAttributesReport, type AttributeRowReport } from './attributes'
export {
  IMPORT_AREA_LEVELS,
  placeholderName,
  validateAreaTable,
  type AreaImportReport,
  type AreaImportTotals,
  type AreaRowReport,
  type AreaValidateOptions,
  type AreaValidation,
  type CreatedParent,
  type ImportAreaLevel,
  type ImportedArea,
  type SiblingGroupReport,
} from './validate-areas'
export type { AreaTable, AreaFormat, SourceFeature } from './area-table'
