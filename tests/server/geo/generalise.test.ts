import type { MultiPolygon, Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import { areaTopology, dissolvedGeometry, unitGeometries, type AreaTopology } from '../../../server/geo/dissolve'
import { mercatorPx, minWeight, NATIONAL_LEVELS, pinSmallRings, presimplified, simplified } from '../../../server/geo/generalise'

// A coast of 400 points with a 300 m island off it.
const coast: Position[] = [...Array.from({ length: 200 }, (_, i): Position => [110 + i * 0.01, 20 + 0.002 * Math.sin(i)]), [112, 22], [110, 22]]
const island: Position[] = [[111.5, 19.5], [111.503, 19.5], [111.503, 19.503], [111.5015, 19.5035], [111.5, 19.503]]
const closed = (ring: Position[]) => [...ring, ring[0]]
const mainland: MultiPolygon = { type: 'MultiPolygon', coordinates: [[closed(coast)]] }
const islet: MultiPolygon = { type: 'MultiPolygon', coordinates: [[closed(island)]] }

describe('generalisation', () => {
  it('takes weights in Web Mercator pixels at zoom 0', () => {
    expect(mercatorPx([-180, 0])).toEqual([0, 128])
    expect(mercatorPx([180, 0])[0]).toBe(256)
    expect(minWeight({ name: 'z3', zoom: 3, tolerancePx2: 0.5, decimals: 6 })).toBe(0.5 / 64)
    expect(NATIONAL_LEVELS.map((l) => l.name)).toEqual(['z3', 'z5', 'z7'])
  })

  it('drops a small island without pins and keeps it as a triangle of its own vertices with them', () => {
    const t = areaTopology([
      { code: 'land', geometry: mainland },
      { code: 'islet', geometry: islet },
    ])
    const pre = presimplified(t)
    const weight = minWeight(NATIONAL_LEVELS[0])
    const before = simplified(pre, weight) as AreaTopology
    const isletUnits = unitGeometries(before).filter((u) => u.properties.code === 'islet')
    expect(new Set(dissolvedGeometry(before, isletUnits).coordinates.flat(2).map(String)).size).toBeLessThan(3)

    expect(pinSmallRings(pre, unitGeometries(pre), weight)).toBe(1)
    const after = simplified(pre, weight) as AreaTopology
    const kept = dissolvedGeometry(after, unitGeometries(after).filter((u) => u.properties.code === 'islet'))
    expect(kept.coordinates).toHaveLength(1)
    expect(kept.coordinates[0][0]).toHaveLength(4)
    for (const p of kept.coordinates[0][0]) expect(island.some((q) => q[0] === p[0] && q[1] === p[1])).toBe(true)
    expect(pinSmallRings(pre, unitGeometries(pre), weight)).toBe(0)
  })
})
