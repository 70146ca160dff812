// The store over SQL, whichever engine runs it (server/db/sql.ts): the repositories, the in-memory snapshot
// and what invalidates it. sqlite-store.ts and pg/pg-store.ts open their engine and hand it here with the few
// things only the engine knows (health, backup, close, and for a database several servers share, the log of
// writes that keeps their snapshots alike).
import { DEFAULT_VISITS_PER_YEAR, type Area, type AreaLevel, type HonourLevel, type Inspection, type Scheme, type StatusChange, type Target, type Unit, type UnitStatus } from '../shared/domain'
import { buildSnapshot, withUnits, type Snapshot } from '../snapshot'
import { returnedId, type SqlDatabase } from './sql'
import { sqliteAlertDeliveries } from './sqlite-alert-deliveries'
import { sqliteAccounts, sqliteScreenTokens, writeAudit } from './sqlite-accounts'
import { sqliteAudit } from './sqlite-audit'
import { sqliteSecondFactors } from './sqlite-second-factors'
import { insertCorridor, sqliteCorridors } from './sqlite-corridors'
import { inspectionsOfRows, joinedInspectors, sqliteInspections, type InspectionRow } from './sqlite-inspections'
import { sqlitePhotos } from './sqlite-photos'
import { sqliteImports } from './sqlite-imports'
import { sqlitePlans } from './sqlite-plans'
import { sqliteUnits, unitOfRow, type UnitRowRead } from './sqlite-units'
import { sqliteScreenProfiles } from './sqlite-screen-profiles'
import { sqliteTargets } from './sqlite-targets'
import { sqliteThrottles } from './sqlite-throttles'
import { sqliteExportJobs } from './sqlite-export-jobs'
import { readSchemes, sqliteSchemes, writeSynonyms } from './sqlite-schemes'
import type { AtlasStore, StoreHealth, Dataset } from './store'

/** Units a committed write changed, or 'all' when it changed more than units (areas, schemes, an import). */
export type Written = 'all' | readonly number[]

/** A database several servers share keeps a log of committed writes, so each server's snapshot follows the others'. */
export interface WriteLog {
  /** Records a committed write of this server; answers its version. */
  record(written: Written): number
  /** The version of the latest write recorded. */
  latest(): number
  /** The writes after `version`, oldest first ('all' for writes the log no longer holds). */
  since(version: number): { version: number; written: Written }[]
}

export interface StoreEngine {
  health(): Pick<StoreHealth, 'integrity' | 'schemaVersion'>
  /** Writes a copy of the whole store, as it was at one moment, to `file`. */
  backup(file: string): Promise<{ bytes: number }>
  close(): void
  writeLog?: WriteLog
}

export interface SqlStore extends AtlasStore {
  /** Another server wrote (a NOTIFY): the next snapshot reads the write log first. */
  heardWrite(): void
}

