// The repository contract the routes and CLI depend on. SQLite implements it today; a PostgreSQL
// backend implements the same interface later without touching routes.
import type { Role, SessionUser } from '../auth/roles'
import type { Area, CorridorRecord, Inspection, Scheme, Target, Unit, UnitStatus } from '../shared/domain'
import type { Snapshot } from '../snapshot'
import { DomainError } from '../domain-error'

/** A whole dataset as it is loaded in one transaction (the demo seed, a restore). Ids may be omitted. */
export interface Dataset {
  areas: Area[]
  schemes: Scheme[]
  units: Unit[]
  targets: Target[]
  inspections: Inspection[]
  corridors?: DatasetCorridor[] // none when absent
}

/** A corridor as a dataset carries it: `unitIds` are ids of units in the same dataset, in order. */
export interface DatasetCorridor {
  name: string
  note: string
  sample: boolean
  unitIds: number[]
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
  /** Writes a copy of the whole store, as it was at one moment while writes go on, to `file`; audited under `actor`. */
  backup(file: string, actor: string): Promise<void>
  accounts: AccountRepository
  screenTokens: ScreenTokenRepository
  audit: AuditRepository
  screenProfiles: ScreenProfileRepository
  units: UnitRepository
  plans: PlanRepository
  imports: ImportRepository
  corridors: CorridorRepository
  close(): void
}

/** A unit as an import writes it: a new row, or an update of `updates` (an existing unit's id). */
export interface ImportedUnit extends Omit<Unit, 'id' | 'history'> {
  externalId: string | null
  updates: number | null
}

/**
 * An area as an import writes it (server/import/areas): `exists` updates the area with this code, setting
 * only the fields given; otherwise a new area is inserted (name, level and geometry then required).
 */
export interface ImportedAreaChange {
  code: string
  name?: string
  level?: Area['level']
  parent?: string | null
  geometry?: Area['geometry']
  areaKm2?: number
  population?: number | null
  minorityShare?: number | null
  exists: boolean
}

export interface ImportBatchSummary {
  id: number
  kind: 'units' | 'areas'
  fileName: string
  createdAt: string
  createdBy: string
  inserted: number
  updated: number
  rolledBackAt: string | null
  rolledBackBy: string | null
}

export interface ImportBatch extends ImportBatchSummary {
  options: unknown
  report: unknown
}

/** Committed imports: each one transaction, listed with its report, and reversible. */
export interface ImportRepository {
  commitUnits(units: readonly ImportedUnit[], batch: { fileName: string; options: unknown; report: unknown; actor: string }): ImportBatchSummary
  /** Inserts new areas and updates existing ones (only the fields given), in one transaction, as an 'areas' batch. */
  commitAreas(areas: readonly ImportedAreaChange[], batch: { fileName: string; options: unknown; report: unknown; actor: string }): ImportBatchSummary
  list(): ImportBatchSummary[]
  get(id: number): ImportBatch | null
  /** Deletes the units (areas) the batch inserted and restores those it updated; refuses when a later import touched them. */
  rollback(id: number, actor: string): ImportBatchSummary
}

/** Changes to single units, each recorded in status history and the audit log. */
/** What a person edits of a unit: everything the ledger holds but its id, its 示例数据 flag and its history. */
export type UnitFields = Omit<Unit, 'id' | 'history' | 'sample'>

/** A unit as stored now, with the version a writer must send back (If-Match) to change it. */
export interface StoredUnit extends Omit<Unit, 'history'> {
  version: number
}

/** Who made a change, when (ISO timestamp) and why. */
export interface ChangeNote {
  actor: string
  at: string
  reason: string
}

/** One write to a unit as kept: the changed fields before (null for a create) and after. */
export interface UnitChange {
  at: string
  by: string
  action: 'create' | 'edit' | 'revoke'
  before: Partial<UnitFields> | null
  after: Partial<UnitFields>
  reason: string
}

/** A write based on `version` of a unit now at another: a 412 whose body holds the current unit, to merge with. */
export function staleUnitError(current: StoredUnit, version: number): DomainError {
  return new DomainError(
    'stale',
    `unit ${current.id} is at version ${current.version}, not ${version}: someone changed it since it was read; merge with the current unit and send again`,
    { details: { current } },
  )
}

