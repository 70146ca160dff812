import { readFileSync } from 'node:fs'
import type { FeatureCollection, MultiPolygon } from 'geojson'
import { describe, expect, it } from 'vitest'
import { areaKm2, ellipsoidalAreaKm2 } from '../../../server/geo/area-km2'

describe('ellipsoidalAreaKm2', () => {
  it('gives 昭通 the official ≈ 22 440 km², 0.16 % under the spherical figure', () => {
    const counties = (JSON.parse(readFileSync(new URL('../../../geodata/5306/counties.geojson', import.meta.url), 'utf8')) as FeatureCollection<MultiPolygon>).features
    const ellipsoidal = counties.reduce((s, c) => s + ellipsoidalAreaKm2(c.geometry), 0)
    const spherical = counties.reduce((s, c) => s + areaKm2(c.geometry), 0)
    expect(ellipsoidal).toBeCloseTo(22440.7, 0)
    expect(spherical / ellipsoidal - 1).toBeCloseTo(0.0016, 4)
  })

  it('takes holes out whatever the rings’ orientation', () => {
    const outer = [[100, 20], [101, 20], [101, 21], [100, 21], [100, 20]]
    const hole = [[100.25, 20.25], [100.75, 20.25], [100.75, 20.75], [100.25, 20.75], [100.25, 20.25]]
    const whole = ellipsoidalAreaKm2({ type: 'Polygon', coordinates: [outer] })
    expect(ellipsoidalAreaKm2({ type: 'Polygon', coordinates: [[...outer].reverse()] })).toBeCloseTo(whole, 6)
    expect(ellipsoidalAreaKm2({ type: 'MultiPolygon', coordinates: [[outer, hole]] })).toBeCloseTo(whole * 0.75, -1)
  })
})
