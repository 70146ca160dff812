// Two atlas servers on one PostgreSQL database (issue: stateless servers), as two processes behind a proxy
// would run: a session made on one works on the other, a write through one is seen through the other within a
// second, and failed sign-ins count across both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../e2e/harness'
import { ADMIN_PASSWORD, newTestDatabase, testPostgres } from './test-store'

const postgres = testPostgres()

describe.skipIf(postgres === null)('two servers on one PostgreSQL database', () => {
  let a: RunningServer
  let b: RunningServer
  beforeAll(async () => {
    const env = { ATLAS_DATABASE_URL: newTestDatabase(postgres!, 'demo') }
    ;[a, b] = await Promise.all([startServer({ env }), startServer({ env })])
  }, 180_000)
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
  })

  const login = (server: RunningServer, password: string) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    })

  it('a session made on one server works on the other; a write through one is read through the other within 1 s', async () => {
    const answer = await login(a, ADMIN_PASSWORD)
    expect(answer.status, await answer.clone().text()).toBe(200)
    const cookie = answer.headers.get('set-cookie')!.split(';')[0]
    const me = await fetch(`${b.url}/api/auth/me`, { headers: { Cookie: cookie } })
    expect(me.status).toBe(200)
    expect((await me.json()).user.username).toBe('admin')

    const units = (await (await fetch(`${b.url}/api/units`)).json()) as { features: { geometry: { coordinates: [number, number] } }[] }
    const [lon, lat] = units.features[0].geometry.coordinates
    const name = `甲服务器新建${Date.now()}`
    const created = await fetch(`${a.url}/api/units`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie, Origin: a.url },
      body: JSON.stringify({ name, category: '学校', lon, lat, address: '两台服务器' }),
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const started = Date.now()
    let seen = false
    while (!seen && Date.now() - started < 1000) {
      const table = (await (await fetch(`${b.url}/api/units/table?q=${encodeURIComponent(name)}`, { headers: { Cookie: cookie } })).json()) as { total: number }
      seen = table.total === 1
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(seen, `server B did not list the unit written through A within 1 s`).toBe(true)
  })

  it('failed sign-ins count across both servers', async () => {
    for (const server of [a, b, a, b, a]) expect((await login(server, 'wrong-password-0')).status).toBe(401)
    const throttled = await login(b, ADMIN_PASSWORD)
    expect(throttled.status).toBe(429)
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})
