// An app over an in-memory store seeded with the demo, with a fixed clock: shared by API tests.
import { createApp } from '../../server/app'
import { openSqliteStore } from '../../server/db/sqlite-store'
import { seedDemo } from '../../server/seed/seed-store'

export const TODAY = '2026-11-23'

export function demoApp() {
  const store = openSqliteStore(':memory:')
  seedDemo(store, TODAY)
  const app = createApp({ store, version: 'test', now: () => new Date(`${TODAY}T09:00:00Z`), log: () => {} })
  return { app, store }
}
