// Makes the template databases of the PostgreSQL half (run once by tests/server/postgres-setup.ts).
import pg from 'pg'
import { openPostgresStore } from '../../server/db/pg/pg-store'
import { databaseUrl, seedDemoWithAdmin, TEMPLATES, testNow } from './test-store'

export async function makeTemplates(serverUrl: string): Promise<void> {
  const client = new pg.Client(serverUrl)
  await client.connect()
  try {
    for (const name of Object.values(TEMPLATES)) {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await client.query(`CREATE DATABASE ${name}`)
    }
  } finally {
    await client.end()
  }
  openPostgresStore(databaseUrl(serverUrl, TEMPLATES.empty), { now: testNow }).close()
  const demo = openPostgresStore(databaseUrl(serverUrl, TEMPLATES.demo), { now: testNow })
  try {
    seedDemoWithAdmin(demo)
  } finally {
    demo.close()
  }
}
