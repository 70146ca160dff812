import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PROJECT_ROOT } from '../../../server/paths'
import { runCli } from '../../../server/cli/main'
import type { CoverageReport } from '../../../server/geo/coverage'

const dataDir = mkdtempSync(join(tmpdir(), 'atlas-cli-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

async function atlas(...argv: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { ATLAS_DATA_DIR: dataDir } })
  return { code, out, err }
}

describe('atlas coverage', () => {
  it('prints JSON coverage per county from a freshly seeded data dir', async () => {
    const { code, out, err } = await atlas('coverage', '--level', 'county')
    expect(code, err).toBe(0)
    const report = JSON.parse(out) as CoverageReport
    expect(report.areas).toHaveLength(11)
    expect(report.areas.find((a) => a.code === '530626')?.byLevel).toEqual({ 国家级: 0, 省级: 4, 市级: 11, 县级: 20 })
  })

  it('writes CSV with a BOM for Excel', async () => {
    const file = join(dataDir, 'suijiang.csv')
    const { code } = await atlas('coverage', '--level', 'township', '--parent', '530626', '--format', 'csv', '--out', file)
    expect(code).toBe(0)
    const text = readFileSync(file, 'utf8')
    expect(text.startsWith('\uFEFFcode,name,level,total')).toBe(true)
    expect(text).toContain('530626101,中城镇,township')
  })

  it('names a bad option value and what was expected', async () => {
    const { code, err } = await atlas('coverage', '--level', 'city')
    expect(code).toBe(2)
    expect(err).toContain('"city"')
    expect(err).toContain('expected county, township')
  })

  it('rejects unknown options and unknown parents', async () => {
    expect((await atlas('coverage', '--colour', 'red')).err).toContain("Unknown option '--colour'")
    const missing = await atlas('coverage', '--parent', '530699')
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('530699')
  })

  it('has help', async () => {
    const { code, out } = await atlas('coverage', '--help')
    expect(code).toBe(0)
    expect(out).toContain('Usage: atlas coverage')
  })
})

describe('atlas', () => {
  it('lists commands and rejects unknown ones', async () => {
    expect((await atlas('--help')).out).toContain('coverage')
    const unknown = await atlas('frobnicate')
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('"frobnicate"')
  })
})

describe('atlas plan', () => {
  it('names chosen candidates by id and the weight covered, with the gap', async () => {
    const { code, out, err } = await atlas('plan', '--area', '530626', '--sites', '3', '--radius-km', '3')
    expect(code, err).toBe(0)
    const plan = JSON.parse(out)
    expect(plan.chosen.length).toBeGreaterThanOrEqual(1)
    expect(plan.chosen[0].id).toMatch(/^unit-\d+$/)
    expect(err).toMatch(/^绥江县 \(mclp\): \d of 3 sites chosen \(unit-\d+.*covered weight \d+ → \d+ of \d+ .*gap \d+\.\d% .* · 示例数据/)
  })

  it('reads demand and candidate files and writes GeoJSON', async () => {
    const demand = join(dataDir, 'demand.csv')
    const candidates = join(dataDir, 'candidates.geojson')
    writeFileSync(demand, 'lon,lat,weight,id\n104.0,28.5,100,v1\n104.3,28.6,40,v2\n')
    writeFileSync(candidates, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', id: 'c1', geometry: { type: 'Point', coordinates: [104.3, 28.601] }, properties: {} },
      { type: 'Feature', id: 'c2', geometry: { type: 'Point', coordinates: [104.001, 28.5] }, properties: {} },
    ] }))
    const { code, out, err } = await atlas('plan', '--area', '530626', '--sites', '1', '--radius-km', '2', '--demand', demand,
      '--candidates', candidates, '--required', demand, '--format', 'geojson')
    expect(code, err).toBe(0)
    expect(JSON.parse(out).features).toEqual([])
    const far = join(dataDir, 'far.csv')
    writeFileSync(far, '103.6,28.0\n')
    const fresh = await atlas('plan', '--area', '530626', '--sites', '1', '--radius-km', '2', '--demand', demand, '--candidates', candidates,
      '--required', far, '--format', 'geojson')
    expect(JSON.parse(fresh.out).features.map((f: { id: string }) => f.id)).toEqual(['c2'])
  })

  it('names a missing option, a bad value and an unreadable file', async () => {
    expect((await atlas('plan', '--area', '530626')).err).toContain('--sites is required')
    expect((await atlas('plan', '--area', '530626', '--sites', 'three')).err).toContain('--sites: "three" is not valid')
    const missing = await atlas('plan', '--area', '530626', '--sites', '1', '--demand', '/nonexistent/d.csv')
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('cannot read demand file /nonexistent/d.csv: ENOENT')
  })
})

describe('atlas import units', () => {
  const ledger = join(PROJECT_ROOT, 'tests/fixtures/import/ledger-gbk.csv')

  it('a dry run prints the report with rejected rows and writes nothing; --report keeps the JSON', async () => {
    const report = join(dataDir, 'report.json')
    const { code, out, err } = await atlas('import', 'units', ledger, '--dry-run', '--report', report)
    expect(code, err).toBe(0)
    expect(out).toContain('ledger-gbk.csv (csv, gb18030')
    expect(out).toMatch(/rows read \d+: accepted \d+, with warnings \d+, rejected \d+, ignored \d+/)
    expect(out).toContain('Dry run: nothing was written.')
    expect(JSON.parse(readFileSync(report, 'utf8')).report.fileName).toBe('ledger-gbk.csv')
  })

  it('commits the accepted rows as one import', async () => {
    const { code, out, err } = await atlas('import', 'units', ledger)
    expect(code, err).toBe(0)
    expect(out).toMatch(/Committed import \d+: \d+ units added, 0 updated\./)
  })

  it('names what is wrong with the command line or the file', async () => {
    expect((await atlas('import', 'ledger.csv')).err).toContain('expected "units" or "areas" after import, got "ledger.csv"')
    expect((await atlas('import', 'units', ledger, '--encoding', 'latin1')).err).toContain('--encoding latin1 is not an encoding')
    const missing = await atlas('import', 'units', '/nonexistent.csv')
    expect(missing.code).toBe(1)
    expect(missing.err).toContain('cannot read /nonexistent.csv: ENOENT')
  })
})

describe('atlas export options', () => {
  it('refuses a language the sheet has no words for, naming the option, before any browser starts', async () => {
    const { code, err } = await atlas('export', '--out', join(dataDir, 'map.png'), '--lang', 'fr')
    expect(code).not.toBe(0)
    expect(err).toContain('--lang')
    expect(err).toContain('one of zh, en')
  })
})
