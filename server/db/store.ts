// The repository contract the routes and CLI depend on. SQLite implements it today; a PostgreSQL
// backend implements the same interface later without touching routes.
// Over 400 lines on purpose: it is the one contract a second store implements, so every repository's
// interface stays side by side in it.
import type { ThrottleStates } from '../auth/rate-limit'
import type { StoredExportJob } from '../export/queue'
import type { SessionUser } from '../auth/roles'
import type { Role } from '../shared/roles'
import type { Area, ChecklistEntry, CorridorRecord, GpsFix, HonourLevel, Inspection, InspectionRating, PhotoRef, Scheme, Target, Unit, UnitStatus } from '../shared/domain'
import type { Snapshot } from '../snapshot'
import type { ChainStart, StoredAuditRecord } from '../audit/chain-verify'
import { DomainError } from '../domain-error'

/** A whole dataset as it is loaded in one transaction (the demo seed, a restore). Ids may be omitted. */
export interface Dataset {
  areas: Area[]
  schemes: DatasetScheme[]
  units: Unit[]
  targets: Target[]
  inspections: DatasetInspection[]
  corridors?: DatasetCorridor[] // none when absent
}

/** A scheme as a dataset carries it: without `visitsPerYear`, the column's default (DEFAULT_VISITS_PER_YEAR). */
export type DatasetScheme = Omit<Scheme, 'visitsPerYear'> & Partial<Pick<Scheme, 'visitsPerYear'>>

/**
 * An inspection as a dataset carries it: at least what migration 1 stored; the rest take their defaults
 * (`inspectors`: [inspector], no checklist or rating, version 1, created by the loading actor).
 */
export type DatasetInspection = Pick<Inspection, 'id' | 'unitId' | 'date' | 'inspector' | 'findings' | 'followUp'> &
  Partial<Omit<Inspection, 'id' | 'unitId' | 'date' | 'inspector' | 'findings' | 'followUp'>>

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
  secondFactors: SecondFactorRepository
  audit: AuditRepository
  screenProfiles: ScreenProfileRepository
  units: UnitRepository
  plans: PlanRepository
  imports: ImportRepository
  corridors: CorridorRepository
  inspections: InspectionRepository
  photos: PhotoRepository
  targets: TargetRepository
  schemes: SchemeRepository
  alertDeliveries: AlertDeliveryRepository
  /** Login throttling's state, shared by every server on the store. */
  throttles: ThrottleStates
  exportJobs: ExportJobRepository
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
  /** `onWritten` hears the units written so far, every 500 and at the end, from inside the transaction. */
  commitUnits(units: readonly ImportedUnit[], batch: { fileName: string; options: unknown; report: unknown; actor: string }, onWritten?: (done: number, total: number) => void): ImportBatchSummary
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

/** One unit's step in the naming workflow, as the ledger checked it. */
export interface StatusMove {
  id: number
  from: UnitStatus
  to: UnitStatus
  version?: number // the version the writer read (If-Match), when it sent one
  naming?: { level: HonourLevel; year: number } // what a step to 命名 gives
}

