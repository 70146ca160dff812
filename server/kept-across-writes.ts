// Values derived from a snapshot (a units table, a coverage report, an answer's bytes) that outlive it: kept per
// store and key with the snapshot version they are true of, and after unit writes brought up to date from
// what the writes touched (Snapshot.unitWrites) instead of being made again from 100 000 units. A whole
// rebuild of the snapshot (areas, schemes, targets, imports) leaves no record of its writes, so they are made
// again then.
import { writesSince, type Snapshot, type WritesSince } from './snapshot'

export interface KeptOptions<T> {
  maxEntries?: number // of this kind per store: 64
  maxBytes?: number // of this kind per store, by `sizeOf`: 256 MiB
  sizeOf?: (value: T) => number // 0 when not given
}

interface Kept {
  version: number
  value: unknown
  bytes: number
}

const keptByStore = new WeakMap<object, Map<string, Map<string, Kept>>>()

/**
 * The value of `kind` for `key` as of `snapshot` (the latest of `store`): the kept one when still true, the
 * kept one brought up to date by `update` (which may change it in place, return a new one, or return null to
 * have it made again), or a new one from `make`. A key names everything the value depends on; each kind is
 * kept within its own limits.
 */
export function keptAcrossWrites<T>(
  store: object,
  snapshot: Snapshot,
  kind: string,
  key: string,
  make: () => T,
  update: (kept: T, since: WritesSince) => T | null,
  { maxEntries = 64, maxBytes = 256 << 20, sizeOf = () => 0 }: KeptOptions<T> = {},
): T {
  let kinds = keptByStore.get(store)
  if (!kinds) keptByStore.set(store, (kinds = new Map()))
  let entries = kinds.get(kind)
  if (!entries) kinds.set(kind, (entries = new Map()))
  const kept = entries.get(key)
  // A snapshot older than the kept value's (not seen in practice: handlers read the store synchronously) gets
  // a value of its own, not kept.
  if (kept && kept.version > snapshot.version) return make()
  if (kept && kept.version === snapshot.version) {
    entries.delete(key) // put back last: the map's order is the order of use
    entries.set(key, kept)
    return kept.value as T
  }
  const since = kept ? writesSince(snapshot, kept.version) : null
  const value = (kept && since && update(kept.value as T, since)) || make()
  entries.delete(key)
  entries.set(key, { version: snapshot.version, value, bytes: sizeOf(value) })
  let bytes = 0
  for (const entry of entries.values()) bytes += entry.bytes
  for (const [oldKey, old] of entries) {
    if (entries.size <= maxEntries && bytes <= maxBytes) break
    entries.delete(oldKey)
    bytes -= old.bytes
  }
  return value
}
