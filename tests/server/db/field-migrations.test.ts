// Migrations 16 and 18 on a v15 file: every account kept whole through the rebuild of users (which now takes the
// inspector role), old inspections without a client id, GPS fix or photos, schemes with the default criteria.
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { MIGRATIONS } from '../../../server/db/migrations'
import { migrate, openSqliteStore } from '../../../server/db/sqlite-store'
import { checklistOf } from '../../../server/shared/domain'

const dir = mkdtempSync(join(tmpdir(), 'atlas-field-migrations-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const AT = '2026-01-05T08:00:00.000Z'

test('a v15 file upgrades in place: accounts and their sessions kept, the inspector role accepted, old visits as they were', () => {
  const file = join(dir, 'v15.sqlite')
  const v15 = new Database(file)
  v15.pragma('foreign_keys = ON')
  migrate(v15, MIGRATIONS.filter((m) => m.version <= 15))
  v15.prepare("INSERT INTO areas (code, name, level) VALUES ('530626', '绥江县', 'county')").run()
  v15.prepare("INSERT INTO schemes (id, name, is_default) VALUES ('qijin', '七进', 1)").run()
  v15.prepare(`INSERT INTO users (id, username, password_hash, role, area_scope, disabled, created_at, password_changed_at, must_change_password, last_sign_in_at)
      VALUES (7, 'suijiang', 'scrypt$x', 'editor', '530626', 1, ?, ?, 1, ?)`).run(AT, AT, AT)
  v15.prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('h', 7, ?, ?)").run(AT, AT)
  v15.prepare("INSERT INTO units (id, name, category, level, status, area_code, created_at, updated_at) VALUES (1, '中城中学', '学校', '省级', '命名', '530626', ?, ?)").run(AT, AT)
  v15.prepare("INSERT INTO inspections (unit_id, date, inspector) VALUES (1, '2025-04-01', '督导组')").run()
  v15.close()

  const store = openSqliteStore(file, { now: () => new Date(AT) })
  try {
    expect(store.health()).toMatchObject({ ok: true, integrity: 'ok', schemaVersion: MIGRATIONS.at(-1)!.version })
    expect(store.accounts.userByName('suijiang')).toMatchObject({ id: 7, role: 'editor', areaScope: '530626', disabled: true, mustChangePassword: true })
    const inspector = store.accounts.createUser({ username: 'field', passwordHash: 'scrypt$y', role: 'inspector', areaScope: '530626' }, 'test')
    expect(store.accounts.userByName('field')).toMatchObject({ id: inspector.id, role: 'inspector' })
    expect(store.inspections.list()).toMatchObject([{ date: '2025-04-01', clientId: null, gps: null, photos: [] }])
    expect(checklistOf(store.snapshot().schemes[0])).toEqual(['宣传教育', '阵地建设', '活动开展', '制度建设', '群众满意'])
  } finally {
    store.close()
  }
  const raw = new Database(file, { readonly: true })
  expect(raw.prepare('SELECT count(*) AS n FROM sessions WHERE user_id = 7').get()).toEqual({ n: 1 })
  expect(raw.prepare('SELECT password_hash, created_at, password_changed_at, last_sign_in_at FROM users WHERE id = 7').get()).toEqual({
    password_hash: 'scrypt$x', created_at: AT, password_changed_at: AT, last_sign_in_at: AT,
  })
  raw.close()
})
