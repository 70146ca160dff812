// Hairline rings of a cut tile, wound as outer rings before it is encoded. geojson-vt winds each ring by its
// role (outer, hole) on its float coordinates and only then rounds them to whole tile units; a sliver narrower
// than a unit (the topology's hairline holes and parts: 陕西 has three holes and two parts of ~1e-5 deg² at z5)
// can come out of the rounding wound the other way. A renderer tells outer rings from holes by their winding
// alone (MVT 2, 4.3.4.4), so MapLibre took such a part for a hole of the province lying outside it, and earcut
// bridged it across the province: a wrong triangle ~3° wide in 陕西 at z5. Wound as an outer ring, a hairline is
// a polygon of its own: a flipped part is right again, and a true hole that thin becomes a sliver of the area's
// own colour over the area, which nobody can see. No vertex moves, so shared borders stay shared. Pure.
import type { GeoJSONVTFeature } from '@maplibre/geojson-vt'

/** Tile units: a ring whose mean width (2·|area| / perimeter) is below this is a hairline (1/8 px at 512 px, extent 4096). */
const HAIRLINE_WIDTH = 1

type Ring = readonly (readonly [number, number])[]

/** Twice a ring's signed area in tile units (y down; positive: clockwise on screen, an outer ring in MVT). */
function twiceSignedArea(ring: Ring): number {
  let sum = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1]
  return sum
}

/** A ring's mean width in tile units, 2·|area| / perimeter. */
export function meanWidth(ring: Ring): number {
  let perimeter = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) perimeter += Math.hypot(ring[i][0] - ring[j][0], ring[i][1] - ring[j][1])
  return perimeter > 0 ? Math.abs(twiceSignedArea(ring)) / perimeter : 0
}

/** Whether a ring is a hairline wound as a hole: the rounding may have flipped it. */
export function isHairlineHole(ring: Ring): boolean {
  return twiceSignedArea(ring) < 0 && meanWidth(ring) < HAIRLINE_WIDTH
}

/**
 * The features with every hairline hole wound as an outer ring and moved after the other rings (an outer ring
 * starts a polygon: left in place, it would take the holes after it from their own); other rings, lines and
 * points as they are.
 */
export function withHairlinesAsOuterRings<F extends GeoJSONVTFeature>(features: readonly F[]): F[] {
  return features.map((feature) => {
    if (feature.type !== 3 || !feature.geometry.some(isHairlineHole)) return feature
    const hairlines = feature.geometry.filter(isHairlineHole).map((ring) => [...ring].reverse())
    return { ...feature, geometry: [...feature.geometry.filter((ring) => !isHairlineHole(ring)), ...hairlines] }
  })
}
