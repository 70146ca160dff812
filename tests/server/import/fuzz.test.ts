// Random bytes into the parsers: each either returns a table or throws an ImportError — never another
// exception, never a hang. Seeded (mulberry32), so a failure names a case that can be replayed:
// FUZZ_SEED=<seed> FUZZ_CASES=<n> narrows it down. Inputs are of three kinds: uniform random bytes,
// "texty" bytes (CSV punctuation, quotes, line breaks, CJK in UTF-8 and GBK, BOMs), and real fixtures
// with bytes flipped, inserted or cut off — which is what reaches the deeper code paths.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { seededRandom, type Random } from '../../../server/geo/prng'
import { decodeText, ImportError, parseCsv, parseUnitFile } from '../../../server/import'
import { parseAreaFile } from '../../../server/import/areas'
import { PROJECT_ROOT } from '../../../server/paths'
import { ADMIN_PASSWORD, demoApp, OWN_ORIGIN, signIn } from '../demo-app'

const SEED = Number(process.env.FUZZ_SEED ?? 20261123)
const CASES = Number(process.env.FUZZ_CASES ?? 1500)
const fixture = (name: string) => new Uint8Array(readFileSync(join(PROJECT_ROOT, 'tests/fixtures/import', name)))
const TEXT_FIXTURES = ['ledger-utf8-bom.csv', 'ledger-gbk.csv', 'ledger-semicolon.csv', 'ledger.geojson'].map(fixture)
const ZIP_FIXTURES = [fixture('ledger.xlsx'), fixture('areas/suijiang-townships-gk.zip')]

// Bytes that matter to a CSV parser and a decoder: delimiters, quotes, CR/LF, BOM starts, UTF-8 and GBK lead bytes.
const TEXTY = [0x2c, 0x3b, 0x09, 0x22, 0x0d, 0x0a, 0x20, 0x7b, 0x7d, 0x5b, 0xef, 0xbb, 0xbf, 0xff, 0xfe, 0xe5, 0x8d, 0x95, 0xb5, 0xa5, 0x30, 0x31, 0x2e, 0x41]

function randomBytes(random: Random, max: number): Uint8Array {
  const bytes = new Uint8Array(Math.floor(random() * max))
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256)
  return bytes
}

function textyBytes(random: Random, max: number): Uint8Array {
  const bytes = new Uint8Array(Math.floor(random() * max))
  for (let i = 0; i < bytes.length; i++) bytes[i] = random() < 0.7 ? TEXTY[Math.floor(random() * TEXTY.length)] : Math.floor(random() * 256)
  return bytes
}

/** A fixture with a few bytes flipped, a run inserted, and maybe cut short. */
function mutated(random: Random, source: Uint8Array): Uint8Array {
  let bytes = new Uint8Array(source)
  const flips = 1 + Math.floor(random() * 8)
  for (let k = 0; k < flips; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256)
  if (random() < 0.3) {
    const at = Math.floor(random() * bytes.length)
    bytes = new Uint8Array([...bytes.subarray(0, at), ...randomBytes(random, 16), ...bytes.subarray(at)])
  }
  if (random() < 0.3) bytes = bytes.subarray(0, Math.floor(random() * bytes.length))
  return bytes
}

function input(random: Random, i: number): Uint8Array {
  switch (i % 3) {
    case 0:
      return randomBytes(random, 400)
    case 1:
      return textyBytes(random, 400)
    default:
      return mutated(random, TEXT_FIXTURES[i % TEXT_FIXTURES.length])
  }
}

/** Runs `parse`; fails the test with the case's seed and bytes if it throws anything but an ImportError. */
async function survives(what: string, seed: number, i: number, bytes: Uint8Array, parse: () => unknown): Promise<'ok' | 'import-error'> {
  try {
    await parse()
    return 'ok'
  } catch (error) {
    if (error instanceof ImportError) return 'import-error'
    const hex = Buffer.from(bytes.subarray(0, 64)).toString('hex')
    throw new Error(`${what}: case ${i} (FUZZ_SEED=${seed}) threw ${String(error)} for bytes ${hex}…`, { cause: error })
  }
}

