import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../server/cli/main'

const out = mkdtempSync(join(tmpdir(), 'atlas-geodata-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

async function atlas(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, { out: (t) => (stdout += t), err: (t) => (stderr += t), env: {} })
  return { code, out: stdout, err: stderr }
}

describe('atlas geodata', () => {
  it('builds the national set for the provinces asked for', async () => {
    const { code, out: said, err } = await atlas('geodata', '--all', '--provinces', '82', '--out', out)
    expect(code, err).toBe(0)
    expect(said).toMatch(/^Wrote 1 provinces, 1 prefectures and 1 counties to .* \(12 files\); \d+ warnings: .*\(see build-report\.txt\)\n$/)
    expect(readdirSync(out)).toContain('counties.z7.geojson')
  }, 60_000)

  it('names what is wrong with the options', async () => {
    expect((await atlas('geodata', '--all', '--prefecture', '5306', '--out', out)).err).toContain('either --prefecture CODE or --all, not both')
    expect((await atlas('geodata', '--all', '--provinces', '4x', '--out', out)).err).toContain('--provinces "4x" is not a list of 2-digit province codes')
    expect((await atlas('geodata', '--prefecture', '5306', '--full', '--out', out)).err).toContain('--provinces and --full go with --all')
    expect((await atlas('geodata', '--all')).err).toContain('--out DIR is required')
    expect((await atlas('geodata')).code).toBe(2)
  })
})
