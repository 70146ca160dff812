// Users and sessions on the SQLite store, and writeAudit, which every repository's write calls.
import { returnedId, type SqlDatabase } from './sql'
import { currentRequestAddress } from '../audit/request-address'
import type { SessionUser } from '../auth/roles'
import { ROLES, type Role } from '../shared/roles'
import { appendAuditRecord } from './sqlite-audit'
import {
  PASSWORD_HISTORY_KEPT,
  publicUser,
  SCREEN_TOKEN_ID_LENGTH,
  type AccountRepository,
  type AuditResult,
  type ScreenTokenRecord,
  type ScreenTokenRepository,
  type SessionEnd,
  type UserRecord,
} from './store'

interface UserRow {
  id: number
  username: string
  password_hash: string
  role: string
  area_scope: string | null
  disabled: number
  created_at: string
  password_changed_at: string
  must_change_password: number
}

interface SessionRow extends UserRow {
  session_created_at: string
  last_seen_at: string
  ended_reason: SessionEnd | null
}

export function sqliteAccounts(db: SqlDatabase, now: () => Date): AccountRepository {
  const userById = (id: number): UserRecord => {
    const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined
    if (!row) throw new Error(`user ${id} does not exist`)
    return userOf(row)
  }
  /** The new hash joins the history, which keeps the last PASSWORD_HISTORY_KEPT. */
  const remember = (userId: number, passwordHash: string, at: string) => {
    db.prepare('INSERT INTO password_history (user_id, password_hash, set_at) VALUES (?, ?, ?)').run(userId, passwordHash, at)
    db.prepare(`DELETE FROM password_history WHERE user_id = ? AND id NOT IN
        (SELECT id FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?)`).run(userId, userId, PASSWORD_HISTORY_KEPT)
  }
  return {
    countUsers: () => (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n,
    userByName(username) {
      const row = db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined
      return row ? userOf(row) : null
    },
    listUsers: () => (db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(userOf),
    createUser(user, actor) {
      const at = now().toISOString()
      return db.transaction(() => {
        const id = returnedId(
          db
            .prepare(`INSERT INTO users (username, password_hash, role, area_scope, created_at, password_changed_at, must_change_password)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`)
            .get(user.username, user.passwordHash, user.role, user.areaScope, at, at, user.mustChangePassword ? 1 : 0),
        )
        remember(id, user.passwordHash, at)
        const created = userById(id)
        writeAudit(db, at, actor, 'create', 'user', String(id), null, publicUser(created))
        return created
      })()
    },
    updateUser(id, change, actor) {
      const at = now().toISOString()
      return db.transaction(() => {
        const before = userById(id)
        const after = { ...before, ...change }
        const newPassword = change.passwordHash !== undefined && change.passwordHash !== before.passwordHash
        db.prepare(`UPDATE users SET role = ?, area_scope = ?, disabled = ?, password_hash = ?, must_change_password = ?,
            password_changed_at = ? WHERE id = ?`).run(
          after.role,
          after.areaScope,
          after.disabled ? 1 : 0,
          after.passwordHash,
          after.mustChangePassword ? 1 : 0,
          newPassword ? at : before.passwordChangedAt,
          id,
        )
        if (newPassword) remember(id, after.passwordHash, at)
        if (change.disabled || change.passwordHash !== undefined) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id)
        const updated = userById(id)
        // The hash never enters the trail, so a changed password is marked, or it would look like no change at all.
        const passwordChanged = change.passwordHash !== undefined && change.passwordHash !== before.passwordHash
        writeAudit(db, at, actor, 'update', 'user', String(id), publicUser(before), { ...publicUser(updated), ...(passwordChanged ? { passwordChanged } : {}) })
        return updated
      })()
    },
    lastSignIn(id) {
      return (db.prepare('SELECT last_sign_in_at AS at FROM users WHERE id = ?').get(id) as { at: string | null } | undefined)?.at ?? null
    },
    recordSignIn(id, at) {
      db.prepare('UPDATE users SET last_sign_in_at = ? WHERE id = ?').run(at, id)
    },
    rehashPassword(id, passwordHash, actor) {
      db.transaction(() => {
        db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id)
        writeAudit(db, now().toISOString(), actor, 'rehash-password', 'user', String(id), null, { algorithm: passwordHash.split('$')[0] })
      })()
    },
    recentPasswordHashes(userId, count) {
      const rows = db.prepare('SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?').all(userId, count) as { password_hash: string }[]
      return rows.map((r) => r.password_hash)
    },
    createSession(userId, tokenHash, expiresAt, { replacing = false } = {}) {
      const at = now().toISOString()
      db.transaction(() => {
        db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(at)
        if (replacing) db.prepare("UPDATE sessions SET ended_reason = 'replaced' WHERE user_id = ? AND ended_reason IS NULL").run(userId)
        db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)').run(
          tokenHash,
          userId,
          at,
          expiresAt,
          at,
        )
      })()
    },
    session(tokenHash, at) {
      const row = db
        .prepare(`SELECT u.*, s.created_at AS session_created_at, s.last_seen_at, s.ended_reason
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0`)
        .get(tokenHash, at) as SessionRow | undefined
      if (!row) return null
      return {
        user: sessionUserOf(row),
        createdAt: row.session_created_at,
        lastSeenAt: row.last_seen_at,
        ended: row.ended_reason,
        mustChangePassword: row.must_change_password === 1,
        passwordChangedAt: row.password_changed_at,
      }
    },
    touchSession(tokenHash, at) {
      db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND ended_reason IS NULL').run(at, tokenHash)
    },
    endSession(tokenHash, reason) {
      db.prepare('UPDATE sessions SET ended_reason = ? WHERE token_hash = ?').run(reason, tokenHash)
    },
    deleteSession(tokenHash) {
      db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash)
    },
    deleteSessionsOf(userId) {
      db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId)
    },
  }
}

