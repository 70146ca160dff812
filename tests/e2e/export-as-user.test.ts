// Exports render as the requester: a signed-in user's PDF draws the sensitive units (宗教活动场所) an
// anonymous export leaves out, on an open atlas and on a private one (ATLAS_REQUIRE_LOGIN=1), where an
// anonymous caller cannot export at all. The proof is the PDF legend: each category with the number of
// unit dots drawn on the map (web/export/ExportLayout.tsx counts the located units it draws).
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

/** The dots the legend says were drawn for `category` in a PDF export of the default view. */
async function legendCount(server: RunningServer, name: string, cookie?: string): Promise<number> {
  const answer = await fetch(`${server.url}/api/export?format=pdf&dpi=150&area=${FRAME}`, { headers: cookie ? { Cookie: cookie } : {} })
  expect(answer.status, await answer.clone().text().then((t) => t.slice(0, 300))).toBe(200)
  const file = join(dir, `${name}.pdf`)
  await writeFile(file, Buffer.from(await answer.arrayBuffer()))
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/ +/g, ' ')
  const match = new RegExp(`${SENSITIVE} (\\d+)`).exec(text)
  expect(match, `the legend lists ${SENSITIVE} with a count:\n${text}`).not.toBeNull()
  return Number(match![1])
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
    expect(await legendCount(server!, 'open-anonymous')).toBe(0)
    expect(await legendCount(server!, 'open-admin', admin)).toBe(expected)
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
    expect(await legendCount(server!, 'private-admin', admin)).toBe(expected)
    const png = await fetch(`${server!.url}/api/export?format=png&dpi=150`, { headers: { Cookie: admin } })
    expect(png.status).toBe(200)
    expect(png.headers.get('content-type')).toBe('image/png')
  }, 240_000)
})
