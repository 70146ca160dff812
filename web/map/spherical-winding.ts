// d3-geo reads rings on the sphere: an outer ring must run clockwise, or it encloses the rest of the world.
// GeoJSON sources wind either way (RFC 7946 says counter-clockwise), so rings are re-wound before d3 draws them.
import type { MultiPolygon, Position } from 'geojson'

export function sphericalWinding(geometry: MultiPolygon): MultiPolygon {
  const coordinates = geometry.coordinates.map((polygon) =>
    polygon.map((ring, i) => {
      const clockwise = signedArea(ring) < 0
      return (i === 0) === clockwise ? ring : [...ring].reverse()
    }),
  )
  return { ...geometry, coordinates }
}

function signedArea(ring: readonly Position[]): number {
  let sum = 0
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
  return sum / 2
}
