// The upload limits one by one (server/limits.ts): each is a 413-class UploadLimitError naming the limit and
// the value found, raised before the work it bounds, with small limits and small files.
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { zipSync } from 'fflate'
import { describe, expect, test } from 'vitest'
import { parseAreaFile } from '../../../server/import/areas'
import { readAreaFile } from '../../../server/import/areas/read-area-file'
import { ImportError, parseCsv, parseUnitFile } from '../../../server/import'
import { readUnitFile } from '../../../server/import/read-unit-file'
import { readXlsx } from '../../../server/import/xlsx'
import { unzipCapped } from '../../../server/import/zip'
import { checkJsonDepth, DEFAULT_UPLOAD_LIMITS, jsonDepth, uploadLimits, UploadLimitError, type LimitName } from '../../../server/limits'
import { deepJson, lyingShapefileZip, manyMembersZip, wideCsv, zerosMember, zipOf } from '../../fixtures/hostile-uploads'

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/import/${path}`, import.meta.url)))
const MIB = 1 << 20

/** The UploadLimitError `run` throws, checked to name `limit`. */
async function refusal(run: () => unknown, limit: LimitName): Promise<UploadLimitError> {
  let caught: unknown
  try {
    await run()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(UploadLimitError)
  const error = caught as UploadLimitError
  expect(error.limit).toBe(limit)
  expect(error.message).toContain(limit)
  expect(error.kind).toBe('too_large')
  expect(error).toBeInstanceOf(ImportError) // what reports an unreadable file reports this too
  return error
}

describe('jsonDepth', () => {
  test('counts nesting outside strings, escapes included', () => {
    expect(jsonDepth('')).toBe(0)
    expect(jsonDepth('42')).toBe(0)
    expect(jsonDepth('{"a":[1,{"b":[]}]}')).toBe(4)
    expect(jsonDepth('["[[[{{", "\\"[[[", {"k]":"}}"}]')).toBe(2)
    expect(jsonDepth(deepJson(100_000))).toBe(100_000)
  })

  test('checkJsonDepth names the depth found and the limit', async () => {
    const error = await refusal(() => checkJsonDepth({ jsonDepth: 8 }, deepJson(9), 'JSON '), 'jsonDepth')
    expect(error.message).toBe('JSON 嵌套 9 层，超出上限 jsonDepth = 8 层')
    expect(() => checkJsonDepth({ jsonDepth: 8 }, deepJson(8), 'JSON ')).not.toThrow()
  })
})

describe('zip limits', () => {
  const limits = uploadLimits({ zipMembers: 10, memberBytes: 2 * MIB, unzippedBytes: 3 * MIB })

  test('an honest zip within the limits comes out whole', () => {
    const files = { 'a.txt': new TextEncoder().encode('甲乙丙'.repeat(1000)), 'b/c.bin': new Uint8Array(MIB).fill(7) }
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(b) // toEqual walks a megabyte slowly
    const out = unzipCapped(zipSync(files), limits)
    expect(Object.keys(out).sort()).toEqual(['a.txt', 'b/c.bin'])
    expect(same(out['a.txt'], files['a.txt'])).toBe(true)
    expect(same(out['b/c.bin'], files['b/c.bin'])).toBe(true)
    expect(same(unzipCapped(zipSync(files, { level: 0 }), limits)['b/c.bin'], files['b/c.bin'])).toBe(true) // stored
  })

  test('zipMembers: counted from the directory before any member is read', async () => {
    const error = await refusal(() => unzipCapped(manyMembersZip(11), limits), 'zipMembers')
    expect(error.message).toBe('压缩包的成员数为 11，超出上限 zipMembers = 10')
  })

  test('memberBytes: a member declaring more is refused before inflating', async () => {
    const error = await refusal(() => unzipCapped(zipOf([zerosMember('big.shp', 3)]), limits), 'memberBytes')
    expect(error.message).toBe('ZIP 成员“big.shp”声明的解压大小为 3,145,728 bytes，超出上限 memberBytes = 2,097,152 bytes')
  })

  test('unzippedBytes: the declared sizes of all members together', async () => {
    const error = await refusal(() => unzipCapped(zipOf([zerosMember('a.shp', 2), zerosMember('b.shp', 2)]), limits), 'unzippedBytes')
    expect(error.message).toContain('4,194,304 bytes')
  })

  test('a directory that lies: inflating stops past the declared size', async () => {
    const error = await refusal(() => unzipCapped(lyingShapefileZip(1200), uploadLimits()), 'memberBytes')
    expect(error.message).toContain('乡镇.shp')
    expect(error.message).toContain('目录中声明的 1,000 bytes')
  })

  test('a member shorter than declared, an encrypted one, a broken directory: ImportErrors', () => {
    const short = zipOf([{ ...zerosMember('a.shp', 1), size: 2 * MIB }])
    expect(() => unzipCapped(short, limits)).toThrow(/与目录声明的 2,097,152 字节不符/)
    const encrypted = zipSync({ 'a.txt': new Uint8Array(10) })
    encrypted[Buffer.from(encrypted).indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8] |= 1 // the central entry's flags
    expect(() => unzipCapped(encrypted, limits)).toThrow(/已加密/)
    expect(() => unzipCapped(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), limits)).toThrow(ImportError)
  })
})

describe('table limits', () => {
  const limits = uploadLimits({ rows: 3, columnsPerRow: 3, cells: 7, cellChars: 5 })

  test('columnsPerRow names the row and every column it has', async () => {
    const error = await refusal(() => parseCsv('a,b\nc,d,e,f,g\n', { delimiter: ',', limits }), 'columnsPerRow')
    expect(error.message).toBe('第2行的列数为 5，超出上限 columnsPerRow = 3')
  })

  test('rows, cells and cellChars', async () => {
    expect((await refusal(() => parseCsv('a\nb\nc\nd\ne\n', { delimiter: ',', limits }), 'rows')).message).toBe('文件的行数为 5，超出上限 rows = 3')
    expect((await refusal(() => parseCsv('a,b,c\nd,e,f\ng,h\n', { delimiter: ',', limits }), 'cells')).message).toContain('前3行的单元格数超过 8')
    expect((await refusal(() => parseCsv('a,"bcdefg"\n', { delimiter: ',', limits }), 'cellChars')).message).toBe('第1行第2列的字符数超过 5，超出上限 cellChars = 5')
  })

  test('a delimiter under which the first rows break a limit is not chosen', () => {
    const text = 'ab\tcd\tef\ngh\tij\tkl\n' // under "," each line is one 8-character cell
    expect(parseCsv(text, { limits: uploadLimits({ cellChars: 5 }) })).toMatchObject({ delimiter: '\t', rows: [{ cells: ['ab', 'cd', 'ef'] }, { cells: ['gh', 'ij', 'kl'] }] })
  })

  test('a CSV over 1 MiB whose first megabyte breaks a limit is refused before it is decoded whole', async () => {
    const error = await refusal(() => readUnitFile(wideCsv(3_000_000), 'wide.csv'), 'columnsPerRow')
    expect(error.message).toMatch(/^第1行的列数超过 1,0\d\d,\d{3}，超出上限 columnsPerRow = 1,000$/)
  })

  test('XLSX: cells counted in the sheet XML (xlsxCells); rows × columns of the sheet read', async () => {
    await refusal(() => readXlsx(fixture('ledger.xlsx'), { limits: uploadLimits({ xlsxCells: 20 }) }), 'xlsxCells')
    await refusal(() => readXlsx(fixture('ledger.xlsx'), { limits: uploadLimits({ columnsPerRow: 8 }) }), 'columnsPerRow')
    expect((await readXlsx(fixture('ledger.xlsx'))).rows).toHaveLength(8)
  })

  test('GeoJSON points: jsonDepth before parsing, then features and properties', async () => {
    const text = new TextEncoder().encode(readFileSync(new URL('../../fixtures/import/ledger.geojson', import.meta.url), 'utf8'))
    await refusal(() => readUnitFile(text, 'ledger.geojson', { limits: { jsonDepth: 3 } }), 'jsonDepth')
    await refusal(() => readUnitFile(text, 'ledger.geojson', { limits: { rows: 2 } }), 'rows')
    await refusal(() => readUnitFile(text, 'ledger.geojson', { limits: { columnsPerRow: 3 } }), 'columnsPerRow')
  })
})

describe('area file limits', () => {
  test('a TopoJSON naming one long arc ten thousand times: positions, counted before expanding', async () => {
    const arc = Array.from({ length: 1000 }, (_, i) => [i === 0 ? 0 : 1, 0])
    const polygons = Array.from({ length: 10_000 }, () => ({ type: 'Polygon', arcs: [[0]] }))
    const topology = { type: 'Topology', arcs: [arc], objects: { towns: { type: 'GeometryCollection', geometries: polygons } } }
    const bytes = new TextEncoder().encode(JSON.stringify(topology)) // 0.3 MB → 10 000 000 positions
    const error = await refusal(() => readAreaFile(bytes, 'bomb.topojson'), 'positions')
    expect(error.message).toBe('TopoJSON 展开后的坐标点数为 10,000,000，超出上限 positions = 5,000,000')
  })

  test('a shapefile: its records (rows), points (positions) and fields (columnsPerRow), from the .shp and .dbf headers', async () => {
    const zip = fixture('areas/suijiang-townships-gk.zip')
    await refusal(() => readAreaFile(zip, '乡镇.zip', { limits: { rows: 3 } }), 'rows')
    await refusal(() => readAreaFile(zip, '乡镇.zip', { limits: { positions: 100 } }), 'positions')
    expect((await readAreaFile(zip, '乡镇.zip')).features.length).toBeGreaterThan(3)
    await refusal(() => readAreaFile(zip, '乡镇.zip', { limits: { columnsPerRow: 1 } }), 'columnsPerRow')
    await refusal(() => readAreaFile(zip, '乡镇.zip', { limits: { memberBytes: 1000 } }), 'memberBytes')
  })
})

describe('reading on a worker', () => {
  test('errors come back as their own class, named for the file', async () => {
    const limited = await refusal(() => parseUnitFile(wideCsv(2000), 'wide.csv'), 'columnsPerRow')
    expect(limited.message).toMatch(/^无法读取文件“wide.csv”：第1行的列数为 2,003/)
    await expect(parseUnitFile(new Uint8Array(), 'empty.csv')).rejects.toThrow('无法读取文件“empty.csv”：文件是空的')
    await refusal(() => parseAreaFile(lyingShapefileZip(50), '乡镇.zip'), 'memberBytes')
  })

  test('queuedUploads: files beyond the queue are refused at once with a 503', async () => {
    const ledger = new TextEncoder().encode(`单位名称,经度,纬度\n${'示范单位,103.7,27.3\n'.repeat(20_000)}`)
    const sent = Math.max(1, availableParallelism() - 1) + DEFAULT_UPLOAD_LIMITS.queuedUploads + 4
    const outcomes = await Promise.allSettled(Array.from({ length: sent }, () => parseUnitFile(ledger, 'a.csv')))
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason as UploadLimitError)
    expect(refused.length).toBeGreaterThanOrEqual(4)
    for (const error of refused) expect(error).toMatchObject({ limit: 'queuedUploads', busy: true, kind: 'unavailable', code: 'busy' })
    expect(outcomes.filter((o) => o.status === 'fulfilled').length).toBeGreaterThanOrEqual(DEFAULT_UPLOAD_LIMITS.queuedUploads)
  }, 30_000)

  test('parseSeconds: a file read for longer is stopped, its worker with it', async () => {
    const ledger = new TextEncoder().encode(`单位名称,经度,纬度\n${'示范单位,103.7,27.3\n'.repeat(150_000)}`) // ~150 ms to read
    const error = await refusal(() => parseUnitFile(ledger, 'a.csv', { limits: { parseSeconds: 0.02 } }), 'parseSeconds')
    expect(error.message).toContain('parseSeconds = 0.02 s')
    expect((await parseUnitFile(wideCsv(10), 'a.csv')).rows).toHaveLength(2) // the pool goes on
  })
})
