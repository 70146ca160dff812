// The repository contract the routes and CLI depend on. SQLite implements it today; a PostgreSQL
// backend implements the same interface later without touching routes.
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
  close(): void
}
