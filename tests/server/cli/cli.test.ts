import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
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

  it('says plainly which commands are not yet available', async () => {
    const { code, err } = await atlas('plan', '--area', '530626', '--sites', '3')
    expect(code).toBe(3)
    expect(err).toContain('not yet available')
    expect((await atlas('export', '--help')).code).toBe(0)
  })
})
