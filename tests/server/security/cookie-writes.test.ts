// CSRF: a write that carries the session cookie must come from the atlas's own pages (Origin equal to
// the atlas's origin, scheme and port included, or Sec-Fetch-Site: same-origin). Writes without the
// cookie (sign-in, the CLI, bearer tokens) are not a browser's ambient authority and pass without Origin.
import { describe, expect, test } from 'vitest'
import { ADMIN_PASSWORD, demoApp, signIn } from '../demo-app'

type App = ReturnType<typeof demoApp>['app']

const newUser = (username: string) => JSON.stringify({ username, password: 'a-good-password-9', role: 'viewer' })

/** POST /api/users with exactly these headers (no Origin unless given), from `peer` when given. */
function createUser(app: App, username: string, headers: Record<string, string>, peer?: string) {
  const init = { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: newUser(username) }
  return peer === undefined ? app.request('/api/users', init) : app.request('/api/users', init, { incoming: { socket: { remoteAddress: peer } } })
}

describe('writes with the session cookie', () => {
  test('without Origin (an evil Referer instead) the write is refused, naming what was sent and expected', async () => {
    const { app, store } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const answer = await createUser(app, 'csrf1', { Cookie: admin, Referer: 'https://evil.example/page' })
    expect(answer.status).toBe(403)
    expect(await answer.json()).toEqual({
      error: { code: 'cross_origin', message: 'Origin (none) may not change data on this atlas (expected http://localhost)' },
    })
    expect(store.accounts.userByName('csrf1')).toBeFalsy()
  })

  test('an Origin with the right host but the wrong scheme is refused', async () => {
    const { app } = demoApp()
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    // Host as @hono/node-server sees it for http://localhost: the same host, over plain HTTP.
    const answer = await createUser(app, 'csrf2', { Cookie: admin, Host: 'localhost', Origin: 'https://localhost' })
    expect(answer.status).toBe(403)
    expect((await answer.json()).error.message).toBe('Origin https://localhost may not change data on this atlas (expected http://localhost)')
    expect((await createUser(app, 'csrf3', { Cookie: admin, Host: 'localhost', Origin: 'http://localhost:8080' })).status).toBe(403)
  })

  test('the own origin, Sec-Fetch-Site: same-origin, or an ATLAS_ALLOWED_ORIGINS origin passes', async () => {
    const { app } = demoApp({ allowedOrigins: ['https://edit.example.gov.cn'] })
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    expect((await createUser(app, 'own1', { Cookie: admin, Origin: 'http://localhost' })).status).toBe(201)
    expect((await createUser(app, 'own2', { Cookie: admin, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(201)
    expect((await createUser(app, 'own3', { Cookie: admin, Origin: 'https://edit.example.gov.cn' })).status).toBe(201)
    expect((await createUser(app, 'own4', { Cookie: admin, 'Sec-Fetch-Site': 'same-site' })).status).toBe(403)
  })

  test('behind a trusted proxy the own origin is X-Forwarded-Proto and X-Forwarded-Host; from anyone else they are ignored', async () => {
    const { app } = demoApp({ trustedProxies: ['10.0.0.1'] })
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    const proxied = { Cookie: admin, Origin: 'https://atlas.example.gov.cn', 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'atlas.example.gov.cn' }
    expect((await createUser(app, 'proxied1', proxied, '10.0.0.1')).status).toBe(201)
    const direct = await createUser(app, 'proxied2', proxied, '203.0.113.66')
    expect(direct.status).toBe(403)
    expect((await direct.json()).error.message).toBe('Origin https://atlas.example.gov.cn may not change data on this atlas (expected http://localhost)')
  })
})

describe('writes without the session cookie', () => {
  test('sign-in and anonymous writes pass without Origin, as non-browser clients send them', async () => {
    const { app } = demoApp()
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    })
    expect(login.status).toBe(200)
    expect((await createUser(app, 'anon1', {})).status).toBe(401) // reaches the route, which wants a session
    expect((await createUser(app, 'anon2', { Origin: 'https://evil.example' })).status).toBe(403) // a browser from elsewhere
  })
})
