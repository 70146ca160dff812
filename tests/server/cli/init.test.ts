// `atlas init --prefecture 5306`: a new store with the shipped real boundaries and no sample units.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { shippedPrefectures } from '../../../server/cli/commands/init'
import { runCli } from '../../../server/cli/main'
import { openDataDirStore } from '../../../server/open-store'

const dirs: string[] = []
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))
function emptyDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-init-'))
  dirs.push(dir)
  return dir
}

async function atlas(dataDir: string, ...argv: string[]) {
  let out = ''
  let err = ''
  // ATLAS_DEMO=1 as a server would have it: init must still load no sample units.
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), env: { ATLAS_DATA_DIR: dataDir, ATLAS_DEMO: '1' } })
  return { code, out, err }
}

describe('atlas init', () => {
  it('loads the shipped boundaries of 5306 into a new store, without units, and says what it loaded', async () => {
    const dataDir = emptyDir()
    const { code, out, err } = await atlas(dataDir, 'init', '--prefecture', '5306')
    expect(code, err).toBe(0)
    expect(out).toContain(`Loaded the shipped boundaries of 昭通市 (530600) into ${dataDir}: 13 areas — 1 province, 1 prefecture, 11 counties; no townships, no units.`)
    expect(out).toContain('atlas import units')
    const store = openDataDirStore({ dataDir, demo: 'none' }, () => {})
    try {
      const snapshot = store.snapshot()
      expect(snapshot.units).toEqual([])
      expect(snapshot.areas.map((a) => a.code).sort()).toEqual(['530000', '530600', '530602', '530621', '530622', '530623', '530624', '530625', '530626', '530627', '530628', '530629', '530681'])
      expect(snapshot.areas.every((a) => !a.schematic)).toBe(true)
      expect(snapshot.schemes.map((s) => s.id)).toContain('qijin')
    } finally {
      store.close()
    }
  })

  it('takes the 6-digit code too, and refuses a store that already has areas, saying how to proceed', async () => {
    const dataDir = emptyDir()
    expect((await atlas(dataDir, 'init', '--prefecture', '530600')).code).toBe(0)
    const again = await atlas(dataDir, 'init', '--prefecture', '5306')
    expect(again.code).toBe(1)
    expect(again.err).toContain(`the store in ${dataDir} already holds 13 areas and 0 units`)
    expect(again.err).toContain('move')
    expect(again.err).toContain('atlas import areas FILE --level LEVEL')
  })

  it('refuses the demo store (areas and sample units)', async () => {
    const dataDir = emptyDir()
    await runCli(['coverage', '--level', 'county'], { out: () => {}, err: () => {}, env: { ATLAS_DATA_DIR: dataDir } }) // seeds the demo
    const { code, err } = await atlas(dataDir, 'init', '--prefecture', '5306')
    expect(code).toBe(1)
    expect(err).toMatch(/already holds \d+ areas and \d+ units/)
  })

  it('names a prefecture that is not shipped, with what to do instead, and a code that is no prefecture', async () => {
    const dataDir = emptyDir()
    const notShipped = await atlas(dataDir, 'init', '--prefecture', '5323')
    expect(notShipped.code).toBe(1)
    expect(notShipped.err).toContain('no boundaries of 532300 ship with the atlas (shipped: 5306)')
    expect(notShipped.err).toContain('atlas geodata --prefecture 5323 --out DIR')
    expect(notShipped.err).toContain('--level prefecture')
    const county = await atlas(dataDir, 'init', '--prefecture', '530626')
    expect(county.code).toBe(2)
    expect(county.err).toContain('--prefecture 530626 is not a prefecture code')
    const missing = await atlas(dataDir, 'init')
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('--prefecture is required')
  })

  it('has help, and is listed among the commands', async () => {
    const dataDir = emptyDir()
    const { code, out } = await atlas(dataDir, 'init', '--help')
    expect(code).toBe(0)
    expect(out).toContain('Usage: atlas init --prefecture CODE')
    expect(out).toContain('(5306)')
    expect((await atlas(dataDir, '--help')).out).toMatch(/^ {2}init +start a new store/m)
    expect(shippedPrefectures()).toEqual(['5306'])
  })
})
