// The embedded SQLite store (better-sqlite3): WAL, foreign keys, versioned migrations.
import Database from 'better-sqlite3'
import { statSync } from 'node:fs'
import { DEFAULT_VISITS_PER_YEAR, type Area, type AreaLevel, type HonourLevel, type Inspection, type Scheme, type StatusChange, type Target, type Unit, type UnitStatus } from '../shared/domain'
import { buildSnapshot, withUnits, type Snapshot } from '../snapshot'
import { backupStore } from './backup'
import { MIGRATIONS, type Migration } from './migrations'
import { sqliteAlertDeliveries } from './sqlite-alert-deliveries'
import { sqliteAccounts, sqliteScreenTokens, writeAudit } from './sqlite-accounts'
import { setChainAlgorithm, sqliteAudit } from './sqlite-audit'
import type { ChainHashAlgorithm } from '../audit/chain-hash'
import { sqliteSecondFactors } from './sqlite-second-factors'
import { insertCorridor, sqliteCorridors } from './sqlite-corridors'
import { inspectionsOfRows, joinedInspectors, sqliteInspections, type InspectionRow } from './sqlite-inspections'
import { sqlitePhotos } from './sqlite-photos'
import { sqliteImports } from './sqlite-imports'
import { sqlitePlans } from './sqlite-plans'
import { sqliteUnits, unitOfRow, type UnitRow } from './sqlite-units'
import { sqliteScreenProfiles } from './sqlite-screen-profiles'
import { sqliteTargets } from './sqlite-targets'
import { readSchemes, sqliteSchemes, writeSynonyms } from './sqlite-schemes'
import type { AtlasStore, Dataset, StoreHealth } from './store'

export interface SqliteStoreOptions {
  now?: () => Date // new Date(): injectable so tests get stable audit timestamps
  auditHash?: ChainHashAlgorithm // sha256: what new audit records are chained with (sm3 under ATLAS_CRYPTO=gm)
}

export class MigrationError extends Error {}

const INTEGRITY_CHECK_MS = 60_000

export function openSqliteStore(file: string, { now = () => new Date(), auditHash = 'sha256' }: SqliteStoreOptions = {}): AtlasStore {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('synchronous = NORMAL')
  migrate(db, MIGRATIONS)
  setChainAlgorithm(db, auditHash)

  let version = 0
  let cached: Snapshot | null = null
  // Units written since `cached` was built: the next snapshot reads only them again (server/snapshot.ts withUnits).
  const writtenUnits = new Set<number>()
  let checked: { at: number; result: string } | null = null
  const invalidate = () => {
    cached = null
    writtenUnits.clear()
  }
  const unitsWritten = (ids: readonly number[]) => {
    if (cached !== null) for (const id of ids) writtenUnits.add(id)
  }

  return {
    snapshot() {
      if (cached !== null && writtenUnits.size > 0) {
        // A few units written, nothing else: past a few hundred, reading everything again is as quick.
        cached = writtenUnits.size > 500 ? null : withUnits(cached, ++version, readUnits(db, [...writtenUnits]))
        writtenUnits.clear()
      }
      cached ??= buildSnapshot(++version, readDataset(db))
      return cached
    },
    isEmpty() {
      const row = db.prepare('SELECT (SELECT count(*) FROM areas) + (SELECT count(*) FROM units) AS n').get() as { n: number }
      return row.n === 0
    },
    loadDataset(dataset, actor) {
      db.transaction(() => writeDataset(db, dataset, actor, now().toISOString()))()
      invalidate()
    },
    health(): StoreHealth {
      // quick_check reads the whole file: at most once a minute, so polling /api/health stays cheap.
      if (checked === null || Date.now() - checked.at > INTEGRITY_CHECK_MS) {
        checked = { at: Date.now(), result: (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check).join('; ') }
      }
      const integrity = checked.result
      const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
      return {
        ok: integrity === 'ok',
        schemaVersion: db.pragma('user_version', { simple: true }) as number,
        integrity,
        units: count('units'),
        areas: count('areas'),
      }
    },
    async backup(file, actor) {
      await backupStore(db, file)
      writeAudit(db, now().toISOString(), actor, 'backup', 'store', null, null, { bytes: statSync(file).size })
    },
    accounts: sqliteAccounts(db, now),
    screenTokens: sqliteScreenTokens(db, now),
    secondFactors: sqliteSecondFactors(db, now),
    audit: sqliteAudit(db, now),
    units: sqliteUnits(db, unitsWritten),
    plans: sqlitePlans(db, now),
    imports: sqliteImports(db, now, invalidate),
    screenProfiles: sqliteScreenProfiles(db, now),
    corridors: sqliteCorridors(db, now),
    inspections: sqliteInspections(db, now, invalidate),
    photos: sqlitePhotos(db, now, invalidate),
    targets: sqliteTargets(db, now, invalidate),
    schemes: sqliteSchemes(db, now, invalidate),
    alertDeliveries: sqliteAlertDeliveries(db, now),
    close() {
      db.close()
    },
  }
}

