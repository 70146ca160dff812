import { describe, expect, it } from 'vitest'
import { groundMetres, metresPerPixel, scaleBarOf, scaleDenominator, scaleFractionLabel } from '../../../web/export/scale-bar'

describe('scale bar', () => {
  it('matches a known ground distance: one degree of longitude along 27.34°N (昭通) is about 98.9 km', () => {
    // Independently: 111.32 km per degree at the equator × cos 27.34° = 98.89 km (sphere); the WGS84
    // ellipsoid gives 98.96 km. The map's scale must agree within 0.2 %.
    const zoom = 8.37
    const pixelsPerDegree = (512 * 2 ** zoom) / 360
    const metres = metresPerPixel(27.34, zoom) * pixelsPerDegree
    expect(metres / 98_960).toBeGreaterThan(0.998)
    expect(metres / 98_960).toBeLessThan(1.002)
  })

  it('agrees with the haversine distance between two points on a parallel', () => {
    const a: [number, number] = [103.0, 28.0]
    const b: [number, number] = [103.5, 28.0]
    const zoom = 9
    const pixels = ((b[0] - a[0]) / 360) * 512 * 2 ** zoom
    expect((metresPerPixel(28, zoom) * pixels) / groundMetres(a, b)).toBeCloseTo(1, 2)
  })

  it('is 156 543 m per 256 px tile pixel at zoom 0 on the equator (the usual Web Mercator figure)', () => {
    expect(metresPerPixel(0, 0, 256)).toBeCloseTo(156_543.03, 1)
  })

  it('picks the longest round bar that fits', () => {
    const bar = scaleBarOf(190.4, 240) // 45.7 km fit: 20 km is the longest of 1, 2, 5 × 10^n
    expect(bar.metres).toBe(20_000)
    expect(bar.pixels).toBeCloseTo(20_000 / 190.4, 6)
    expect(bar.unit).toBe('kilometres')
    expect(bar.ticks.map((t) => t.label)).toEqual(['0', '10', '20'])
    expect(scaleBarOf(1.7, 240)).toMatchObject({ metres: 200, unit: 'metres' })
    expect(scaleBarOf(2.2, 240)).toMatchObject({ metres: 500 })
  })

  it('prints the representative fraction of the paper', () => {
    // 150 px per inch: one px is 0.16933 mm; 190.4 m per px is then 1 : 1 124 409 → 1:1 100 000.
    const denominator = scaleDenominator(190.4, 25.4 / 150)
    expect(denominator).toBeCloseTo(1_124_409, -1)
    expect(scaleFractionLabel(denominator)).toBe('1:1 100 000')
  })

  it('refuses nonsense', () => {
    expect(() => metresPerPixel(95, 3)).toThrow(/latitude 95/)
    expect(() => scaleBarOf(0, 100)).toThrow(RangeError)
  })
})