interface ScreenTokenRow {
  token_hash: string
  label: string
  created_by: string
  created_at: string
  revoked_at: string | null
}

/** The id a screen token is listed and revoked by: a prefix of its hash (the hash is not secret). */

export function sqliteScreenTokens(db: SqlDatabase, now: () => Date): ScreenTokenRepository {
  const recordOf = (row: ScreenTokenRow): ScreenTokenRecord => ({
    id: row.token_hash.slice(0, SCREEN_TOKEN_ID_LENGTH),
    label: row.label,
    createdBy: row.created_by,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  })
  const byId = (id: string) =>
    db.prepare('SELECT * FROM screen_tokens WHERE substr(token_hash, 1, ?) = ?').get(SCREEN_TOKEN_ID_LENGTH, id) as ScreenTokenRow | undefined
  const liveByHash = db.prepare('SELECT * FROM screen_tokens WHERE token_hash = ? AND revoked_at IS NULL')
  return {
    create(tokenHash, label, actor) {
      const at = now().toISOString()
      return db.transaction(() => {
        db.prepare('INSERT INTO screen_tokens (token_hash, label, created_by, created_at) VALUES (?, ?, ?, ?)').run(tokenHash, label, actor, at)
        const created = recordOf(byId(tokenHash.slice(0, SCREEN_TOKEN_ID_LENGTH)) as ScreenTokenRow)
        writeAudit(db, at, actor, 'create', 'screen_token', created.id, null, created)
        return created
      })()
    },
    list: () => (db.prepare('SELECT * FROM screen_tokens ORDER BY created_at DESC, rowid DESC').all() as ScreenTokenRow[]).map(recordOf),
    byHash(tokenHash) {
      const row = liveByHash.get(tokenHash) as ScreenTokenRow | undefined
      return row ? recordOf(row) : null
    },
    revoke(id, actor) {
      const at = now().toISOString()
      return db.transaction(() => {
        const row = byId(id)
        if (!row) return null
        if (row.revoked_at !== null) return recordOf(row)
        db.prepare('UPDATE screen_tokens SET revoked_at = ? WHERE token_hash = ?').run(at, row.token_hash)
        const revoked = recordOf({ ...row, revoked_at: at })
        writeAudit(db, at, actor, 'revoke', 'screen_token', id, recordOf(row), revoked)
        return revoked
      })()
    },
  }
}

/**
 * One audit record of a write to the store, chained to the one before (server/db/sqlite-audit.ts); callers run
 * it inside the transaction of the change it records. `context` carries the result and the client's address
 * where the caller knows them.
 */
export function writeAudit(
  db: SqlDatabase,
  at: string,
  actor: string,
  action: string,
  entity: string,
  entityId: string | null,
  before: unknown,
  after: unknown,
  context: { result?: AuditResult; address?: string | null } = {},
): void {
  appendAuditRecord(db, { at, actor, action, entity, entityId, before, after, result: context.result ?? 'success', address: context.address ?? currentRequestAddress() })
}

function roleOf(value: string): Role {
  const role = ROLES.find((r) => r === value)
  if (!role) throw new Error(`the users table holds an unknown role ${JSON.stringify(value)}`)
  return role
}

function sessionUserOf(row: UserRow): SessionUser {
  return { id: row.id, username: row.username, role: roleOf(row.role), areaScope: row.area_scope }
}

function userOf(row: UserRow): UserRecord {
  return {
    ...sessionUserOf(row),
    passwordHash: row.password_hash,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
    mustChangePassword: row.must_change_password === 1,
  }
}

/** A user as the audit log and the API show it: never the password hash. */
