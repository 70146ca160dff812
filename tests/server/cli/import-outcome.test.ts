// An import that writes nothing because every row was refused exits 1; an empty data dir (ATLAS_DEMO=0) still
// has the built-in schemes, so a ledger import finds its scheme.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../../server/cli/main'
import { importOutcome } from '../../../server/cli/import-outcome'
import { PROJECT_ROOT } from '../../../server/paths'

const dataDir = mkdtempSync(join(tmpdir(), 'atlas-cli-empty-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

async function atlas(...argv: string[]) {
  let out = ''
  let err = ''
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { ATLAS_DATA_DIR: dataDir, ATLAS_DEMO: '0' } })
  return { code, out, err }
}

describe('importOutcome', () => {
  it('a commit is 0, a dry run 0, a commit that wrote nothing 1', () => {
    expect(importOutcome({ dryRun: false, batch: { id: 3, inserted: 2, updated: 1 } }, 'units')).toEqual({ text: 'Committed import 3: 2 units added, 1 updated.\n', exitCode: 0 })
    expect(importOutcome({ dryRun: true, batch: null }, 'areas').exitCode).toBe(0)
    expect(importOutcome({ dryRun: false, batch: null }, 'areas')).toEqual({ text: 'Nothing was written: no feature was accepted (see the refusals above).\n', exitCode: 1 })
  })
})

describe('atlas import on an empty data dir (ATLAS_DEMO=0)', () => {
  it('finds the built-in scheme, and exits 1 when every row is refused (no areas to place the units in)', async () => {
    const ledger = join(dataDir, 'ledger.csv')
    writeFileSync(ledger, '单位名称,类别,所属区域代码\n绥江县中城镇中学,学校,530626\n')
    const { code, out, err } = await atlas('import', 'units', ledger)
    expect(err).not.toContain('scheme: "undefined"')
    expect(out).toContain('scheme 七进')
    expect(out).toContain('rejected 1')
    expect(out).toContain('Nothing was written')
    expect(code).toBe(1)
  })

  it('counties whose prefecture is missing get it, created from their codes and reported (import-areas.test.ts has more)', async () => {
    const { code, out } = await atlas('import', 'areas', join(PROJECT_ROOT, 'geodata/5306/counties.geojson'), '--level', 'county')
    expect(out).toContain('Created 530600 as the parent of 11 counties')
    expect(out).toContain('Committed import')
    expect(code).toBe(0)
  })
})