export function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number
  const latest = migrations.at(-1)?.version ?? 0
  if (current > latest) {
    throw new MigrationError(
      `the data file is at schema version ${current}, newer than this program's ${latest}: upgrade Unity Atlas`,
    )
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF')
    try {
      db.transaction(() => {
        db.exec(migration.sql)
        migration.run?.(db)
        const broken = migration.rebuildsTables ? (db.pragma('foreign_key_check') as unknown[]) : []
        if (broken.length > 0) throw new MigrationError(`migration ${migration.version} would leave ${broken.length} rows pointing at rows that do not exist`)
        db.pragma(`user_version = ${migration.version}`)
      })()
    } finally {
      if (migration.rebuildsTables) db.pragma('foreign_keys = ON')
    }
  }
}

function writeDataset(db: Database.Database, dataset: Dataset, actor: string, at: string): void {
  const insertArea = db.prepare(`INSERT INTO areas (code, name, level, parent, geometry, population, minority_share,
      area_km2, schematic, population_is_sample) VALUES (@code, @name, @level, @parent, @geometry, @population,
      @minorityShare, @areaKm2, @schematic, @populationIsSample)`)
  for (const area of dataset.areas) {
    insertArea.run({
      ...area,
      geometry: area.geometry ? JSON.stringify(area.geometry) : null,
      schematic: area.schematic ? 1 : 0,
      populationIsSample: area.populationIsSample ? 1 : 0,
    })
  }

  const insertScheme = db.prepare('INSERT INTO schemes (id, name, note, is_default, visits_per_year, checklist) VALUES (?, ?, ?, ?, ?, ?)')
  const insertCategory = db.prepare('INSERT INTO scheme_categories (scheme_id, category, position) VALUES (?, ?, ?)')
  for (const scheme of dataset.schemes) {
    insertScheme.run(scheme.id, scheme.name, scheme.note, scheme.isDefault ? 1 : 0, scheme.visitsPerYear ?? DEFAULT_VISITS_PER_YEAR, JSON.stringify(scheme.checklist ?? []))
    scheme.categories.forEach((category, i) => insertCategory.run(scheme.id, category, i))
    for (const [category, synonyms] of Object.entries(scheme.synonyms ?? {})) writeSynonyms(db, scheme.id, category, synonyms)
  }

  const insertUnit = db.prepare(`INSERT INTO units (name, category, level, status, year_named, lon, lat, area_code,
      address, contact, notes, sample, created_at, updated_at) VALUES (@name, @category, @level, @status, @yearNamed,
      @lon, @lat, @areaCode, @address, @contact, @notes, @sample, @at, @at)`)
  const insertChange = db.prepare(`INSERT INTO unit_status_history (unit_id, at, from_status, to_status, by, reason, level, document)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
  const unitIds = new Map<number, number>()
  for (const unit of dataset.units) {
    const id = Number(insertUnit.run({ ...unit, sample: unit.sample ? 1 : 0, at }).lastInsertRowid)
    unitIds.set(unit.id, id)
    for (const c of unit.history) insertChange.run(id, c.at, c.from, c.to, c.by, c.reason, c.level ?? null, c.document ?? '')
  }

  const insertTarget = db.prepare(`INSERT INTO targets (area_code, scheme_id, category, min_level, count, due_year, note)
      VALUES (@areaCode, @schemeId, @category, @minLevel, @count, @dueYear, @note)`)
  for (const target of dataset.targets) insertTarget.run(target)

  const insertInspection = db.prepare(`INSERT INTO inspections (unit_id, date, inspector, inspectors, findings, follow_up,
      checklist, rating, follow_up_due, follow_up_closed_at, follow_up_closed_by, created_by, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  for (const inspection of dataset.inspections) {
    const unitId = unitIds.get(inspection.unitId)
    if (unitId === undefined) {
      throw new Error(`inspection ${inspection.id} refers to unit ${inspection.unitId}, which is not in the dataset`)
    }
    const inspectors = inspection.inspectors ?? (inspection.inspector === '' ? [] : [inspection.inspector])
    insertInspection.run(unitId, inspection.date, inspection.inspectors ? joinedInspectors(inspectors) : inspection.inspector, JSON.stringify(inspectors),
      inspection.findings, inspection.followUp, JSON.stringify(inspection.checklist ?? []), inspection.rating ?? null, inspection.followUpDue ?? null,
      inspection.followUpClosedAt ?? null, inspection.followUpClosedBy ?? '', inspection.createdBy ?? actor, inspection.createdAt ?? at)
  }

  for (const corridor of dataset.corridors ?? []) {
    const stops = corridor.unitIds.map((id) => {
      const unitId = unitIds.get(id)
      if (unitId === undefined) throw new Error(`corridor "${corridor.name}" refers to unit ${id}, which is not in the dataset`)
      return unitId
    })
    insertCorridor(db, { ...corridor, unitIds: stops }, at, actor)
  }

  writeAudit(db, at, actor, 'load', 'dataset', null, null, {
    areas: dataset.areas.length,
    schemes: dataset.schemes.length,
    units: dataset.units.length,
    targets: dataset.targets.length,
    inspections: dataset.inspections.length,
    corridors: dataset.corridors?.length ?? 0,
  })
}

interface AreaRow {
  code: string
  name: string
  level: AreaLevel
  parent: string | null
  geometry: string | null
  population: number | null
  minority_share: number | null
  area_km2: number | null
  schematic: number
  population_is_sample: number
}

interface ChangeRow {
  unit_id: number
  at: string
  from_status: UnitStatus | null
  to_status: UnitStatus
  by: string
  reason: string
  level: HonourLevel | null
  document: string
}

/** The whole store, every scheme and inspection with all its fields (a snapshot's input). */
function readDataset(db: Database.Database): Dataset & { schemes: Scheme[]; inspections: Inspection[] } {
  const areas = (db.prepare('SELECT * FROM areas ORDER BY code').all() as AreaRow[]).map(
    (r): Area => ({
      code: r.code,
      name: r.name,
      level: r.level,
      parent: r.parent,
      geometry: r.geometry === null ? null : JSON.parse(r.geometry),
      population: r.population,
      minorityShare: r.minority_share,
      areaKm2: r.area_km2,
      schematic: r.schematic === 1,
      populationIsSample: r.population_is_sample === 1,
    }),
  )

  const schemes = readSchemes(db) // with their synonyms

  const units = readUnits(db)

  const targets = (db.prepare(`SELECT id, area_code AS areaCode, scheme_id AS schemeId, category, min_level AS minLevel,
      count, due_year AS dueYear, note FROM targets ORDER BY id`).all() as Target[])
  const inspections = inspectionsOfRows(db, db.prepare('SELECT * FROM inspections ORDER BY date, id').all() as InspectionRow[], true)
  return { areas, schemes, units, targets, inspections }
}

/** Units with their status history, by id: all of them, or those in `ids` (what a few writes changed). */
function readUnits(db: Database.Database, ids?: readonly number[]): Unit[] {
  const among = (column: string) => (ids === undefined ? '' : `WHERE ${column} IN (${ids.map(() => '?').join(', ')})`)
  const history = new Map<number, StatusChange[]>()
  for (const r of db.prepare(`SELECT * FROM unit_status_history ${among('unit_id')} ORDER BY unit_id, at, id`).all(...(ids ?? [])) as ChangeRow[]) {
    const change: StatusChange = { at: r.at, from: r.from_status, to: r.to_status, by: r.by, reason: r.reason }
    if (r.level !== null) change.level = r.level
    if (r.document !== '') change.document = r.document
    const list = history.get(r.unit_id)
    if (list) list.push(change)
    else history.set(r.unit_id, [change])
  }
  const rows = db.prepare(`SELECT * FROM units ${among('id')} ORDER BY id`).all(...(ids ?? [])) as UnitRow[]
  return rows.map((r) => unitOfRow(r, history.get(r.id) ?? []))
}
