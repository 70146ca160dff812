// A zipped shapefile → an AreaTable. The zip holds name.shp with name.dbf (attributes), name.prj (the CRS
// as WKT) and name.cpg (the DBF's code page); .shx is not needed. Members are matched by base name,
// case-insensitively, anywhere in the zip (Windows zips often put them in a folder; __MACOSX is ignored).
// With several .shp files the first (by name) is read and the others are named in the notes.
//
// The DBF's encoding: the `encoding` option when given (not 'auto'); else the .cpg; else the DBF header's
// language driver id when it says GBK (0x4D, 0x7A); else the bytes decide: valid UTF-8 is UTF-8, anything
// else is GBK (GB18030), which is what Chinese desktop GIS writes when it writes no .cpg.
import { read as readShapefile } from 'shapefile'
import { checkLimit, DEFAULT_UPLOAD_LIMITS, type UploadLimits } from '../../limits'
import type { EncodingOption } from '../decode-text'
import { ImportError } from '../import-error'
import { unzipCapped, zipDirectory } from '../zip'
import type { AreaTable, AttributeValue, SourceFeature } from './area-table'

const LDID_GBK = new Set([0x4d, 0x7a]) // dBASE language driver ids for code page 936

type ShapefileLimits = Pick<UploadLimits, 'zipMembers' | 'memberBytes' | 'unzippedBytes' | 'rows' | 'columnsPerRow' | 'cells' | 'positions'>

/** Only the members read (.shp, .dbf, .prj, .cpg of one stem) are inflated, and only within the limits. */
export async function readShapefileZip(bytes: Uint8Array, fileName: string, encoding: EncodingOption = 'auto', limits: ShapefileLimits = DEFAULT_UPLOAD_LIMITS): Promise<AreaTable> {
  const names = zipDirectory(bytes, limits)
    .map((entry) => entry.name)
    .filter((n) => !n.startsWith('__MACOSX/') && !/(^|\/)\._/.test(n) && !n.endsWith('/'))
  const shps = names.filter((n) => /\.shp$/i.test(n)).sort()
  if (shps.length === 0) {
    const listed = names.map(memberName).join('、') || '（空）'
    throw new ImportError(`压缩包中没有 .shp 文件（其中有：${listed}）；请把 .shp、.dbf、.prj（和 .cpg）一起压缩上传`)
  }
  const shpName = shps[0]
  const stem = shpName.slice(0, -4).toLowerCase()
  const member = (ext: string) => names.find((n) => n.toLowerCase() === `${stem}.${ext}`)
  const dbfName = member('dbf')
  const prjName = member('prj')
  const cpgName = member('cpg')
  const notes: string[] = []
  if (shps.length > 1) notes.push(`压缩包中有 ${shps.length} 个 .shp，只读取了 ${memberName(shpName)}（另有：${shps.slice(1).map(memberName).join('、')}）`)
  if (dbfName === undefined) throw new ImportError(`压缩包中没有 ${memberName(shpName).replace(/\.shp$/i, '.dbf')}：没有属性表就没有区划代码和名称`)
  if (prjName === undefined) notes.push('压缩包中没有 .prj，坐标系按 --crs 选项或坐标数值判断')

  const wanted = new Set([shpName, dbfName, prjName, cpgName].filter((n): n is string => n !== undefined))
  const entries = unzipCapped(bytes, limits, (name) => wanted.has(name))
  checkRecords(entries[shpName], entries[dbfName], memberName(shpName), limits)
  const dbf = copy(entries[dbfName])
  const cpg = cpgName === undefined ? undefined : new TextDecoder('latin1').decode(entries[cpgName]).trim()
  const chosen = dbfEncoding(dbf, encoding, cpg)
  if (chosen.warning) notes.push(chosen.warning)

  let collection: Awaited<ReturnType<typeof readShapefile>>
  try {
    collection = await readShapefile(copy(entries[shpName]), dbf, { encoding: chosen.label })
  } catch (error) {
    throw new ImportError(`${memberName(shpName)} 或其 .dbf 无法读取，可能已损坏（${error instanceof Error ? error.message : String(error)}）`, { cause: error })
  }
  const fields: string[] = []
  const features: SourceFeature[] = collection.features.map((f, i) => {
    const properties: Record<string, AttributeValue> = {}
    for (const [key, value] of Object.entries(f.properties ?? {})) {
      if (!fields.includes(key)) fields.push(key)
      properties[key] = value instanceof Date ? value.toISOString().slice(0, 10) : (value as AttributeValue)
    }
    return { index: i + 1, properties, geometry: f.geometry ?? null }
  })
  const prj = prjName === undefined ? undefined : decodeLoose(entries[prjName])
  return {
    fileName,
    format: 'shapefile',
    features,
    fields,
    encoding: chosen.encoding,
    encodingSource: chosen.source,
    ...(prj ? { statedCrs: prj } : {}),
    members: [shpName, dbfName, prjName, cpgName].filter((n): n is string => n !== undefined).map(memberName),
    notes,
  }
}

