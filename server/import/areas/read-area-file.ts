// An area file's bytes → an AreaTable, on the calling thread: what the upload workers run (parse-task.ts).
// Everything else calls parseAreaFile (index.ts), which runs this on a worker. Imports only the readers,
// so that a worker starts without loading validation.
import { uploadLimits, type UploadLimits } from '../../limits'
import type { EncodingOption } from '../decode-text'
import { ImportError } from '../import-error'
import type { AreaTable } from './area-table'
import { readAreaJson } from './read-geojson'
import { readShapefileZip } from './read-shapefile'

export interface ReadAreaOptions {
  encoding?: EncodingOption // 'auto'
  limits?: Partial<UploadLimits> // DEFAULT_UPLOAD_LIMITS
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

/** parseAreaFile on this thread. */
export async function readAreaFile(bytes: Uint8Array, fileName: string, { encoding = 'auto', limits: changes }: ReadAreaOptions = {}): Promise<AreaTable> {
  if (bytes.length === 0) throw new ImportError('文件是空的')
  const limits = uploadLimits(changes)
  const extension = /\.([^./\\]+)$/.exec(fileName.toLowerCase())?.[1] ?? ''
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return readShapefileZip(bytes, fileName, encoding, limits)
  if (extension === 'zip') return readShapefileZip(bytes, fileName, encoding, limits) // reports the broken zip
  if (['shp', 'dbf', 'shx', 'prj', 'cpg'].includes(extension)) {
    throw new ImportError(`单独的 .${extension} 无法导入：请把同名的 .shp、.dbf、.prj（和 .cpg）一起压缩为 zip 上传`)
  }
  if (['csv', 'xlsx', 'xls', 'txt'].includes(extension)) {
    throw new ImportError(`.${extension} 是表格：边界请用 GeoJSON、TopoJSON 或 Shapefile（zip）；人口等属性表请用“属性”导入（--attributes）`)
  }
  return readAreaJson(bytes, fileName, encoding, limits)
}
