// Versioned schema. Append new migrations; never edit one that has shipped.
import type Database from 'better-sqlite3'
import { GENESIS_HASH } from '../audit/chain-hash'
import { sqliteDatabase } from './sql'
import { AUDIT_NO_DELETE_TRIGGER, AUDIT_NO_UPDATE_TRIGGER, chainUnlinkedRecords } from './sqlite-audit'

export interface Migration {
  version: number
  description: string
  sql: string
  /** Steps SQL cannot take (hashing rows in order), run after `sql` in the same transaction. */
  run?: (db: Database.Database) => void
  /**
   * Rebuilds a table other tables reference (SQLite cannot change a CHECK in place): foreign keys are off
   * while it runs, or dropping the old table would cascade its deletes, and are checked before it commits.
   */
  rebuildsTables?: true
}

/** Migration 19 in both dialects: nothing in it is SQLite's own. */
export const THROTTLE_KEYS_TABLE = `
  CREATE TABLE throttle_keys (
    limiter TEXT NOT NULL,       -- login-account (per account and address) or login-address
    key TEXT NOT NULL,
    state TEXT NOT NULL,         -- JSON: the limiter's state for the key (server/auth/rate-limit.ts)
    touched_at TEXT NOT NULL,    -- ISO instant of the last failure recorded: the oldest keys go first
    PRIMARY KEY (limiter, key)
  );
  CREATE INDEX throttle_keys_touched ON throttle_keys(limiter, touched_at);
`