/**
 * Writes to single units. Each bumps the unit's version and records the change and an audit row; `update` and
 * `revoke` change nothing and throw a 'stale' DomainError (details: { current }) if the unit is no longer at
 * `version`, so two people editing the same unit never silently lose a change.
 */
export interface UnitRepository {
  /** Moves each unit to `to`, recording from → to; throws (changing nothing) if any id is unknown. */
  changeStatus(ids: readonly number[], to: UnitStatus, change: ChangeNote): void
  /** Unit id → the id the unit has in its source ledger (set by imports). */
  externalIds(): ReadonlyMap<number, string>
  get(id: number): StoredUnit | null
  create(fields: UnitFields, change: ChangeNote): StoredUnit
  update(id: number, version: number, fields: Partial<UnitFields>, change: ChangeNote): StoredUnit
  /** 撤销: the unit stays, with its history, as revoked. */
  revoke(id: number, version: number, change: ChangeNote): StoredUnit
  /** The unit's edits, oldest first. */
  changes(id: number): UnitChange[]
}

export interface PlanScenario {
  id: number
  name: string
  areaCode: string
  request: unknown
  result: unknown
  createdAt: string
  createdBy: string
}

/** Saved site plans. Every change is written to the audit log under its actor. */
export interface PlanRepository {
  list(areaCode?: string): Omit<PlanScenario, 'request' | 'result'>[]
  get(id: number): PlanScenario | null
  save(scenario: Omit<PlanScenario, 'id' | 'createdAt'>): PlanScenario
  remove(id: number, actor: string): boolean
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

/** A read-only token for an unattended display; the token itself is never stored, only its hash. */
export interface ScreenTokenRecord {
  id: string // the first 16 characters of the token's hash: names the token in lists and URLs
  label: string
  createdBy: string
  createdAt: string
  revokedAt: string | null
}

/** Screen tokens. Creation and revocation are written to the audit log under `actor`. */
export interface ScreenTokenRepository {
  create(tokenHash: string, label: string, actor: string): ScreenTokenRecord
  list(): ScreenTokenRecord[] // newest first, revoked ones included
  /** The live (unrevoked) token with this hash, or null. */
  byHash(tokenHash: string): ScreenTokenRecord | null
  /** Revokes the token; null when there is no such token, the record unchanged when it was already revoked. */
  revoke(id: string, actor: string): ScreenTokenRecord | null
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

/** A saved /screen configuration; `config` is validated by the route (server/routes/screen-profiles.ts). */
export interface ScreenProfileRecord {
  id: string // a slug: /screen?profile=<id>
  name: string
  config: unknown
  updatedAt: string
  updatedBy: string
}

/** Screen profiles. Every change is written to the audit log under `actor`. */
export interface ScreenProfileRepository {
  list(): ScreenProfileRecord[] // by id
  get(id: string): ScreenProfileRecord | null
  put(id: string, name: string, config: unknown, actor: string): { profile: ScreenProfileRecord; created: boolean }
  delete(id: string, actor: string): boolean // false: there was no such profile
}

/** A demonstration corridor (示范走廊/示范带): a named, ordered list of units, drawn as a line through them. */

/** What a create or update writes; the route has checked that the units exist and are distinct. */
export interface CorridorInput {
  name: string
  note: string
  unitIds: readonly number[]
}

/** Corridors. Every change is written to the audit log under `actor`. */
export interface CorridorRepository {
  list(): CorridorRecord[] // by id
  get(id: number): CorridorRecord | null
  create(corridor: CorridorInput, actor: string): CorridorRecord // not sample data
  /** Replaces name, note and stops, keeping `sample`; null when there is no such corridor. */
  update(id: number, corridor: CorridorInput, actor: string): CorridorRecord | null
  delete(id: number, actor: string): boolean // false: there was no such corridor
}

/** A user as answers show it: never the password hash. */
export function publicUser({ passwordHash: _hash, ...user }: UserRecord): Omit<UserRecord, 'passwordHash'> {
  return user
}

/** A screen token's id: the first characters of its hash, enough to name it in a list and to revoke it. */
export const SCREEN_TOKEN_ID_LENGTH = 16
