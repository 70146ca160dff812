// An app over an in-memory store seeded with the demo, with a fixed clock: shared by API tests.
import { createApp, type SecurityOptions } from '../../server/app'
import { ensureFirstAdmin } from '../../server/auth/first-admin'
import { openSqliteStore } from '../../server/db/sqlite-store'
import { seedDemo } from '../../server/seed/seed-store'

export const TODAY = '2026-11-23'
export const ADMIN_PASSWORD = 'test-admin-password-1'

export function demoApp(security: SecurityOptions = {}) {
  const now = () => new Date(`${TODAY}T09:00:00Z`)
  const store = openSqliteStore(':memory:', { now })
  seedDemo(store, TODAY)
  ensureFirstAdmin(store, ADMIN_PASSWORD, () => {})
  const app = createApp({ store, version: 'test', now, log: () => {}, security })
  return { app, store }
}

type App = ReturnType<typeof demoApp>['app']

/** Signs in and returns the Cookie header value for later requests. */
export async function signIn(app: App, username: string, password: string): Promise<string> {
  const answer = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (answer.status !== 200) throw new Error(`signIn(${username}): HTTP ${answer.status} ${await answer.text()}`)
  const cookie = answer.headers.get('set-cookie')
  if (!cookie) throw new Error(`signIn(${username}): no session cookie`)
  return cookie.split(';')[0]
}

/** The origin of app.request()'s default URL: a browser on the atlas's own pages sends it with every write. */
export const OWN_ORIGIN = 'http://localhost'

/** A JSON request; with a session cookie it carries the atlas's own Origin, as the atlas's pages send it. */
export function jsonRequest(method: string, body: unknown, cookie?: string, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie, Origin: OWN_ORIGIN } : {}), ...headers },
    body: JSON.stringify(body),
  }
}
