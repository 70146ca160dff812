// The areas of one level generalised per zoom, made as the geodata build makes the national sets
// (geodata/README.md, "Generalisation"): one topology of all of them, where a border two areas share is one
// arc; the arcs simplified once (Visvalingam at the build's z3 and z5 tolerances), so both sides draw the same
// line and no sliver opens between them; every ring that would lose its area pinned first, so no island and no
// hole is lost at any level. Pure: areas in, geometry out. Used for stores whose boundaries are not the shipped
// national ones (an import, a prefecture's store): server/tiles/store-generalisations.ts runs it off the event loop.
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { feature } from 'topojson-client'
import { areaTopology, unitGeometries } from './dissolve'
import { minWeight, NATIONAL_LEVELS, pinSmallRings, presimplified, simplified, type GeneralisationLevel } from './generalise'
import { cleanPolygonal } from './polygon-clean'

export interface AreaShape {
  code: string
  geometry: MultiPolygon
}

/** The levels tiles draw generalised (server/tiles/generalisations.ts): the build's z3 and z5. */
export const TILE_LEVELS: readonly GeneralisationLevel[] = NATIONAL_LEVELS.filter((level) => level.name === 'z3' || level.name === 'z5')

/** Level name (z3, z5) → code → generalised geometry; every area with a ring is in every level. */
export type GeneralisedAreas = Map<string, Map<string, MultiPolygon>>

export function generalisedAreas(areas: readonly AreaShape[], levels: readonly GeneralisationLevel[] = TILE_LEVELS): GeneralisedAreas {
  const drawn = areas.filter((a) => a.geometry.coordinates.length > 0)
  const topology = areaTopology(drawn)
  const units = unitGeometries(topology)
  const pre = presimplified(topology)
  const result: GeneralisedAreas = new Map()
  // Coarse to fine: a pin made for a coarser level stays, and a finer one keeps that point anyway.
  for (const level of [...levels].sort((a, b) => a.zoom - b.zoom)) {
    const weight = minWeight(level)
    pinSmallRings(pre, units, weight)
    const simple = simplified(pre, weight)
    const byCode = new Map<string, MultiPolygon>()
    units.forEach((unit, i) => {
      // feature() keeps the area's own polygons and holes as they were nested; each ring keeps the direction its
      // arcs are walked in (no turning over, no spike removal: the neighbour walks the same vertices back).
      const geometry = (feature(simple, unit) as Feature<Polygon | MultiPolygon>).geometry
      const cleaned = cleanPolygonal(geometry, { orient: false, despike: false }).geometry
      // Pinned rings keep three distinct points, so nothing is left out; the stored geometry is the fallback
      // should a ring still come out empty.
      byCode.set(unit.properties.code, cleaned ?? drawn[i].geometry)
    })
    result.set(level.name, byCode)
  }
  return result
}
