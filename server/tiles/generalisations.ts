// Which geometry a tile draws at each zoom. Pure: the generalised sets come in as an argument.
//
// Tiles never simplify on their own (geojson-vt's per-feature simplification would simplify a border two
// neighbours share twice, differently, and open slivers between them). They draw geometry whose shared
// borders are the same vertex for vertex at every zoom: from zoom 6 the store's areas as stored; up to zoom 5
// a z3 or z5 generalisation of the whole layer made on one topology, so a border is simplified once and drawn
// alike by both sides (geodata/README.md, "Generalisation"):
// - for a layer whose every area is the shipped national z7 geometry (ATLAS_DEMO=national, or those files
//   imported unchanged), the shipped z3 and z5 sets;
// - for any other layer (imported boundaries, a prefecture's store), the store's own areas generalised the
//   same way (server/geo/generalised-areas.ts), once they are made (store-generalisations.ts); until then,
//   the stored geometry at every zoom. A layer never mixes generalised and stored neighbours: that would open
//   slivers.
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson'
import type { Area } from '../shared/domain'

export type Generalisation = 'z3' | 'z5' | 'stored'

/** A layer's areas at the generalisations drawn below zoom 6: code → geometry, every area of the layer in each. */
export interface ZoomSets {
  z3: ReadonlyMap<string, MultiPolygon>
  z5: ReadonlyMap<string, MultiPolygon>
}

/** A shipped set for one level: code → geometry, at each generalisation the geodata build makes. */
export interface ShippedSet extends ZoomSets {
  z7: ReadonlyMap<string, MultiPolygon>
}

/**
 * The generalisation a tile of zoom `z` draws. A 512-px vector tile at zoom z has pixels of the build's
 * 256-px zoom z + 1, so set zN is at most two screen pixels off at tile zoom N: z3 up to 3, z5 at 4 and 5,
 * the stored z7 (or full detail) from 6 on.
 */
export function generalisationAt(z: number): Generalisation {
  if (z <= 3) return 'z3'
  if (z <= 5) return 'z5'
  return 'stored'
}

export interface TileProperties {
  code: string
  name: string
  level: Area['level']
  parent: string // '' for a top level: MVT has no null
  schematic?: true // a 示意 cell: a map drawing it must say so
}

/** The areas of a layer as tile features, drawn at `generalisation` from `sets` (null: the stored geometry at every zoom). */
export function layerFeatures(areas: readonly Area[], sets: ZoomSets | null, generalisation: Generalisation): FeatureCollection<MultiPolygon, TileProperties> {
  const drawn = drawnAreas(areas)
  const set = generalisation !== 'stored' && sets !== null ? sets[generalisation] : null
  return {
    type: 'FeatureCollection',
    features: drawn.map((a): Feature<MultiPolygon, TileProperties> => ({
      type: 'Feature',
      properties: { code: a.code, name: a.name, level: a.level, parent: a.parent ?? '', ...(a.schematic ? { schematic: true as const } : {}) },
      geometry: set?.get(a.code) ?? a.geometry,
    })),
  }
}

/** The areas that have a geometry to draw. */
export function drawnAreas(areas: readonly Area[]): (Area & { geometry: MultiPolygon })[] {
  return areas.filter((a): a is Area & { geometry: MultiPolygon } => a.geometry !== null)
}

/** Every area has the shipped z7 geometry, coordinate for coordinate, and a z3 and z5 one. */
export function isShipped(areas: readonly (Area & { geometry: MultiPolygon })[], shipped: ShippedSet): boolean {
  return (
    areas.length > 0 &&
    areas.every((a) => {
      const z7 = shipped.z7.get(a.code)
      return z7 !== undefined && shipped.z3.has(a.code) && shipped.z5.has(a.code) && sameCoordinates(z7.coordinates, a.geometry.coordinates)
    })
  )
}

function sameCoordinates(a: unknown, b: unknown): boolean {
  if (typeof a === 'number') return a === b
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!sameCoordinates(a[i], b[i])) return false
  return true
}