/** A status change's note: who, when, why, and the decision it rests on (文号), if any. */
export interface TransitionNote extends ChangeNote {
  document: string
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
 * `transition` change nothing and throw a 'stale' DomainError (details: { current }) if the unit is no longer at
 * `version`, so two people editing the same unit never silently lose a change.
 */
export interface UnitRepository {
  /**
   * Moves units along the naming workflow together: all or none. Each must still be at `from` (and at
   * `version`, when given), else nothing changes and a 'conflict' (or 'stale') DomainError names it.
   * Whether the step is allowed, and to whom, is the ledger's rule (server/ledger/unit-transition.ts).
   */
  transition(moves: readonly StatusMove[], change: TransitionNote): StoredUnit[]
  /** Unit id → the id the unit has in its source ledger (set by imports). */
  externalIds(): ReadonlyMap<number, string>
  get(id: number): StoredUnit | null
  create(fields: UnitFields, change: ChangeNote): StoredUnit
  update(id: number, version: number, fields: Partial<UnitFields>, change: ChangeNote): StoredUnit
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
  passwordChangedAt: string
  mustChangePassword: boolean // someone other than the user chose the password: changed at the next sign-in
}

export interface NewUser {
  username: string
  passwordHash: string
  role: Role
  areaScope: string | null
  mustChangePassword?: boolean // false: the user (or the operator's environment) chose it
}

export type UserChange = Partial<Pick<UserRecord, 'role' | 'areaScope' | 'disabled' | 'passwordHash' | 'mustChangePassword'>>

/** How many past password hashes the store keeps per account: the most ATLAS_PASSWORD_HISTORY may ask for. */
export const PASSWORD_HISTORY_KEPT = 24

/** Why a session ended before its expiry: no request for the idle time, or a newer sign-in (ATLAS_SINGLE_SESSION). */
export type SessionEnd = 'idle' | 'replaced'

/** A session that has not expired, of a user not disabled; `ended` when it was ended early (kept to say why). */
export interface SessionRecord {
  user: SessionUser
  createdAt: string
  lastSeenAt: string
  ended: SessionEnd | null
  mustChangePassword: boolean
  passwordChangedAt: string
}

/** Users and their server-side sessions. Every change is written to the audit log under `actor`. */
export interface AccountRepository {
  countUsers(): number
  userByName(username: string): UserRecord | null
  listUsers(): UserRecord[]
  createUser(user: NewUser, actor: string): UserRecord
  /** A new passwordHash ends the user's sessions and joins the history. */
  updateUser(id: number, change: UserChange, actor: string): UserRecord
  /** When the account last signed in (ISO), or null when it has not since the store kept it. */
  lastSignIn(id: number): string | null
  recordSignIn(id: number, at: string): void
  /** The same password hashed anew (another ATLAS_CRYPTO suite, stronger parameters): not a change of password, so no session ends. */
  rehashPassword(id: number, passwordHash: string, actor: string): void
  /** The user's last `count` password hashes, newest first (the current one among them). */
  recentPasswordHashes(userId: number, count: number): string[]
  /** `replacing`: the user's other sessions end as 'replaced' in the same transaction. */
  createSession(userId: number, tokenHash: string, expiresAt: string, options?: { replacing?: boolean }): void
  /** The session unless it expired or its user is disabled; null otherwise. */
  session(tokenHash: string, now: string): SessionRecord | null
  /** Records activity on the session (callers throttle it). */
  touchSession(tokenHash: string, at: string): void
  endSession(tokenHash: string, reason: SessionEnd): void
  deleteSession(tokenHash: string): void
  deleteSessionsOf(userId: number): void
}

/** An account's TOTP secret: set up, and counting once enabled; lastStep is the newest time step a code was accepted in. */
export interface TotpRecord {
  secret: string
  enabled: boolean
  lastStep: number
}

/** Second factors (server/auth/totp.ts). Enabling and disabling are written to the audit log under `actor`. */
export interface SecondFactorRepository {
  totp(userId: number): TotpRecord | null
  /** Keeps a new secret for an account not yet enrolled (a second setup replaces the first); an enabled one stays. */
  startTotp(userId: number, secret: string): void
  /** Enables the secret kept by startTotp, with the code's step used and the recovery codes (hashes) replacing any before. */
  enableTotp(userId: number, step: number, recoveryCodeHashes: readonly string[], actor: string): void
  disableTotp(userId: number, actor: string): void
  /** Records `step` as used; false when it (or a later one) already was: the code is a replay. */
  useTotpStep(userId: number, step: number): boolean
  /** Marks the recovery code used; false when it is not one of the account's unused codes. */
  useRecoveryCode(userId: number, hash: string): boolean
  recoveryCodesLeft(userId: number): number
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
  actor: string // the subject: who acted (for a failed sign-in, the username tried)
  action: string // the type: create, update, sign-in, export, …
  entity: string // the object's kind
  entityId: string | null // and which one
  result: AuditResult
  address: string | null // the client's address (server/http/forwarded.ts); null for writes not made over HTTP
  before: unknown
  after: unknown
  hash: string | null // its link in the chain (server/audit/chain-hash.ts)
}

export type AuditResult = 'success' | 'failure'

/** An event that is not itself a write to the store (a sign-in, an export): recorded as it is. */
export interface AuditEvent {
  actor: string
  action: string
  entity: string
  entityId?: string | null
  result: AuditResult
  address: string | null
  detail?: unknown // kept as the record's `after`
}

/** Filters of the audit page; `since` inclusive and `until` exclusive, both ISO instants. */
export interface AuditFilter {
  actor?: string
  action?: string
  entity?: string
  entityId?: string
  since?: string
  until?: string
}

/** The range `atlas audit archive` wrote to a file, and what it recorded of that file. */
export interface ArchivedRange {
  lastId: number // records with this id and below are removed
  headHash: string // the hash of that last record: the kept part's first previous-hash
  records: number
  digest: string // the archive file's content hash
  file: string
}

/**
 * The audit trail: append-only and hash-chained. Records are written by each repository's write (writeAudit)
 * and by `record`; none is changed, and none is removed except by `removeArchived`, after an archive.
 */
export interface AuditRepository {
  /** Newest first. */
  list(options: AuditFilter & { limit: number; before?: number }): AuditEntry[]
  /** Every record the filter selects, oldest first, for an export. */
  each(filter: AuditFilter): Iterable<AuditEntry>
  record(event: AuditEvent): void
  /** The newest record's id and hash; null while the trail is empty. */
  head(): { id: number; hash: string | null } | null
  /** Where the kept chain begins and its records in order, for verification. */
  chain(): { start: ChainStart; records: Iterable<StoredAuditRecord> }
  /** The oldest records, up to the first at or after `cutoff`: all that an archive may take without a gap. */
  archivable(cutoff: string): StoredAuditRecord[]
  /** Removes the archived records and records the archive, in one transaction; refused if the head moved. */
  removeArchived(range: ArchivedRange, actor: string): void
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

/** What a person writes of a creation target (创建目标): everything but its id; the route has checked it. */
export type TargetFields = Omit<Target, 'id'>

/** Creation targets. Every change is written to the audit log under `actor`, with the target before and after. */
export interface TargetRepository {
  list(): Target[] // by id
  get(id: number): Target | null
  create(fields: TargetFields, actor: string): Target
  /** Sets the fields given, keeping the others; null when there is no such target. */
  update(id: number, fields: Partial<TargetFields>, actor: string): Target | null
  remove(id: number, actor: string): boolean // false: there was no such target
}

/** A scheme (创建方案) as an admin creates it; the route has checked the shapes. A new scheme is never the default. */
export interface NewScheme {
  id: string // a slug of a–z, 0–9 and -, e.g. 'wujin'
  name: string
  note: string
  categories: readonly string[] // in order, each once
  visitsPerYear: number
  checklist?: readonly string[] // 督导 criteria in order; absent or []: the default themes
}

/** What a scheme update sets; `categories`: the scheme's own categories in a new order (adding, renaming, removing are writes of their own). */
export type SchemeChange = Partial<Pick<NewScheme, 'name' | 'note' | 'visitsPerYear' | 'categories' | 'checklist'>>

/** A category's change: a new name (its units and targets follow; the old name becomes a synonym), its synonyms (replaced), or both. */
export interface CategoryChange {
  name?: string
  synonyms?: readonly string[]
}

/**
 * What a rename moved. Units and targets carry a category's word, not a scheme, so the word is renamed in every
 * scheme that lists it (`schemes`), or those schemes would lose the units.
 */
export interface CategoryRename {
  from: string
  to: string
  schemes: string[] // ids, the scheme asked first
  units: number
  targets: number
}

/** A rename as category_renames keeps it, once per scheme renamed. */
export interface CategoryRenameRecord {
  schemeId: string
  from: string
  to: string
  at: string // ISO timestamp
  by: string
  units: number
  targets: number
}

/**
 * Schemes and their categories. Every write is one transaction with its audit rows (entity 'scheme', the scheme
 * before and after). An unknown scheme or category is a 'not_found' DomainError; a name already taken, or a
 * category still used, a 'conflict' one naming it. Schemes are never deleted here: the built-in ones come back
 * at every start (server/open-store.ts), and others may be named by targets and import batches.
 */
export interface SchemeRepository {
  get(id: string): Scheme | null // with its synonyms
  create(scheme: NewScheme, actor: string): Scheme
  update(id: string, change: SchemeChange, actor: string): Scheme
  /** Appends a category, with its synonyms. */
  addCategory(id: string, category: string, synonyms: readonly string[], actor: string): Scheme
  /**
   * Renames the category and/or sets its synonyms, in one transaction. A rename moves every unit and target
   * naming the old word (each unit's version bumped, the edit kept in unit_changes) and keeps the old word as
   * a synonym, so ledgers that still write it import as before.
   */
  changeCategory(id: string, category: string, change: CategoryChange, actor: string): { scheme: Scheme; renamed: CategoryRename | null }
  /** Removes a category no unit names and no target of this scheme (or of every scheme) names; its synonyms go with it. */
  removeCategory(id: string, category: string, actor: string): Scheme
  /** The scheme's category renames, oldest first. */
  renames(id: string): CategoryRenameRecord[]
}

/** A user as answers show it: never the password hash. */
export function publicUser({ passwordHash: _hash, ...user }: UserRecord): Omit<UserRecord, 'passwordHash'> {
  return user
}

/** A screen token's id: the first characters of its hash, enough to name it in a list and to revoke it. */
export const SCREEN_TOKEN_ID_LENGTH = 16

/** What a writer records of a visit (督导); the route has checked it (server/ledger/inspection-edit.ts). */
export interface InspectionFields {
  unitId: number
  date: string // yyyy-mm-dd
  inspectors: string[] // at least one; stored joined by '、' in `inspector` too, for readers before migration 7
  checklist: ChecklistEntry[]
  rating: InspectionRating | null
  findings: string
  followUp: string
  followUpDue: string | null
  followUpClosedAt: string | null // set by a PATCH that closes the follow-up; `followUpClosedBy` is then its actor
  clientId?: string | null // a visit synced from a phone (/inspect): the id it made, unique
  gps?: GpsFix | null // the phone's fix when the visit was recorded
}

/** Which inspections `list` returns; every field narrows, none given: all. */
export interface InspectionFilter {
  unitIds?: readonly number[]
  from?: string // yyyy-mm-dd, inclusive
  to?: string // yyyy-mm-dd, inclusive
}

/** A write based on `version` of an inspection now at another: a 412 whose body holds the current inspection. */
export function staleInspectionError(current: Inspection, version: number): DomainError {
  return new DomainError(
    'stale',
    `inspection ${current.id} is at version ${current.version}, not ${version}: someone changed it since it was read; merge with the current inspection and send again`,
    { details: { current } },
  )
}

/**
 * Inspections (督导). Every write bumps the version and is written to the audit log under `actor` with the
 * inspection before and after; `update` changes nothing and throws a 'stale' DomainError (details: { current })
 * when the inspection is no longer at `version`, and a 'not_found' one when there is no such inspection.
 */
export interface InspectionRepository {
  list(filter?: InspectionFilter): Inspection[] // newest first (date, then id)
  get(id: number): Inspection | null
  /** The visit a phone synced under `clientId`, or null. */
  byClientId(clientId: string): Inspection | null
  /** A new inspection; one with a `clientId` already stored throws a 'conflict' DomainError (ask byClientId first). */
  create(fields: Omit<InspectionFields, 'followUpClosedAt'>, actor: string): Inspection
  /** Sets the fields given (not the unit), keeping the others. */
  update(id: number, version: number, fields: Partial<Omit<InspectionFields, 'unitId'>>, actor: string): Inspection
}

/** A photo as stored: what inspections carry of it, and whose visit and unit it belongs to. */
export interface StoredPhoto extends PhotoRef {
  inspectionId: number
  unitId: number
  uploadedBy: string
  uploadedAt: string // ISO instant
}

/**
 * Visits' photos by the SHA-256 of their bytes (migration 16). `add` stores a photo once: the same hash again
 * answers the stored one and writes nothing (created: false), so a phone may replay an upload freely.
 */
export interface PhotoRepository {
  get(sha256: string): StoredPhoto | null
  /** The photo's bytes, or null when there is no such photo. */
  data(sha256: string): Buffer | null
  add(photo: Omit<StoredPhoto, 'uploadedBy' | 'uploadedAt'>, data: Uint8Array, actor: string): { photo: StoredPhoto; created: boolean }
}

/** The alerts the webhook (ATLAS_ALERT_WEBHOOK) has delivered: migration 15. */
export interface AlertDeliveryRepository {
  /** Which of `alertIds` the receiver has taken. */
  delivered(alertIds: readonly string[]): Set<string>
  /** The receiver answered 2xx for `alertId` after `attempts` POSTs: kept, and audited under `actor` in the same transaction. */
  markDelivered(alertId: string, attempts: number, actor: string, detail: unknown): void
}

/** Export jobs as every server on the store reads them: written through by the server that runs each. */
export interface ExportJobRepository {
  put(job: StoredExportJob): void
  /** The job with its file once done; null for no such job (or one forgotten). */
  get(id: string): StoredExportJob | null
  forgetFinishedBefore(at: Date): void
}
