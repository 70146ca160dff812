import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inflateRawSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { crc32, zipStore } from '../../../server/export/zip'

const dir = mkdtempSync(join(tmpdir(), 'atlas-zip-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('zip writer', () => {
  it('computes CRC-32 check values', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array())).toBe(0)
  })

  it('writes an archive unzip lists and tests, with UTF-8 names', () => {
    const big = Buffer.alloc(300_000, 7)
    const file = join(dir, 'atlas.zip')
    writeFileSync(file, zipStore([
      { name: '01-530626101-中城镇.png', data: Buffer.from('png one') },
      { name: 'pages/02.png', data: big },
    ]))
    const listing = execFileSync('unzip', ['-l', file]).toString()
    expect(listing).toContain('01-530626101-中城镇.png')
    expect(listing).toContain('300000')
    expect(listing).toContain('2 files')
    expect(execFileSync('unzip', ['-t', file]).toString()).toContain('No errors detected')
    expect(execFileSync('unzip', ['-p', file, 'pages/02.png']).equals(big)).toBe(true)
  })

  it('stores, does not compress', () => {
    const bytes = zipStore([{ name: 'a.txt', data: Buffer.from('hello') }])
    expect(bytes.readUInt16LE(8)).toBe(0) // method 0: stored
    expect(bytes.subarray(30 + 5, 30 + 10).toString()).toBe('hello')
    expect(() => inflateRawSync(bytes.subarray(35, 40))).toThrow()
  })
})