/** The .shp's records and points (walked by their headers) and the .dbf's records and fields, against the limits. */
function checkRecords(shp: Uint8Array, dbf: Uint8Array, shpName: string, limits: ShapefileLimits): void {
  const shpView = new DataView(shp.buffer, shp.byteOffset, shp.byteLength)
  let records = 0
  let points = 0
  for (let at = 100; at + 8 <= shp.length; at += 8 + shpView.getInt32(at + 4, false) * 2) {
    if (++records > limits.rows) break
    if (shpView.getInt32(at + 4, false) < 0) break
    // Polylines and polygons (3, 5 and their Z and M kinds) give their point count after the type and box.
    const type = at + 12 <= shp.length ? shpView.getInt32(at + 8, true) % 10 : 0
    if ((type === 3 || type === 5) && at + 52 <= shp.length) points += Math.max(0, shpView.getInt32(at + 48, true))
  }
  checkLimit(limits, 'rows', records, `${shpName} 的要素数`, records > limits.rows)
  checkLimit(limits, 'positions', points, `${shpName} 的坐标点数`)
  if (dbf.length < 32) return // too short: the shapefile reader says what is wrong
  const dbfView = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength)
  const rows = dbfView.getUint32(4, true)
  const fields = Math.max(0, Math.floor((dbfView.getUint16(8, true) - 33) / 32))
  checkLimit(limits, 'rows', rows, `${shpName.replace(/\.shp$/i, '.dbf')} 的记录数`)
  checkLimit(limits, 'columnsPerRow', fields, `${shpName.replace(/\.shp$/i, '.dbf')} 的字段数`)
  checkLimit(limits, 'cells', rows * fields, `${shpName.replace(/\.shp$/i, '.dbf')} 的记录数 × 字段数`)
}

interface DbfEncoding {
  label: string // a TextDecoder label
  encoding: 'utf8' | 'gbk'
  source: NonNullable<AreaTable['encodingSource']>
  warning?: string
}

export function dbfEncoding(dbf: Uint8Array, option: EncodingOption, cpg: string | undefined): DbfEncoding {
  if (option === 'utf8') return { label: 'utf-8', encoding: 'utf8', source: 'option' }
  if (option === 'gb18030') return { label: 'gb18030', encoding: 'gbk', source: 'option' }
  if (cpg !== undefined && cpg !== '') {
    const key = cpg.toLowerCase().replace(/[-_\s]/g, '')
    if (key === 'utf8' || key === '65001') return { label: 'utf-8', encoding: 'utf8', source: 'cpg' }
    if (['gbk', '936', 'cp936', 'gb2312', 'gb18030', 'ansi936', 'windows936'].includes(key)) return { label: 'gb18030', encoding: 'gbk', source: 'cpg' }
    const detected = detectDbfEncoding(dbf)
    return { ...detected, warning: `.cpg 写的编码“${cpg}”无法识别，按内容判断为 ${detected.encoding === 'utf8' ? 'UTF-8' : 'GBK'}` }
  }
  if (LDID_GBK.has(dbf[29])) return { label: 'gb18030', encoding: 'gbk', source: 'ldid' }
  return detectDbfEncoding(dbf)
}

function detectDbfEncoding(dbf: Uint8Array): DbfEncoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(32))
    return { label: 'utf-8', encoding: 'utf8', source: 'detected' }
  } catch {
    return { label: 'gb18030', encoding: 'gbk', source: 'detected' }
  }
}

/** A zip member's name for messages: names stored without the UTF-8 flag come out of fflate as Latin-1. */
export function memberName(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name) || /[^\u0000-\u00ff]/.test(name)) return name
  const raw = Uint8Array.from(name, (c) => c.charCodeAt(0))
  return decodeLoose(raw)
}

function decodeLoose(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

/** A fresh copy: fflate may return views into one buffer, and shapefile reads `.buffer`. */
function copy(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes)
}
