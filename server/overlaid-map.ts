// A read-only map made of a large shared base and a small layer of changed entries on top, so that the
// snapshot after an edit to one unit shares its 100 000-entry maps with the one before instead of copying
// them (server/snapshot.ts withUnits). Entries are only set, never removed: units are revoked, not deleted.

/** Past this many changed entries the layer is merged into a new base: one copy per this many writes. */
const MERGE_AT = 2048

export class OverlaidMap<K, V> implements ReadonlyMap<K, V> {
  private constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly layer: ReadonlyMap<K, V>,
    readonly size: number,
  ) {}

  static over<K, V>(base: ReadonlyMap<K, V>): OverlaidMap<K, V> {
    return base instanceof OverlaidMap ? base : new OverlaidMap(base, new Map(), base.size)
  }

  /** A new map with `entries` set; this one is unchanged. */
  with(entries: Iterable<readonly [K, V]>): OverlaidMap<K, V> {
    const layer = new Map(this.layer)
    let size = this.size
    for (const [key, value] of entries) {
      if (!this.has(key) && !layer.has(key)) size++
      layer.set(key, value)
    }
    if (layer.size < MERGE_AT) return new OverlaidMap(this.base, layer, size)
    const merged = new Map(this.base)
    for (const [key, value] of layer) merged.set(key, value)
    return new OverlaidMap(merged, new Map(), merged.size)
  }

  get(key: K): V | undefined {
    return this.layer.has(key) ? this.layer.get(key) : this.base.get(key)
  }

  has(key: K): boolean {
    return this.layer.has(key) || this.base.has(key)
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.base) yield [key, this.layer.has(key) ? (this.layer.get(key) as V) : value]
    for (const [key, value] of this.layer) if (!this.base.has(key)) yield [key, value]
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries()
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this)
  }
}
