// The store a test runs against: SQLite in memory, or — in the `postgres` project (tests/server/postgres-setup.ts)
// — a PostgreSQL database made from a template, so that the same test checks both engines.
import { inject } from 'vitest'
import { ensureFirstAdmin } from '../../server/auth/first-admin'
import { openPostgresStore } from '../../server/db/pg/pg-store'
import { openSyncConnection, type SyncConnection } from '../../server/db/pg/sync-connection'
import { openSqliteStore } from '../../server/db/sqlite-store'
import type { AtlasStore } from '../../server/db/store'
import { seedDemo } from '../../server/seed/seed-store'

export const TODAY = '2026-11-23'
export const ADMIN_PASSWORD = 'test-admin-password-1'
/** The clock of demo stores and apps: 09:00 UTC on TODAY. */
export const testNow = () => new Date(`${TODAY}T09:00:00Z`)

/** Template databases: migrated; migrated and seeded with the demo and its first admin (tests/server/test-store-templates.ts). */
export const TEMPLATES = { empty: 'atlas_test_template_empty', demo: 'atlas_test_template_demo' } as const
export type TemplateName = keyof typeof TEMPLATES

export interface TestDatabase {
  url: string
  templates: typeof TEMPLATES
}

/** The PostgreSQL server of this run, in the `postgres` project; null elsewhere (SQLite). */
export function testPostgres(): TestDatabase | null {
  return inject('postgres') ?? null
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

let admin: SyncConnection | null = null
let made = 0

/** A new, empty PostgreSQL database of this run, copied from `template`: its URL. */
export function newTestDatabase(postgres: TestDatabase, template: TemplateName): string {
  admin ??= openSyncConnection(postgres.url)
  const name = `atlas_test_${process.pid}_${++made}`
  admin.query(`CREATE DATABASE ${name} TEMPLATE ${postgres.templates[template]}`)
  return databaseUrl(postgres.url, name)
}

/**
 * A store of its own for one test: with the demo and its first admin (`ADMIN_PASSWORD`), or empty (migrated,
 * the built-in nothing). `now` is the store's clock (testNow by default).
 */
export function openTestStore({ template = 'demo', now = testNow }: { template?: TemplateName; now?: () => Date } = {}): AtlasStore {
  const postgres = testPostgres()
  if (postgres !== null) return openPostgresStore(newTestDatabase(postgres, template), { now })
  const store = openSqliteStore(':memory:', { now })
  if (template === 'demo') seedDemoWithAdmin(store)
  return store
}

/** What the demo template holds: the demo as of TODAY and the first admin. */
export function seedDemoWithAdmin(store: AtlasStore): void {
  seedDemo(store, TODAY)
  ensureFirstAdmin(store, ADMIN_PASSWORD, () => {})
}