/** Migration 20, with the column type for bytes each dialect has (SQLite BLOB, PostgreSQL BYTEA). */
export function exportJobsTable(bytes: 'BLOB' | 'BYTEA'): string {
  return `
  CREATE TABLE export_jobs (
    id TEXT PRIMARY KEY,
    reads_as TEXT,               -- the user whose credential rendered it: only they may read it; NULL: anyone
    request TEXT NOT NULL,       -- JSON: the export request (server/export/export-request.ts)
    state TEXT NOT NULL CHECK (state IN ('queued','running','done','failed')),
    progress TEXT NOT NULL,      -- JSON: stage, done, total
    queued_at TEXT NOT NULL,     -- ISO instants
    finished_at TEXT,
    error TEXT,
    result TEXT,                 -- JSON: pages, pixels, sheets (the bytes are in file)
    file ${bytes}
  );
  CREATE INDEX export_jobs_finished ON export_jobs(finished_at);
`
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'areas, schemes, units with status history, targets, inspections, audit log',
    sql: `
      CREATE TABLE areas (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('province','prefecture','county','township','village')),
        parent TEXT REFERENCES areas(code) DEFERRABLE INITIALLY DEFERRED,
        geometry TEXT,                 -- GeoJSON MultiPolygon, WGS84
        population INTEGER,
        minority_share REAL,
        area_km2 REAL,
        schematic INTEGER NOT NULL DEFAULT 0,
        population_is_sample INTEGER NOT NULL DEFAULT 0,
        source TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX areas_parent ON areas(parent);
      CREATE INDEX areas_level ON areas(level);

      CREATE TABLE schemes (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        is_default INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE scheme_categories (
        scheme_id TEXT NOT NULL REFERENCES schemes(id) ON DELETE CASCADE,
        category TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (scheme_id, category)
      );

      CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        level TEXT CHECK (level IN ('县级','市级','省级','国家级')),
        status TEXT NOT NULL CHECK (status IN ('培育','申报','推荐','命名','复查','撤销')),
        year_named INTEGER,
        lon REAL,
        lat REAL,
        area_code TEXT,                -- as the ledger claims it; the join checks it against lon/lat
        address TEXT NOT NULL DEFAULT '',
        contact TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX units_area ON units(area_code);

      CREATE TABLE unit_status_history (
        id INTEGER PRIMARY KEY,
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT NOT NULL,
        by TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX unit_status_history_unit ON unit_status_history(unit_id, at);

      CREATE TABLE targets (
        id INTEGER PRIMARY KEY,
        area_code TEXT NOT NULL REFERENCES areas(code),
        scheme_id TEXT REFERENCES schemes(id),
        category TEXT,
        min_level TEXT CHECK (min_level IN ('县级','市级','省级','国家级')),
        count INTEGER NOT NULL CHECK (count >= 0),
        due_year INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT ''
      );

      CREATE TABLE inspections (
        id INTEGER PRIMARY KEY,
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        inspector TEXT NOT NULL,
        findings TEXT NOT NULL DEFAULT '',
        follow_up TEXT NOT NULL DEFAULT ''
      );

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT,
        before_json TEXT,
        after_json TEXT
      );
    `,
  },
  {
    version: 2,
    description: 'accounts: users with roles and area scope, server-side sessions, screen tokens',
    sql: `
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,   -- scrypt$N$r$p$salt$hash (base64url)
        role TEXT NOT NULL CHECK (role IN ('admin','editor','viewer')),
        area_scope TEXT REFERENCES areas(code) DEFERRABLE INITIALLY DEFERRED, -- editors: the subtree they may edit
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        password_changed_at TEXT NOT NULL
      );

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,   -- sha256 of the cookie value: a leaked table cannot be replayed
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id);

      CREATE TABLE screen_tokens (
        token_hash TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
      );
    `,
  },
  {
    version: 3,
    description: 'screen profiles, plan scenarios, import batches with what each changed (for rollback), unit external ids',
    sql: `
      CREATE TABLE screen_profiles (
        id TEXT PRIMARY KEY,           -- a slug, used in the screen's URL: /screen?profile=<id>
        name TEXT NOT NULL,
        config_json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      );

      CREATE TABLE plan_scenarios (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        area_code TEXT NOT NULL,
        request_json TEXT NOT NULL,
        result_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL
      );

      CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('units','areas')),
        file_name TEXT NOT NULL,
        options_json TEXT NOT NULL,
        report_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        rolled_back_at TEXT,
        rolled_back_by TEXT
      );

      CREATE TABLE import_batch_changes (
        batch_id INTEGER NOT NULL REFERENCES import_batches(id),
        entity TEXT NOT NULL,          -- 'unit' or 'area'
        entity_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('insert','update')),
        before_json TEXT               -- the row before an update; null for an insert
      );
      CREATE INDEX import_batch_changes_batch ON import_batch_changes(batch_id);

      ALTER TABLE units ADD COLUMN external_id TEXT;
      CREATE INDEX units_external_id ON units(external_id);
    `,
  },
  {
    version: 4,
    description: 'demonstration corridors (示范走廊): named, ordered lists of units',
    sql: `
      CREATE TABLE corridors (
        id INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: an id in the audit log or a URL names one corridor
        name TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        sample INTEGER NOT NULL DEFAULT 0, -- 1: 示例数据
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      );

      -- A deleted unit (e.g. an import rolled back) drops out of its corridors; positions may then have gaps.
      -- NOT NULL on the key: SQLite would otherwise accept NULLs in a composite primary key.
      CREATE TABLE corridor_stops (
        corridor_id INTEGER NOT NULL REFERENCES corridors(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        PRIMARY KEY (corridor_id, position)
      );
      CREATE INDEX corridor_stops_unit ON corridor_stops(unit_id); -- the cascade looks stops up by unit
    `,
  },
  {
    version: 5,
    description: 'unit editing: a version per unit for If-Match, and every edit kept with its before and after',
    sql: `
      ALTER TABLE units ADD COLUMN version INTEGER NOT NULL DEFAULT 1; -- +1 on every write; the ETag a writer sends back

      CREATE TABLE unit_changes (
        id INTEGER PRIMARY KEY,
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        at TEXT NOT NULL,        -- ISO timestamp
        by TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create', 'edit', 'revoke')),
        before TEXT,             -- JSON of the changed fields before; NULL for a create
        after TEXT NOT NULL,     -- JSON of the same fields after
        reason TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX unit_changes_unit ON unit_changes(unit_id, at);
    `,
  },
  {
    version: 6,
    description: 'the naming workflow: the 验收 status, the approver role, and the level, year and document of each status change',
    rebuildsTables: true,
    sql: `
      CREATE TABLE units_v6 (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        category TEXT NOT NULL,
        level TEXT CHECK (level IN ('县级','市级','省级','国家级')),
        status TEXT NOT NULL CHECK (status IN ('培育','申报','推荐','验收','命名','复查','撤销')),
        year_named INTEGER,
        lon REAL,
        lat REAL,
        area_code TEXT,                -- as the ledger claims it; the join checks it against lon/lat
        address TEXT NOT NULL DEFAULT '',
        contact TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        sample INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        external_id TEXT,
        version INTEGER NOT NULL DEFAULT 1
      );
      INSERT INTO units_v6 (id, name, category, level, status, year_named, lon, lat, area_code, address, contact, notes,
          sample, created_at, updated_at, external_id, version)
        SELECT id, name, category, level, status, year_named, lon, lat, area_code, address, contact, notes,
          sample, created_at, updated_at, external_id, version FROM units;
      DROP TABLE units;
      ALTER TABLE units_v6 RENAME TO units;
      CREATE INDEX units_area ON units(area_code);
      CREATE INDEX units_external_id ON units(external_id);

      CREATE TABLE users_v6 (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,   -- scrypt$N$r$p$salt$hash (base64url)
        role TEXT NOT NULL CHECK (role IN ('admin','editor','approver','viewer')),
        area_scope TEXT REFERENCES areas(code) DEFERRABLE INITIALLY DEFERRED, -- editors, approvers: their subtree
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        password_changed_at TEXT NOT NULL
      );
      INSERT INTO users_v6 (id, username, password_hash, role, area_scope, disabled, created_at, password_changed_at)
        SELECT id, username, password_hash, role, area_scope, disabled, created_at, password_changed_at FROM users;
      DROP TABLE users;
      ALTER TABLE users_v6 RENAME TO users;

      -- A naming (命名) records the level and year it gave, so that the level a unit held is known for any year.
      ALTER TABLE unit_status_history ADD COLUMN level TEXT CHECK (level IN ('县级','市级','省级','国家级'));
      ALTER TABLE unit_status_history ADD COLUMN document TEXT NOT NULL DEFAULT ''; -- e.g. 昭市民宗〔2022〕15号
    `,
  },
  {
    version: 7,
    description: 'inspections (督导) written through the API: several inspectors, a checklist, a rating, follow-ups with a due date and who closed them, a version; a visit rhythm per scheme',
    sql: `
      -- inspector stays, filled with the inspectors joined by '、', for readers that know only it.
      ALTER TABLE inspections ADD COLUMN inspectors TEXT NOT NULL DEFAULT '[]';        -- JSON array of names
      ALTER TABLE inspections ADD COLUMN checklist TEXT NOT NULL DEFAULT '[]';         -- JSON [{ item, result: 达标|基本达标|不达标, note }]
      ALTER TABLE inspections ADD COLUMN rating TEXT CHECK (rating IN ('优秀','良好','合格','不合格'));
      ALTER TABLE inspections ADD COLUMN follow_up_due TEXT;                           -- yyyy-mm-dd
      ALTER TABLE inspections ADD COLUMN follow_up_closed_at TEXT;                     -- yyyy-mm-dd
      ALTER TABLE inspections ADD COLUMN follow_up_closed_by TEXT NOT NULL DEFAULT '';
      ALTER TABLE inspections ADD COLUMN created_by TEXT NOT NULL DEFAULT '';          -- '' for rows from before this migration
      ALTER TABLE inspections ADD COLUMN created_at TEXT;                              -- ISO timestamp; NULL for the same
      ALTER TABLE inspections ADD COLUMN version INTEGER NOT NULL DEFAULT 1;           -- +1 on every write; the ETag a writer sends back
      UPDATE inspections SET inspectors = json_array(inspector) WHERE inspector <> '';
      CREATE INDEX inspections_unit ON inspections(unit_id, date);
      CREATE INDEX inspections_date ON inspections(date);

      ALTER TABLE schemes ADD COLUMN visits_per_year INTEGER NOT NULL DEFAULT 3 CHECK (visits_per_year >= 0); -- 督导 visits a year per unit
    `,
  },
  {
    version: 8,
    description: 'target ids are never reused (an id in the audit log names one target); namings recorded before levels were kept get their unit\'s level',
    rebuildsTables: true,
    sql: `
      CREATE TABLE targets_v8 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        area_code TEXT NOT NULL REFERENCES areas(code),
        scheme_id TEXT REFERENCES schemes(id),
        category TEXT,
        min_level TEXT CHECK (min_level IN ('县级','市级','省级','国家级')),
        count INTEGER NOT NULL CHECK (count >= 0),
        due_year INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT ''
      );
      INSERT INTO targets_v8 (id, area_code, scheme_id, category, min_level, count, due_year, note)
        SELECT id, area_code, scheme_id, category, min_level, count, due_year, note FROM targets;
      DROP TABLE targets;
      ALTER TABLE targets_v8 RENAME TO targets;

      -- Before the workflow no unit changed level, so every naming or 复查 it has was at the level it has now.
      UPDATE unit_status_history SET level = (SELECT level FROM units WHERE units.id = unit_status_history.unit_id)
        WHERE level IS NULL AND to_status IN ('命名', '复查');
    `,
  },
  {
    version: 9,
    description: 'schemes edited in the product: synonyms per category, and the renames of categories',
    sql: `
      -- Words a ledger writes for a category, mapped to it on import; a renamed category's old name becomes one.
      -- A synonym names one category per scheme. The foreign key keeps them with their category: a rename in
      -- scheme_categories carries them along (ON UPDATE), a removed category or scheme takes them with it.
      CREATE TABLE category_synonyms (
        scheme_id TEXT NOT NULL,
        category TEXT NOT NULL,
        synonym TEXT NOT NULL,
        position INTEGER NOT NULL,     -- the order they were given in
        PRIMARY KEY (scheme_id, synonym),
        FOREIGN KEY (scheme_id, category) REFERENCES scheme_categories(scheme_id, category) ON UPDATE CASCADE ON DELETE CASCADE
      );
      CREATE INDEX category_synonyms_category ON category_synonyms(scheme_id, category);

      -- A rename is kept twice: here, once per scheme renamed (what its category was called, when, by whom, how
      -- much moved), and as a unit_changes row ('edit', the category before and after) for every unit it moved,
      -- so each unit's own history shows it. Targets that follow have no row of their own: the audit log lists them.
      CREATE TABLE category_renames (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        scheme_id TEXT NOT NULL REFERENCES schemes(id) ON DELETE CASCADE,
        from_category TEXT NOT NULL,
        to_category TEXT NOT NULL,
        at TEXT NOT NULL,              -- ISO timestamp
        by TEXT NOT NULL,
        units INTEGER NOT NULL,        -- how many units it moved
        targets INTEGER NOT NULL       -- how many targets it moved
      );
      CREATE INDEX category_renames_scheme ON category_renames(scheme_id, at);
    `,
  },
  {
    version: 10,
    description: 'the audit trail hash-chained and append-only (等保 2.0 安全审计): result and address per record, the chain, triggers',
    sql: `
      ALTER TABLE audit_log ADD COLUMN result TEXT NOT NULL DEFAULT 'success' CHECK (result IN ('success','failure'));
      ALTER TABLE audit_log ADD COLUMN address TEXT;     -- the client's address; NULL for writes not made over HTTP
      ALTER TABLE audit_log ADD COLUMN hash_alg TEXT;    -- sha256 | sm3: what this record's hash was made with
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;   -- the hash of the record before it
      ALTER TABLE audit_log ADD COLUMN hash TEXT;        -- server/audit/chain-hash.ts: its fields and prev_hash
      CREATE INDEX audit_log_at ON audit_log(at);
      CREATE INDEX audit_log_actor ON audit_log(actor);
      CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

      -- One row: what new records are hashed with, and where the kept chain starts (the genesis, or the head of
      -- the last archive: the oldest kept record's prev_hash).
      CREATE TABLE audit_chain (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        algorithm TEXT NOT NULL,
        start_hash TEXT NOT NULL,
        archived_through INTEGER        -- the id of the last archived record; NULL before any archive
      );
      INSERT INTO audit_chain (id, algorithm, start_hash) VALUES (1, 'sha256', '${GENESIS_HASH}');
    `,
    // The rows written before are chained first, then the triggers forbid changing them.
    run(db) {
      chainUnlinkedRecords(sqliteDatabase(db))
      db.exec(AUDIT_NO_UPDATE_TRIGGER)
      db.exec(AUDIT_NO_DELETE_TRIGGER)
    },
  },
  {
    version: 11,
    description: '身份鉴别: passwords an admin set must be changed, the last passwords of each account, sessions that end after idle time or a newer sign-in',
    sql: `
      -- 1: someone other than the user chose the password (an admin's reset, a generated first password).
      ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;

      -- Every password an account has had, newest last (by id: several can share a timestamp); the store keeps
      -- the last PASSWORD_HISTORY_KEPT, so old hashes do not outlive what the policy can ask for.
      CREATE TABLE password_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        password_hash TEXT NOT NULL,   -- scrypt$N$r$p$salt$hash, as users.password_hash
        set_at TEXT NOT NULL
      );
      CREATE INDEX password_history_user ON password_history(user_id, id);
      INSERT INTO password_history (user_id, password_hash, set_at) SELECT id, password_hash, password_changed_at FROM users;

      -- The last request seen on the session (written at most every 1/10 of the idle time), and why it ended when
      -- it ended before its expiry: kept until then, so every request with its cookie is told why.
      ALTER TABLE sessions ADD COLUMN last_seen_at TEXT NOT NULL DEFAULT '';
      UPDATE sessions SET last_seen_at = created_at;
      ALTER TABLE sessions ADD COLUMN ended_reason TEXT CHECK (ended_reason IN ('idle', 'replaced'));
    `,
  },
  {
    version: 12,
    description: 'second factors: a TOTP secret per account, the last time step used, and single-use recovery codes',
    sql: `
      -- A secret is kept from setup; it counts only once enabled (a code from it was shown to be right).
      -- last_step: the newest time step a code was accepted in, so that a code is good once (no replay).
      CREATE TABLE user_totp (
        user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        secret TEXT NOT NULL,
        enabled_at TEXT,
        last_step INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE user_recovery_codes (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        code_hash TEXT NOT NULL,
        used_at TEXT,
        PRIMARY KEY (user_id, code_hash)
      );
    `,
  },
  {
    version: 13,
    description: 'when each account last signed in, so that accounts unused for ATLAS_ACCOUNT_IDLE_DAYS are disabled',
    sql: `
      ALTER TABLE users ADD COLUMN last_sign_in_at TEXT; -- NULL: never since this column came; its creation counts then
    `,
  },
  {
    version: 14,
    description: '三员分立: the security administrator (secadmin) and audit administrator (auditor) roles',
    rebuildsTables: true,
    sql: `
      CREATE TABLE users_v14 (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin','editor','approver','viewer','secadmin','auditor')),
        area_scope TEXT REFERENCES areas(code) DEFERRABLE INITIALLY DEFERRED,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        password_changed_at TEXT NOT NULL,
        must_change_password INTEGER NOT NULL DEFAULT 0,
        last_sign_in_at TEXT
      );
      INSERT INTO users_v14 (id, username, password_hash, role, area_scope, disabled, created_at, password_changed_at, must_change_password, last_sign_in_at)
        SELECT id, username, password_hash, role, area_scope, disabled, created_at, password_changed_at, must_change_password, last_sign_in_at FROM users;
      DROP TABLE users;
      ALTER TABLE users_v14 RENAME TO users;
    `,
  },
  {
    version: 15,
    description: 'the alerts the webhook (ATLAS_ALERT_WEBHOOK) has delivered, so that none is sent twice',
    sql: `
      CREATE TABLE alert_deliveries (
        alert_id TEXT PRIMARY KEY,   -- server/alerts/alerts.ts: kind:object:due date, the same on every day the alert stands
        sent_at TEXT NOT NULL,       -- ISO instant the receiver answered 2xx
        attempts INTEGER NOT NULL    -- POSTs it took in the check that delivered it
      );
    `,
  },
  {
    version: 16,
    description: '督导 in the field: the inspector role; visits synced from phones (a client-made id, the GPS fix); their photos by content hash',
    rebuildsTables: true,
    sql: `
      CREATE TABLE users_v16 (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin','editor','approver','viewer','secadmin','auditor','inspector')),
        area_scope TEXT REFERENCES areas(code) DEFERRABLE INITIALLY DEFERRED,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        password_changed_at TEXT NOT NULL,
        must_change_password INTEGER NOT NULL DEFAULT 0,
        last_sign_in_at TEXT
      );
      INSERT INTO users_v16 (id, username, password_hash, role, area_scope, disabled, created_at, password_changed_at, must_change_password, last_sign_in_at)
        SELECT id, username, password_hash, role, area_scope, disabled, created_at, password_changed_at, must_change_password, last_sign_in_at FROM users;
      DROP TABLE users;
      ALTER TABLE users_v16 RENAME TO users;

      -- The phone makes the id before it is ever online; a sync replayed finds the visit it made the first time.
      ALTER TABLE inspections ADD COLUMN client_id TEXT;
      CREATE UNIQUE INDEX inspections_client_id ON inspections(client_id);
      ALTER TABLE inspections ADD COLUMN gps_lon REAL;            -- WGS84; all four NULL: no fix
      ALTER TABLE inspections ADD COLUMN gps_lat REAL;
      ALTER TABLE inspections ADD COLUMN gps_accuracy_m REAL;     -- metres, as the phone reported it
      ALTER TABLE inspections ADD COLUMN gps_taken_at TEXT;       -- ISO instant

      CREATE TABLE photos (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),   -- of the bytes: an upload replayed is the same photo
        inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE, -- the visit's unit: who may see it is decided by its category
        mime TEXT NOT NULL CHECK (mime IN ('image/jpeg','image/png','image/webp')),
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        taken_at TEXT,                                  -- ISO instant the phone says; NULL: unknown
        exif_location_kept INTEGER NOT NULL DEFAULT 0,  -- 1: the inspector let the photo keep its EXIF position
        uploaded_by TEXT NOT NULL,
        uploaded_at TEXT NOT NULL,
        data BLOB NOT NULL                              -- in the store, so backups and restores carry the photos
      );
      CREATE INDEX photos_inspection ON photos(inspection_id, uploaded_at);
    `,
  },
  {
    version: 17,
    description: "areas may be the country (level 'country', code 000000): the root a national store hangs its provinces from",
    rebuildsTables: true,
    sql: `
      CREATE TABLE areas_v17 (
        code TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('country','province','prefecture','county','township','village')),
        parent TEXT REFERENCES areas(code) DEFERRABLE INITIALLY DEFERRED,
        geometry TEXT,                 -- GeoJSON MultiPolygon, WGS84
        population INTEGER,
        minority_share REAL,
        area_km2 REAL,
        schematic INTEGER NOT NULL DEFAULT 0,
        population_is_sample INTEGER NOT NULL DEFAULT 0,
        source TEXT NOT NULL DEFAULT ''
      );
      INSERT INTO areas_v17 SELECT code, name, level, parent, geometry, population, minority_share, area_km2, schematic, population_is_sample, source FROM areas;
      DROP TABLE areas;
      ALTER TABLE areas_v17 RENAME TO areas;
      CREATE INDEX areas_parent ON areas(parent);
      CREATE INDEX areas_level ON areas(level);
    `,
  },
  {
    version: 18,
    description: '督导 criteria as data per scheme, kept by admins',
    sql: `
      ALTER TABLE schemes ADD COLUMN checklist TEXT NOT NULL DEFAULT '[]'; -- JSON array of criteria in order; []: the default themes (宣传教育 …)
    `,
  },
  {
    version: 19,
    description: 'login throttling kept in the store, so that several servers on one database count the same failures',
    sql: THROTTLE_KEYS_TABLE,
  },
  {
    version: 20,
    description: 'export jobs kept in the store, so that any server on it answers a job’s progress and file',
    sql: exportJobsTable('BLOB'),
  },
]
