// The repository contract the routes and CLI depend on. SQLite implements it today; a PostgreSQL
// backend implements the same interface later without touching routes.
import type { Role, SessionUser } from '../auth/roles'
import type { Area, Inspection, Scheme, Target, Unit } from '../domain'
import type { Snapshot } from '../snapshot'

/** A whole dataset as it is loaded in one transaction (the demo seed, a restore). Ids may be omitted. */
export interface Dataset {
  areas: Area[]
  schemes: Scheme[]
  units: Unit[]
  targets: Target[]
  inspections: Inspection[]
}

export interface StoreHealth {
  ok: boolean
  schemaVersion: number
  integrity: string // 'ok' or SQLite's integrity_check findings
  units: number
  areas: number
}

export interface AtlasStore {
  /** An immutable, indexed view of the current data; rebuilt only after a write. */
  snapshot(): Snapshot
  isEmpty(): boolean
  /** Adds a dataset in one transaction and records it in the audit log under `actor`. */
  loadDataset(dataset: Dataset, actor: string): void
  health(): StoreHealth
  accounts: AccountRepository
  audit: AuditRepository
  close(): void
}

export interface UserRecord extends SessionUser {
  passwordHash: string
  disabled: boolean
  createdAt: string
}

export interface NewUser {
  username: string
  passwordHash: string
  role: Role
  areaScope: string | null
}

/** Users and their server-side sessions. Every change is written to the audit log under `actor`. */
export interface AccountRepository {
  countUsers(): number
  userByName(username: string): UserRecord | null
  listUsers(): UserRecord[]
  createUser(user: NewUser, actor: string): UserRecord
  updateUser(id: number, change: Partial<Pick<UserRecord, 'role' | 'areaScope' | 'disabled' | 'passwordHash'>>, actor: string): UserRecord
  createSession(userId: number, tokenHash: string, expiresAt: string): void
  /** The user of a live session (not expired, user not disabled); null otherwise. */
  sessionUser(tokenHash: string, now: string): SessionUser | null
  deleteSession(tokenHash: string): void
  deleteSessionsOf(userId: number): void
}

export interface AuditEntry {
  id: number
  at: string
  actor: string
  action: string
  entity: string
  entityId: string | null
  before: unknown
  after: unknown
}

export interface AuditRepository {
  /** Newest first. */
  list(options: { limit: number; before?: number; entity?: string }): AuditEntry[]
}
