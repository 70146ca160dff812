// The PostgreSQL half of the suite (the `postgres` project in vite.config.ts): a database server for its tests,
// either ATLAS_TEST_DATABASE_URL or a throwaway cluster started here from the machine's PostgreSQL binaries and
// stopped after. Template databases (migrated; migrated and seeded with the demo) make each test's store a quick
// CREATE DATABASE … TEMPLATE. Without PostgreSQL and PostGIS the half is skipped and says so, unless
// ATLAS_REQUIRE_POSTGRES=1 (CI), where that is an error.
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { startCluster, whyNoPostgres, type Cluster } from '../postgres-cluster'
import { TEMPLATES, type TestDatabase } from './test-store'

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: TestDatabase | null
  }
}

export default async function setup(project: TestProject) {
  const required = process.env.ATLAS_REQUIRE_POSTGRES === '1'
  let cluster: Cluster | null = null
  let url = process.env.ATLAS_TEST_DATABASE_URL || null
  if (url === null) {
    const why = whyNoPostgres()
    if (why !== null) {
      if (required) throw new Error(`ATLAS_REQUIRE_POSTGRES=1 but ${why}`)
      console.warn(`\n*** The PostgreSQL half of the suite was SKIPPED: ${why}. Install postgresql and postgis (bash .ci/run does) or set ATLAS_TEST_DATABASE_URL. ***\n`)
      project.provide('postgres', null)
      return
    }
    cluster = await startCluster()
    url = cluster.url
  }
  try {
    const { makeTemplates } = await import('./test-store-templates')
    await makeTemplates(url)
  } catch (error) {
    cluster?.stop()
    throw error
  }
  project.provide('postgres', { url, templates: TEMPLATES })
  return async () => {
    if (cluster !== null) return cluster.stop()
    await dropTestDatabases(url)
  }
}

async function dropTestDatabases(url: string): Promise<void> {
  const client = new pg.Client(url)
  await client.connect()
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'atlas_test_%'")
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
  } finally {
    await client.end()
  }
}
