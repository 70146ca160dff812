// Bytes of a text ledger → string. Chinese offices save CSV as UTF-8 (with or without BOM), as GBK/GB18030
// (Excel's default "CSV" on a Chinese Windows), or, from Excel's "Unicode 文本", as UTF-16 with a BOM.
//
// auto: a BOM is conclusive; else bytes that are valid UTF-8 are UTF-8 (GBK text of any length is almost
// never valid UTF-8); else GB18030 (a superset of GBK and GB2312). Bytes valid as neither are not text.
// An explicit encoding is used as given, except that a BOM still wins (it cannot be wrong).
import { ImportError } from './import-error'

export type TextEncoding = 'utf8' | 'gb18030' | 'utf16le' | 'utf16be'
export type EncodingOption = 'auto' | 'utf8' | 'gb18030'
export const ENCODING_OPTIONS: readonly EncodingOption[] = ['auto', 'utf8', 'gb18030']

export interface DecodedText {
  text: string // without the BOM
  encoding: TextEncoding
  bom: boolean
}

const BOMS: readonly { encoding: TextEncoding; bytes: readonly number[] }[] = [
  { encoding: 'utf8', bytes: [0xef, 0xbb, 0xbf] },
  { encoding: 'utf16le', bytes: [0xff, 0xfe] },
  { encoding: 'utf16be', bytes: [0xfe, 0xff] },
]

const DECODER_LABEL: Record<TextEncoding, string> = {
  utf8: 'utf-8',
  gb18030: 'gb18030',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
}

export function decodeText(bytes: Uint8Array, encoding: EncodingOption = 'auto'): DecodedText {
  const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte))
  if (bom !== undefined) {
    const text = decodeStrict(bytes.subarray(bom.bytes.length), bom.encoding)
    if (text === null) throw new ImportError(`文件以 ${DECODER_LABEL[bom.encoding].toUpperCase()} 的 BOM 开头，但内容不是有效的该编码文本`)
    return { text, encoding: bom.encoding, bom: true }
  }
  if (encoding === 'utf8') {
    const text = decodeStrict(bytes, 'utf8')
    if (text === null) throw new ImportError(`不是有效的 UTF-8 文本（${invalidAt(bytes)}），可改用 GB18030/GBK 编码读取`)
    return { text, encoding: 'utf8', bom: false }
  }
  if (encoding === 'gb18030') {
    const text = decodeStrict(bytes, 'gb18030')
    if (text === null) throw new ImportError('不是有效的 GB18030/GBK 文本')
    return { text, encoding: 'gb18030', bom: false }
  }
  const utf8 = decodeStrict(bytes, 'utf8')
  if (utf8 !== null) return { text: utf8, encoding: 'utf8', bom: false }
  const gb = decodeStrict(bytes, 'gb18030')
  if (gb !== null) return { text: gb, encoding: 'gb18030', bom: false }
  throw new ImportError(`既不是 UTF-8 也不是 GB18030/GBK 文本（${invalidAt(bytes)}）`)
}

function decodeStrict(bytes: Uint8Array, encoding: TextEncoding): string | null {
  try {
    return new TextDecoder(DECODER_LABEL[encoding], { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return null
  }
}

/** "第 3 行第 12 字节起不是 UTF-8": where the first invalid UTF-8 sequence starts. */
function invalidAt(bytes: Uint8Array): string {
  const offset = firstInvalidUtf8(bytes)
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++
      lineStart = i + 1
    }
  }
  return `第 ${line} 行第 ${offset - lineStart + 1} 字节起不是 UTF-8`
}

/** Offset of the first byte that does not start a valid UTF-8 sequence, or the length if all are valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0
    if (length === 0 || i + length > bytes.length) return i
    if (length > 1 && decodeStrict(bytes.subarray(i, i + length), 'utf8') === null) return i
    i += length
  }
  return bytes.length
}