export function openSqlStore(db: SqlDatabase, engine: StoreEngine, now: () => Date): SqlStore {
  const log = engine.writeLog
  let version = log?.latest() ?? 0
  let cached: Snapshot | null = null
  // Units written since `cached` was built: the next snapshot reads only them again (server/snapshot.ts withUnits).
  const writtenUnits = new Set<number>()
  let behind = false // a write may be in the log that this snapshot has not read
  const apply = (written: Written) => {
    if (written === 'all') {
      cached = null
      writtenUnits.clear()
    } else if (cached !== null) for (const id of written) writtenUnits.add(id)
  }
  const committed = (written: Written) => {
    if (log === undefined) return apply(written)
    log.record(written)
    behind = true // read back through the log, which orders this write among the other servers'
  }
  const invalidate = () => committed('all')
  const unitsWritten = (ids: readonly number[]) => committed(ids)
  const catchUp = () => {
    behind = false
    for (const change of log?.since(version) ?? []) {
      version = change.version
      apply(change.written)
    }
  }
  // SQLite's snapshots count up on their own; a shared store's carry the log's version, alike on every server.
  const nextVersion = () => (log === undefined ? ++version : version)

  return {
    heardWrite() {
      behind = true
    },
    snapshot() {
      if (behind) catchUp()
      if (cached !== null && writtenUnits.size > 0) {
        // A few units written, nothing else: past a few hundred, reading everything again is as quick.
        cached = writtenUnits.size > 500 ? null : withUnits(cached, nextVersion(), readUnits(db, [...writtenUnits]))
        writtenUnits.clear()
      }
      if (cached === null) {
        if (log !== undefined) version = log.latest()
        cached = buildSnapshot(nextVersion(), readDataset(db))
      }
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
      const { integrity, schemaVersion } = engine.health()
      const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
      return { ok: integrity === 'ok', schemaVersion, integrity, units: count('units'), areas: count('areas') }
    },
    async backup(file, actor) {
      const { bytes } = await engine.backup(file)
      writeAudit(db, now().toISOString(), actor, 'backup', 'store', null, null, { bytes })
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
    throttles: sqliteThrottles(db, now),
    exportJobs: sqliteExportJobs(db),
    close() {
      engine.close()
    },
  }
}

function writeDataset(db: SqlDatabase, dataset: Dataset, actor: string, at: string): void {
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
      @lon, @lat, @areaCode, @address, @contact, @notes, @sample, @at, @at) RETURNING id`)
  const insertChange = db.prepare(`INSERT INTO unit_status_history (unit_id, at, from_status, to_status, by, reason, level, document)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
  const unitIds = new Map<number, number>()
  for (const unit of dataset.units) {
    const id = returnedId(insertUnit.get({ ...unit, sample: unit.sample ? 1 : 0, at }))
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
function readDataset(db: SqlDatabase): Dataset & { schemes: Scheme[]; inspections: Inspection[] } {
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

  const targets = (db.prepare(`SELECT id, area_code AS "areaCode", scheme_id AS "schemeId", category, min_level AS "minLevel",
      count, due_year AS "dueYear", note FROM targets ORDER BY id`).all() as Target[])
  const inspections = inspectionsOfRows(db, db.prepare('SELECT * FROM inspections ORDER BY date, id').all() as InspectionRow[], true)
  return { areas, schemes, units, targets, inspections }
}

/**
 * Units with their status history, by id: all of them, or those in `ids` (what a few writes changed).
 *
 * At 1 000 000 units this is most of a start-up, so it is written for it: rows are streamed (`iterate`; `all`
 * builds one array of a million rows first and took 2.5× as long), only the columns a Unit holds are read, and
 * the strings that repeat across rows (category, status, county code, the sample note, a history step's date
 * and reason…) are kept once, not once per row — a million copies of each is several hundred MB of heap that the
 * garbage collector walks on every full collection.
 */
function readUnits(db: SqlDatabase, ids?: readonly number[]): Unit[] {
  const among = (column: string) => (ids === undefined ? '' : `WHERE ${column} IN (${ids.map(() => '?').join(', ')})`)
  const shared = sharedStrings()
  const history = new Map<number, StatusChange[]>()
  const changes = db.prepare(`SELECT unit_id, at, from_status, to_status, "by", reason, level, document FROM unit_status_history ${among('unit_id')} ORDER BY unit_id, at, id`)
  for (const r of changes.iterate(...(ids ?? [])) as IterableIterator<ChangeRow>) {
    const change: StatusChange = { at: shared(r.at), from: shared(r.from_status), to: shared(r.to_status), by: shared(r.by), reason: shared(r.reason) }
    if (r.level !== null) change.level = shared(r.level)
    if (r.document !== '') change.document = r.document
    const list = history.get(r.unit_id)
    if (list) list.push(change)
    else history.set(r.unit_id, [change])
  }
  const units: Unit[] = []
  const rows = db.prepare(`SELECT ${UNIT_COLUMNS} FROM units ${among('id')} ORDER BY id`)
  for (const r of rows.iterate(...(ids ?? [])) as IterableIterator<UnitRowRead>) {
    r.category = shared(r.category)
    r.level = shared(r.level)
    r.status = shared(r.status)
    r.area_code = shared(r.area_code)
    r.address = shared(r.address)
    r.contact = shared(r.contact)
    r.notes = shared(r.notes)
    units.push(unitOfRow(r, history.get(r.id) ?? []))
  }
  return units
}

const UNIT_COLUMNS = 'id, name, category, level, status, year_named, lon, lat, area_code, address, contact, notes, sample'

/** One copy of each distinct string it is given (null passes through): for values that repeat across rows. */
function sharedStrings(): <T extends string | null>(value: T) => T {
  const kept = new Map<string, string>()
  return <T extends string | null>(value: T): T => {
    if (value === null) return value
    const found = kept.get(value)
    if (found !== undefined) return found as T
    kept.set(value, value)
    return value
  }
}
