import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeText, firstInvalidUtf8 } from '../../../server/import/decode-text'
import { ImportError } from '../../../server/import/import-error'

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url)))
const utf8 = (text: string) => new TextEncoder().encode(text)

describe('decodeText', () => {
  it('reads a UTF-8 BOM and drops it', () => {
    const decoded = decodeText(fixture('ledger-utf8-bom.csv'))
    expect(decoded.encoding).toBe('utf8')
    expect(decoded.bom).toBe(true)
    expect(decoded.text.startsWith('绥江县民族团结进步创建示范单位台账')).toBe(true)
  })

  it('takes valid UTF-8 without a BOM as UTF-8', () => {
    expect(decodeText(utf8('名称;类别\n中城镇;学校'))).toEqual({ text: '名称;类别\n中城镇;学校', encoding: 'utf8', bom: false })
  })

  it('falls back to GB18030 for GBK bytes', () => {
    const decoded = decodeText(fixture('ledger-gbk.csv'))
    expect(decoded.encoding).toBe('gb18030')
    expect(decoded.text.split('\r\n')[0]).toBe('名称,类型,级别,年份,乡镇,经度,纬度,备注')
    expect(decoded.text).toContain('绥江县民族中学')
  })

  it('decodes GB18030 when told to, even bytes that are also valid UTF-8', () => {
    // "中文" in UTF-8 is E4 B8 AD E6 96 87; read as GB18030 it is three other characters, as was asked.
    const decoded = decodeText(utf8('中文'), 'gb18030')
    expect(decoded.encoding).toBe('gb18030')
    expect(decoded.text).toHaveLength(3)
    expect(decoded.text).not.toContain('中')
  })

  it('refuses GBK bytes when told they are UTF-8, saying where', () => {
    const bytes = fixture('ledger-gbk.csv')
    expect(() => decodeText(bytes, 'utf8')).toThrow(ImportError)
    expect(() => decodeText(bytes, 'utf8')).toThrow('不是有效的 UTF-8 文本（第 1 行第 1 字节起不是 UTF-8）')
  })

  it('lets a BOM win over an explicit encoding', () => {
    expect(decodeText(fixture('ledger-utf8-bom.csv'), 'gb18030').encoding).toBe('utf8')
  })

  it('reads UTF-16 with a BOM (Excel "Unicode 文本")', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x0d, 0x54, 0xf0, 0x79]) // 名称
    expect(decodeText(le)).toEqual({ text: '名称', encoding: 'utf16le', bom: true })
    const be = new Uint8Array([0xfe, 0xff, 0x54, 0x0d, 0x79, 0xf0])
    expect(decodeText(be)).toEqual({ text: '名称', encoding: 'utf16be', bom: true })
  })

  it('refuses bytes that are neither UTF-8 nor GB18030', () => {
    const bytes = new Uint8Array([0x61, 0x0a, 0x62, 0xff, 0xff, 0x00])
    expect(() => decodeText(bytes)).toThrow('既不是 UTF-8 也不是 GB18030/GBK 文本（第 2 行第 2 字节起不是 UTF-8）')
  })
})

describe('firstInvalidUtf8', () => {
  it('finds the first byte that starts no valid sequence', () => {
    expect(firstInvalidUtf8(utf8('ab中'))).toBe(5)
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xd6, 0xd0]))).toBe(1) // GBK 中
    expect(firstInvalidUtf8(new Uint8Array([0x61, 0xe4, 0xb8]))).toBe(1) // truncated
    expect(firstInvalidUtf8(new Uint8Array([0xc0, 0x80]))).toBe(0) // overlong
  })
})