describe('fuzz: random bytes give a table or an ImportError', () => {
  test(`decodeText and parseCsv, ${CASES} cases`, async () => {
    const random = seededRandom(SEED)
    const outcomes = { ok: 0, 'import-error': 0 }
    for (let i = 0; i < CASES; i++) {
      const bytes = input(random, i)
      const encoding = (['auto', 'utf8', 'gb18030'] as const)[i % 3]
      outcomes[await survives('decodeText', SEED, i, bytes, () => decodeText(bytes, encoding))]++
      const text = new TextDecoder('utf-8').decode(bytes) // lossy, so parseCsv sees every kind of string
      outcomes[await survives('parseCsv', SEED, i, bytes, () => parseCsv(text))]++
    }
    // Both outcomes occur, so the inputs reach both the happy and the refusing paths.
    expect(outcomes.ok).toBeGreaterThan(CASES / 10)
    expect(outcomes['import-error']).toBeGreaterThan(CASES / 20)
  })

  test(`parseUnitFile under every file name, ${CASES} cases`, async () => {
    const random = seededRandom(SEED + 1)
    const names = ['台账.csv', '台账.txt', '台账.geojson', '台账.json', '台账', '台账.xlsx', '台账.xls', '台账.zip']
    const outcomes = { ok: 0, 'import-error': 0 }
    for (let i = 0; i < CASES; i++) {
      const bytes = input(random, i)
      const name = names[i % names.length]
      outcomes[await survives(`parseUnitFile(${name})`, SEED + 1, i, bytes, () => parseUnitFile(bytes, name))]++
    }
    expect(outcomes.ok).toBeGreaterThan(0)
    expect(outcomes['import-error']).toBeGreaterThan(0)
  }, 20_000) // each case a round trip to the upload worker (server/import/parse-pool.ts), the first starting it

  test('damaged XLSX and shapefile zips: parseUnitFile and parseAreaFile, 200 cases', async () => {
    const random = seededRandom(SEED + 2)
    for (let i = 0; i < 200; i++) {
      const bytes = mutated(random, ZIP_FIXTURES[i % 2])
      await survives('parseUnitFile(xlsx)', SEED + 2, i, bytes, () => parseUnitFile(bytes, 'ledger.xlsx'))
      await survives('parseAreaFile(zip)', SEED + 2, i, bytes, () => parseAreaFile(bytes, 'areas.zip'))
    }
  }, 20_000)
})

describe('fuzz: the API', () => {
  test('random-bytes uploads committed by an admin change nothing in the store', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const before = JSON.stringify({ units: store.snapshot().units, areas: store.snapshot().areas.map((a) => [a.code, a.name, a.areaKm2]) })
    const random = seededRandom(SEED + 3)
    const statuses = new Set<number>()
    for (let i = 0; i < 40; i++) {
      const bytes = i % 2 === 0 ? randomBytes(random, 2000) : textyBytes(random, 2000)
      const form = new FormData()
      form.set('file', new File([new Uint8Array(bytes)], i % 4 < 2 ? 'random.csv' : 'random.zip'))
      form.set('dryRun', 'false')
      if (i % 4 >= 2) form.set('level', 'township')
      const answer = await app.request(i % 4 < 2 ? '/api/import/units' : '/api/import/areas', { method: 'POST', body: form, headers: { Cookie: admin, Origin: OWN_ORIGIN } })
      statuses.add(answer.status)
      const body = await answer.json()
      if (answer.status === 200) expect(body.batch).toBeNull()
      else expect(body.error.code).toBe('unreadable_file')
    }
    expect([...statuses].every((s) => s === 200 || s === 400)).toBe(true)
    expect(store.imports.list()).toEqual([])
    expect(JSON.stringify({ units: store.snapshot().units, areas: store.snapshot().areas.map((a) => [a.code, a.name, a.areaKm2]) })).toBe(before)
  })
})
