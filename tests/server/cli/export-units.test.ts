// atlas export-units on a freshly seeded data dir: the file it writes, what it says, its audience, its errors,
// and the round trip through atlas import units (a dry run with --duplicates merge).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../server/cli/main'
import { readUnitFile } from '../../../server/import/read-unit-file'
import type { ImportReport } from '../../../server/import/validate-units'

const dataDir = mkdtempSync(join(tmpdir(), 'atlas-export-units-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

async function atlas(...argv: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { ATLAS_DATA_DIR: dataDir } })
  return { code, out, err }
}

describe('atlas export-units', () => {
  it('writes the filter’s units as CSV for Excel and says what it wrote', async () => {
    const file = join(dataDir, 'suijiang.csv')
    const { code, out, err } = await atlas('export-units', '--out', file, '--area', '530626', '--min-level', '市级')
    expect(code, err).toBe(0)
    const bytes = new Uint8Array(readFileSync(file))
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const table = await readUnitFile(bytes, file)
    expect(table.rows[0].cells.slice(0, 3)).toEqual(['单位名称', '类别', '命名级别'])
    const rows = table.rows.slice(1)
    expect(rows).toHaveLength(15) // 绥江县: 省级 4 + 市级 11
    expect(rows.every((r) => r.cells[2] === '省级' || r.cells[2] === '市级')).toBe(true)
    expect(out).toBe(`Wrote 15 units to ${file} (csv), as anonymous visitors see them (--full for everything)\n`)
  })

  it('takes the format from the extension, or from --format when they agree', async () => {
    const xlsx = join(dataDir, 'units.xlsx')
    expect((await atlas('export-units', '--out', xlsx, '--area', '530626')).code).toBe(0)
    expect((await readUnitFile(new Uint8Array(readFileSync(xlsx)), xlsx)).format).toBe('xlsx')
    const geojson = join(dataDir, 'units.txt')
    const written = await atlas('export-units', '--out', geojson, '--format', 'geojson', '--category', '学校')
    expect(written.out).toContain('(geojson)')
    expect(JSON.parse(readFileSync(geojson, 'utf8')).type).toBe('FeatureCollection')
  })

  it('redacts sensitive units unless asked for --full', async () => {
    const file = join(dataDir, 'temples.csv')
    await atlas('export-units', '--out', file, '--category', '宗教活动场所')
    const anonymous = readFileSync(file, 'utf8')
    expect(anonymous).toContain('宗教活动场所（不公开）')
    const { out } = await atlas('export-units', '--out', file, '--category', '宗教活动场所', '--full')
    expect(out).toContain('as signed-in users see them')
    expect(readFileSync(file, 'utf8')).not.toContain('（不公开）')
  })

  it('round trip: the CSV imports back with every row merging into its own unit', async () => {
    const file = join(dataDir, 'liujin.csv')
    expect((await atlas('export-units', '--out', file, '--scheme', 'liujin', '--area', '530602', '--full')).code).toBe(0)
    const reportFile = join(dataDir, 'report.json')
    const imported = await atlas('import', 'units', file, '--scheme', 'liujin', '--duplicates', 'merge', '--dry-run', '--report', reportFile)
    expect(imported.code, imported.err).toBe(0)
    const { report } = JSON.parse(readFileSync(reportFile, 'utf8')) as { report: ImportReport }
    expect(report.rows.length).toBeGreaterThan(10)
    expect(report.totals).toMatchObject({ rejected: 0, ignored: 0, warnings: report.rows.length })
    expect(report.rows.every((r) => r.messages.length === 1 && r.messages[0].includes('将合并') && r.unit?.mergeInto !== undefined)).toBe(true)
    const points = join(dataDir, 'liujin.geojson')
    await atlas('export-units', '--out', points, '--scheme', 'liujin', '--area', '530602', '--full')
    const ids = (JSON.parse(readFileSync(points, 'utf8')) as { features: { id: number }[] }).features.map((f) => f.id)
    expect(report.rows.map((r) => r.unit?.mergeInto)).toEqual(ids) // row i merges into the unit it was exported from
  })

  it('names a bad option value and what was expected', async () => {
    const file = join(dataDir, 'bad.csv')
    const level = await atlas('export-units', '--out', file, '--min-level', 'county')
    expect(level.code).toBe(2)
    expect(level.err).toContain('--min-level: "county" is not valid (expected one of 县级, 市级, 省级, 国家级)')
    const area = await atlas('export-units', '--out', file, '--area', '530699')
    expect(area.code).toBe(2)
    expect(area.err).toBe('atlas export-units: --area: 530699 does not exist in the store\n')
    const format = await atlas('export-units', '--out', file, '--format', 'xlsx')
    expect(format.err).toContain('--format xlsx disagrees with --out')
    expect((await atlas('export-units', '--out', join(dataDir, 'units'))).err).toContain('add --format csv|xlsx|geojson')
    expect((await atlas('export-units')).err).toContain('--out FILE is required')
  })

  it('has help and is listed', async () => {
    const { code, out } = await atlas('export-units', '--help')
    expect(code).toBe(0)
    expect(out).toContain('Usage: atlas export-units --out FILE')
    expect((await atlas('--help')).out).toContain('export-units')
  })
})
