import gcoord from 'gcoord'
import type { MultiPolygon } from 'geojson'
import { distance } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { wgs84FromGcj02, wgs84FromGcj02Point } from '../../geodata/build/gcj02.ts'

describe('wgs84FromGcj02', () => {
  it('undoes the GCJ-02 offset to within a metre', () => {
    const wgs = [103.717, 27.338] // 昭通 city
    const gcj = gcoord.transform([wgs[0], wgs[1]], gcoord.WGS84, gcoord.GCJ02)
    const back = wgs84FromGcj02Point(gcj)
    expect(distance(back, wgs, { units: 'meters' })).toBeLessThan(1)
  })

  it('moves 昭通 points by a few hundred metres', () => {
    const gcj = [103.717, 27.338]
    const shift = distance(gcj, wgs84FromGcj02Point(gcj), { units: 'meters' })
    expect(shift).toBeGreaterThan(200)
    expect(shift).toBeLessThan(700)
  })

  it('maps a vertex two polygons share to one point, rounded to 6 decimals', () => {
    const a: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[104, 28], [104.01, 28], [104.01, 28.01], [104, 28]]]] }
    const b: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[104.01, 28], [104.02, 28], [104.01, 28.01], [104.01, 28]]]] }
    const [wa, wb] = [wgs84FromGcj02(a), wgs84FromGcj02(b)]
    expect(wa.coordinates[0][0][1]).toEqual(wb.coordinates[0][0][0])
    expect(wa.coordinates[0][0][2]).toEqual(wb.coordinates[0][0][2])
    for (const [x, y] of wa.coordinates[0][0]) {
      expect(Math.round(x * 1e6) / 1e6).toBe(x)
      expect(Math.round(y * 1e6) / 1e6).toBe(y)
    }
  })
})
