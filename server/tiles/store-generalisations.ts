// The z3/z5 sets a layer's tiles draw (generalisations.ts), found once per areas list and level: the shipped
// national sets when the layer holds exactly their geometry, else the store's own areas generalised
// (server/geo/generalised-areas.ts). Generalising takes a second of CPU for the 2 846 national counties, so it
// runs on a worker thread, started by the first tile at zoom ≤ 5 a layer is asked for after its areas changed;
// until it is done that layer's tiles draw the stored geometry, as at zoom ≥ 6 (docs/boundaries.md).
//
// A new areas list (an import, a boundary edit) is a new key: its sets are made afresh, and those of the old
// list go with it.
import { Piscina } from 'piscina'
import type { Area, AreaLevel } from '../shared/domain'
import type { AreaShape } from '../geo/generalised-areas'
import { packAreas, packedBuffers, unpackAreas, type PackedAreas } from '../geo/packed-areas'
import type { PackedGeneralisations } from './generalise-task'
import { drawnAreas, isShipped, type ShippedSet, type ZoomSets } from './generalisations'
import { shippedSet } from './shipped-sets'

const IDLE_MS = 30_000

interface LayerSets {
  sets: ZoomSets | null // null while the generalisation runs, or when it failed: the stored geometry is drawn
  ready: Promise<ZoomSets | null>
}

const setsByAreas = new WeakMap<readonly Area[], Map<AreaLevel, LayerSets>>()

/** The sets the `level` areas of `areas` draw at zoom ≤ 5 now: null while none are ready (draw the stored geometry). */
export function layerSets(areas: readonly Area[], level: AreaLevel, shippedOf: (level: AreaLevel) => ShippedSet | null = shippedSet): ZoomSets | null {
  return layerEntry(areas, level, shippedOf).sets
}

/** When `layerSets` has its final answer (tests, and whoever wants to wait for it). */
export function layerSetsReady(areas: readonly Area[], level: AreaLevel, shippedOf: (level: AreaLevel) => ShippedSet | null = shippedSet): Promise<ZoomSets | null> {
  return layerEntry(areas, level, shippedOf).ready
}

function layerEntry(areas: readonly Area[], level: AreaLevel, shippedOf: (level: AreaLevel) => ShippedSet | null): LayerSets {
  let levels = setsByAreas.get(areas)
  if (!levels) setsByAreas.set(areas, (levels = new Map()))
  let entry = levels.get(level)
  if (entry) return entry
  const drawn = drawnAreas(areas.filter((a) => a.level === level))
  const shipped = shippedOf(level)
  if (drawn.length === 0 || (shipped !== null && isShipped(drawn, shipped))) {
    const sets = drawn.length === 0 ? null : shipped
    entry = { sets, ready: Promise.resolve(sets) }
  } else {
    entry = generalising(drawn, level)
  }
  levels.set(level, entry)
  return entry
}

function generalising(areas: readonly AreaShape[], level: AreaLevel): LayerSets {
  const entry: LayerSets = { sets: null, ready: Promise.resolve(null) }
  entry.ready = generaliseOffThread(areas).then(
    (sets) => (entry.sets = sets),
    (error: unknown) => {
      console.error(`generalising the ${level} areas for tiles failed (their tiles draw the stored geometry): ${error instanceof Error ? error.message : String(error)}`)
      return null
    },
  )
  return entry
}

let pool: Piscina<PackedAreas, PackedGeneralisations> | null = null

function generaliser(): Piscina<PackedAreas, PackedGeneralisations> {
  if (pool) return pool
  pool = new Piscina({
    filename: new URL('../ts-worker.mjs', import.meta.url).href,
    workerData: { module: './tiles/generalise-task.ts', exported: 'generaliseTask' },
    minThreads: 0,
    maxThreads: 1, // layers wait for one another: tiles are drawn meanwhile, and the other core stays the event loop's
    idleTimeout: IDLE_MS,
    niceIncrement: 10, // below the event loop's thread in the scheduler, as the upload readers (import/parse-pool.ts)
  })
  pool.on('error', (error: Error) => console.error(`tile generalisation worker failed: ${error.message}`))
  return pool
}

/** `areas` generalised on the worker; packed both ways, so neither thread clones every position as an object. */
async function generaliseOffThread(areas: readonly AreaShape[]): Promise<ZoomSets> {
  const packed = packAreas(areas)
  const answer = await generaliser().run(packed, { transferList: packedBuffers(packed) })
  const level = (name: keyof ZoomSets) => new Map(unpackAreas(answer[name]).map((a) => [a.code, a.geometry]))
  return { z3: level('z3'), z5: level('z5') }
}
