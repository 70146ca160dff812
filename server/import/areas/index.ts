// Boundaries and area attributes in: read a file of any accepted format, validate it against the store's
// areas, and say feature by feature what would change.
//
//   const { report, areas } = await validateAreaFile(bytes, '乡镇.zip', store.snapshot().areas, { level: 'township' })
//
// Formats, by content first: a ZIP ("PK\x03\x04") is a zipped shapefile; text starting with "{" is GeoJSON,
// or TopoJSON when its type is "Topology". A bare .shp/.dbf is refused with what to do instead.
// Attributes (population, minority share by code) come from CSV or XLSX: validateAttributesFile.
import type { Area } from '../../domain'
import type { EncodingOption } from '../decode-text'
import { ImportError } from '../import-error'
import { parseUnitFile } from '../index'
import type { AreaTable } from './area-table'
import { validateAreaAttributes, type AreaAttributesReport } from './attributes'
import type { ExplicitAreaFields } from './area-fields'
import { readAreaJson } from './read-geojson'
import { readShapefileZip } from './read-shapefile'
import { validateAreaTable, type AreaValidateOptions, type AreaValidation, type ImportedArea } from './validate-areas'

export interface AreaFileOptions extends AreaValidateOptions {
  encoding?: EncodingOption // 'auto': see read-shapefile.ts (DBF) and decode-text.ts (JSON text)
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

export async function parseAreaFile(bytes: Uint8Array, fileName: string, encoding: EncodingOption = 'auto'): Promise<AreaTable> {
  return naming(fileName, async () => {
    if (bytes.length === 0) throw new ImportError('文件是空的')
    const extension = /\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1] ?? ''
    if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return readShapefileZip(bytes, fileName, encoding)
    if (extension === 'zip') return readShapefileZip(bytes, fileName, encoding) // reports the broken zip
    if (['shp', 'dbf', 'shx', 'prj', 'cpg'].includes(extension)) {
      throw new ImportError(`单独的 .${extension} 无法导入：请把同名的 .shp、.dbf、.prj（和 .cpg）一起压缩为 zip 上传`)
    }
    if (['csv', 'xlsx', 'xls', 'txt'].includes(extension)) {
      throw new ImportError(`.${extension} 是表格：边界请用 GeoJSON、TopoJSON 或 Shapefile（zip）；人口等属性表请用“属性”导入（--attributes）`)
    }
    return readAreaJson(bytes, fileName, encoding)
  })
}

export async function validateAreaFile(bytes: Uint8Array, fileName: string, storeAreas: readonly Area[], options: AreaFileOptions): Promise<AreaValidation> {
  const table = await parseAreaFile(bytes, fileName, options.encoding)
  return naming(fileName, () => validateAreaTable(table, storeAreas, options))
}

export interface AttributesFileOptions {
  encoding?: EncodingOption
  sheet?: string | number
  fields?: ExplicitAreaFields
}

export async function validateAttributesFile(
  bytes: Uint8Array,
  fileName: string,
  storeAreas: readonly Area[],
  options: AttributesFileOptions = {},
): Promise<{ report: AreaAttributesReport; areas: ImportedArea[] }> {
  const table = await parseUnitFile(bytes, fileName, { encoding: options.encoding, sheet: options.sheet })
  if (table.format === 'geojson') throw new ImportError(`无法读取文件“${fileName}”：属性表应为 CSV 或 XLSX`)
  return naming(fileName, () => validateAreaAttributes(table, storeAreas, options.fields))
}

async function naming<T>(fileName: string, read: () => T | Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (error instanceof ImportError) throw new ImportError(`无法读取文件“${fileName}”：${error.message}`, { cause: error })
    throw error
  }
}

export { readAreaJson } from './read-geojson'
export { readShapefileZip, dbfEncoding, memberName } from './read-shapefile'
export { resolveAreaCrs, reprojectGeometry, prjParameters, labelOf, type AreaCrs, type AreaCrsOptions } from './area-crs'
export { repairPolygonal, firstCrossing, type RepairResult } from './repair'
export { siblingFindings, areaKm2, DEFAULT_TOLERANCE_KM2, type SiblingShape, type SiblingFindings, type Gap, type Overlap, type Overhang } from './siblings'
export { areaFieldMapping, readAreaCode, impliedParent, readPopulation, readShare, AREA_FIELDS, AREA_FIELD_LABELS, CODE_LENGTH, type AreaField, type AreaFieldMapping, type ExplicitAreaFields } from './area-fields'
export { validateAreaAttributes, type AreaAttributesReport, type AttributeRowReport } from './attributes'
export {
  IMPORT_AREA_LEVELS,
  validateAreaTable,
  type AreaImportReport,
  type AreaImportTotals,
  type AreaRowReport,
  type AreaValidateOptions,
  type AreaValidation,
  type ImportAreaLevel,
  type ImportedArea,
  type SiblingGroupReport,
} from './validate-areas'
export type { AreaTable, AreaFormat, SourceFeature } from './area-table'
