// An app over an in-memory store seeded with the demo, with a fixed clock: shared by API tests.
import { afterAll, beforeAll } from 'vitest'
import { createApp, type SecurityOptions } from '../../server/app'
import { hashPassword } from '../../server/auth/passwords'
import { openSqliteStore } from '../../server/db/sqlite-store'
import { seedNational } from '../../server/seed/seed-store'
import { ADMIN_PASSWORD, openTestStore, testNow, TODAY } from './test-store'
import type { Role } from '../../server/shared/roles'

export { ADMIN_PASSWORD, TODAY } from './test-store'

/** The demo app over openTestStore: SQLite in memory, or a PostgreSQL database in the `postgres` project. */
export function demoApp(security: SecurityOptions = {}) {
  const now = testNow
  const store = openTestStore({ now })
  const app = createApp({ store, version: 'test', now, log: () => {}, security })
  return { app, store }
}

/** An app over the national demo (ATLAS_DEMO=national) with `units` units: a few thousand keep it fast. */
export function nationalDemoApp(units = 3000) {
  const now = () => new Date(`${TODAY}T09:00:00Z`)
  const store = openSqliteStore(':memory:', { now })
  seedNational(store, TODAY, units)
  const app = createApp({ store, version: 'test', now, log: () => {} })
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

/**
 * Clears the change-at-next-sign-in mark of a password an admin set (as the user's own change would), for tests
 * about something else that create accounts through POST /api/users and then write as them.
 */
export function markPasswordChosenByUser(store: ReturnType<typeof demoApp>['store'], username: string): void {
  const user = store.accounts.userByName(username)
  if (!user) throw new Error(`markPasswordChosenByUser: no user ${username}`)
  store.accounts.updateUser(user.id, { mustChangePassword: false }, 'test')
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

export interface TestAccount {
  username: string
  role: Role
  areaScope: string | null
}

/** The 绥江县 editor and the unscoped viewer most write tests need beside the admin. */
export const SUIJIANG_EDITOR_AND_VIEWER: readonly TestAccount[] = [
  { username: 'suijiang', role: 'editor', areaScope: '530626' },
  { username: 'looker', role: 'viewer', areaScope: null },
]

/**
 * A demo app with `accounts` made, and `cookies` (by username, `admin` included) filled by a beforeAll that
 * signs each in; the store is closed after the file.
 */
export function demoAppWithAccounts(accounts: readonly TestAccount[] = SUIJIANG_EDITOR_AND_VIEWER) {
  const { app, store } = demoApp()
  const password = 'test-account-password-1'
  for (const account of accounts) store.accounts.createUser({ ...account, passwordHash: hashPassword(password) }, 'test')
  const cookies: Record<string, string> = {}
  beforeAll(async () => {
    cookies.admin = await signIn(app, 'admin', ADMIN_PASSWORD)
    for (const { username } of accounts) cookies[username] = await signIn(app, username, password)
  })
  afterAll(() => store.close())
  return { app, store, cookies }
}
