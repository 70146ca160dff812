// Zip archives from strangers: shapefile zips and XLSX workbooks. The central directory is read first and
// its counts and sizes checked against the limits before anything is inflated; then each member is
// inflated in 4 KiB steps and stopped as soon as it passes the size its directory entry declared, so a
// directory that lies costs no more than one that tells the truth. Member names come out as fflate gives
// them: UTF-8 when the entry's UTF-8 flag is set, else Latin-1 (see memberName in areas/read-shapefile.ts).
import { Inflate } from 'fflate'
import { checkLimit, count, UploadLimitError, type UploadLimits } from '../limits'
import { ImportError } from './import-error'

export interface ZipEntry {
  name: string
  method: number // 0 stored, 8 deflated
  encrypted: boolean
  compressedSize: number
  size: number // uncompressed, as the directory declares it
  localOffset: number
}

const END = 0x06054b50
const END64_LOCATOR = 0x07064b50
const END64 = 0x06064b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const STEP = 4 << 10 // compressed bytes per inflate step: at most ~4 MiB out (deflate's ratio is ≤ 1032)

/** The central directory, with the member count checked before it is walked. */
export function zipDirectory(bytes: Uint8Array, limits: Pick<UploadLimits, 'zipMembers'>): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const end = findEnd(bytes, view)
  let entries = view.getUint16(end + 10, true)
  let directoryOffset = view.getUint32(end + 16, true)
  if (entries === 0xffff || directoryOffset === 0xffffffff) {
    const locator = end - 20
    if (locator >= 0 && view.getUint32(locator, true) === END64_LOCATOR) {
      const end64 = safeNumber(view.getBigUint64(locator + 8, true))
      if (end64 + 56 > bytes.length || view.getUint32(end64, true) !== END64) throw broken('ZIP64 目录尾记录缺失')
      entries = safeNumber(view.getBigUint64(end64 + 32, true))
      directoryOffset = safeNumber(view.getBigUint64(end64 + 48, true))
    }
  }
  checkLimit(limits, 'zipMembers', entries, '压缩包的成员数')
  const list: ZipEntry[] = []
  let at = directoryOffset
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) throw broken(`第 ${i + 1} 个目录项不完整`)
    const flags = view.getUint16(at + 8, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    if (at + 46 + nameLength + extraLength > bytes.length) throw broken(`第 ${i + 1} 个目录项不完整`)
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength)
    let compressedSize = view.getUint32(at + 20, true)
    let size = view.getUint32(at + 24, true)
    let localOffset = view.getUint32(at + 42, true)
    // ZIP64: the fields that read 0xffffffff are in the 0x0001 extra field, in this order.
    for (let extra = at + 46 + nameLength; extra + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = view.getUint16(extra, true)
      const length = view.getUint16(extra + 2, true)
      if (id === 0x0001) {
        let field = extra + 4
        const next = () => {
          if (field + 8 > extra + 4 + length) throw broken('ZIP64 扩展字段不完整')
          const value = safeNumber(view.getBigUint64(field, true))
          field += 8
          return value
        }
        if (size === 0xffffffff) size = next()
        if (compressedSize === 0xffffffff) compressedSize = next()
        if (localOffset === 0xffffffff) localOffset = next()
      }
      extra += 4 + length
    }
    list.push({
      name: flags & 0x800 ? new TextDecoder().decode(nameBytes) : String.fromCharCode(...nameBytes),
      method: view.getUint16(at + 10, true),
      encrypted: (flags & 1) === 1,
      compressedSize,
      size,
      localOffset,
    })
    at += 46 + nameLength + extraLength + commentLength
  }
  return list
}

/**
 * The members `wanted` (default: all but folders), inflated, once every member's declared size has passed
 * memberBytes and their sum unzippedBytes; each stops at its declared size, so the real sizes pass too.
 */
export function unzipCapped(
  bytes: Uint8Array,
  limits: Pick<UploadLimits, 'zipMembers' | 'memberBytes' | 'unzippedBytes'>,
  wanted: (name: string) => boolean = (name) => !name.endsWith('/'),
): Record<string, Uint8Array> {
  const directory = zipDirectory(bytes, limits)
  let total = 0
  for (const entry of directory) {
    checkLimit(limits, 'memberBytes', entry.size, `ZIP 成员“${entry.name}”声明的解压大小`)
    total += entry.size
  }
  checkLimit(limits, 'unzippedBytes', total, `ZIP 压缩包 ${count(directory.length)} 个成员声明的解压总大小`)
  const out: Record<string, Uint8Array> = {}
  for (const entry of directory) if (wanted(entry.name)) out[entry.name] = inflateMember(bytes, entry, limits)
  return out
}

function inflateMember(bytes: Uint8Array, entry: ZipEntry, limits: Pick<UploadLimits, 'memberBytes'>): Uint8Array {
  if (entry.encrypted) throw new ImportError(`压缩包成员“${entry.name}”已加密，请解除密码后重新压缩`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const local = entry.localOffset
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) throw broken(`成员“${entry.name}”的本地文件头缺失`)
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true)
  const data = bytes.subarray(start, start + entry.compressedSize)
  if (data.length < entry.compressedSize) throw broken(`成员“${entry.name}”的数据不完整`)
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw broken(`存储的成员“${entry.name}”声明 ${count(entry.size)} 字节，实有 ${count(entry.compressedSize)} 字节`)
    return data.slice()
  }
  if (entry.method !== 8) throw new ImportError(`压缩包成员“${entry.name}”使用了不支持的压缩方法 ${entry.method}（只支持 deflate）`)
  const chunks: Uint8Array[] = []
  let inflated = 0
  const inflater = new Inflate((chunk) => {
    inflated += chunk.length
    if (inflated > entry.size) {
      throw new UploadLimitError(
        `ZIP 成员“${entry.name}”解压后超过其目录中声明的 ${count(entry.size)} bytes（目录不实，已停止解压；每个成员的上限 memberBytes = ${count(limits.memberBytes)} bytes）`,
        'memberBytes',
      )
    }
    chunks.push(chunk)
  })
  try {
    for (let at = 0; at < data.length || at === 0; at += STEP) inflater.push(data.subarray(at, at + STEP), at + STEP >= data.length)
  } catch (error) {
    if (error instanceof UploadLimitError) throw error
    throw broken(`成员“${entry.name}”无法解压（${error instanceof Error ? error.message : String(error)}）`)
  }
  if (inflated !== entry.size) throw broken(`成员“${entry.name}”解压后为 ${count(inflated)} 字节，与目录声明的 ${count(entry.size)} 字节不符`)
  if (chunks.length === 1) return chunks[0]
  const out = new Uint8Array(inflated)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

/** The end-of-central-directory record: the last one in the final 64 KiB + 22 bytes. */
function findEnd(bytes: Uint8Array, view: DataView): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END) return at
  }
  throw broken('找不到 ZIP 目录（文件可能不完整或不是 ZIP）')
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return Number.MAX_SAFE_INTEGER
  return Number(value)
}

function broken(detail: string): ImportError {
  return new ImportError(`不是有效的 ZIP 压缩包，可能已损坏或未传完（${detail}）`)
}
