// Exports render as the requester: a signed-in user's PDF draws the sensitive units (宗教活动场所) an
// anonymous export leaves out, on an open atlas and on a private one (ATLAS_REQUIRE_LOGIN=1), where an
// anonymous caller cannot export at all. The proof is the PDF legend: each category with its number of units,
// and 「（位置不公开）」 after it when none of them is drawn (web/export/sheet-legend.ts).
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { NAMED_STATUSES } from '../../server/shared/domain'
import { ensureWebBuild } from '../../server/web-build'
import { startServer, type RunningServer } from './harness'

const ADMIN_PASSWORD = 'export-as-user-e2e-password'
const SENSITIVE = '宗教活动场所'
const FRAME = '530600' // 昭通市: the demo's prefecture, which the default view frames

let dir = ''

beforeAll(async () => {
  await ensureWebBuild()
  dir = await mkdtemp(join(tmpdir(), 'atlas-export-as-user-'))
})

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

async function signIn(server: RunningServer): Promise<string> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  })
  expect(login.status).toBe(200)
  return (login.headers.get('set-cookie') ?? '').split(';')[0]
}

interface LegendRow {
  count: number
  withheld: boolean // the row says 「（位置不公开）」: counted, not drawn
}

/** The legend row of the sensitive category in a PDF export of the default view. */
async function sensitiveLegendRow(server: RunningServer, name: string, cookie?: string): Promise<LegendRow> {
  const answer = await fetch(`${server.url}/api/export?format=pdf&dpi=150&area=${FRAME}`, { headers: cookie ? { Cookie: cookie } : {} })
  expect(answer.status, await answer.clone().text().then((t) => t.slice(0, 300))).toBe(200)
  const file = join(dir, `${name}.pdf`)
  await writeFile(file, Buffer.from(await answer.arrayBuffer()))
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/ +/g, ' ')
  const match = new RegExp(`${SENSITIVE} (\\d+)(（位置不公开）)?`).exec(text)
  expect(match, `the legend lists ${SENSITIVE} with a count:\n${text}`).not.toBeNull()
  return { count: Number(match![1]), withheld: match![2] !== undefined }
}

/** The located sensitive units the export counts (named, 县级 and above, this year), as `cookie` sees them. */
async function locatedSensitiveUnits(server: RunningServer, cookie: string): Promise<number> {
  const query = new URLSearchParams({ area: FRAME, category: SENSITIVE, minLevel: '县级', year: String(new Date().getFullYear()), status: NAMED_STATUSES.join(',') })
  const answer = await fetch(`${server.url}/api/units?${query}`, { headers: { Cookie: cookie } })
  expect(answer.status).toBe(200)
  const body = (await answer.json()) as { features: { geometry: unknown }[] }
  return body.features.filter((f) => f.geometry !== null).length
}

describe('an export on an open atlas', () => {
  let server: RunningServer | undefined
  beforeAll(async () => {
    server = await startServer({ env: { ATLAS_ADMIN_PASSWORD: ADMIN_PASSWORD } })
  })
  afterAll(async () => server?.stop())

  test('anonymous: the sensitive units are not drawn; signed in: every located one is', async () => {
    const admin = await signIn(server!)
    const expected = await locatedSensitiveUnits(server!, admin)
    expect(expected, 'the demo has located sensitive units to draw').toBeGreaterThan(0)
    expect(await sensitiveLegendRow(server!, 'open-anonymous')).toEqual({ count: expected, withheld: true })
    expect(await sensitiveLegendRow(server!, 'open-admin', admin)).toEqual({ count: expected, withheld: false })
  }, 240_000)
})

describe('an export on a private atlas (ATLAS_REQUIRE_LOGIN=1)', () => {
  let server: RunningServer | undefined
  beforeAll(async () => {
    server = await startServer({ env: { ATLAS_ADMIN_PASSWORD: ADMIN_PASSWORD, ATLAS_REQUIRE_LOGIN: '1' } })
  })
  afterAll(async () => server?.stop())

  test('anonymous callers are refused; a signed-in admin’s export renders, sensitive units drawn', async () => {
    expect((await fetch(`${server!.url}/api/export?format=png&dpi=150`)).status).toBe(401)
    const admin = await signIn(server!)
    const expected = await locatedSensitiveUnits(server!, admin)
    expect(expected).toBeGreaterThan(0)
    expect(await sensitiveLegendRow(server!, 'private-admin', admin)).toEqual({ count: expected, withheld: false })
  }, 240_000)
})
