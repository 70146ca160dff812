import type { MultiPolygon } from 'geojson'
import { describe, expect, test } from 'vitest'
import { siblingFindings } from '../../../../server/import/areas'

const rect = (x0: number, y0: number, x1: number, y1: number): MultiPolygon => ({ type: 'MultiPolygon', coordinates: [[[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]] })
const county = rect(103.95, 28.45, 104.35, 28.65)

describe('siblingFindings', () => {
  test('siblings that tile their parent: nothing to report', () => {
    const children = [
      { code: 'a', name: 'A', geometry: rect(103.95, 28.45, 104.15, 28.65) },
      { code: 'b', name: 'B', geometry: rect(104.15, 28.45, 104.35, 28.65) },
    ]
    expect(siblingFindings(children, county)).toEqual({ overlaps: [], gaps: [], gapsChecked: true, outside: [] })
  })

  test('an overlap, a gap and a part outside the parent are measured in km² and located', () => {
    const children = [
      { code: 'a', name: 'A', geometry: rect(103.95, 28.45, 104.16, 28.65) }, // 0.01° into B
      { code: 'b', name: 'B', geometry: rect(104.15, 28.45, 104.30, 28.65) }, // leaves 104.30–104.35 empty
      { code: 'c', name: 'C', geometry: rect(104.30, 28.60, 104.40, 28.65) }, // reaches past the county
    ]
    const found = siblingFindings(children, county)
    expect(found.overlaps).toHaveLength(1)
    expect(found.overlaps[0]).toMatchObject({ codes: ['a', 'b'], names: ['A', 'B'] })
    expect(found.overlaps[0].areaKm2).toBeCloseTo(0.01 * 0.2 * 111.32 * 97.7, -0.3) // ≈ 21.8 km²
    expect(found.gaps).toHaveLength(1)
    expect(found.gaps[0].near[0]).toBeGreaterThan(104.3)
    expect(found.outside).toEqual([{ code: 'c', name: 'C', areaKm2: expect.any(Number) }])
  })

  test('below the tolerance nothing is reported; without an outline gaps are the holes of the union', () => {
    const sliver = [
      { code: 'a', name: 'A', geometry: rect(103.95, 28.45, 104.150001, 28.65) },
      { code: 'b', name: 'B', geometry: rect(104.15, 28.45, 104.35, 28.65) },
    ]
    expect(siblingFindings(sliver, county).overlaps).toEqual([])
    const ring = [
      { code: 'n', name: 'N', geometry: rect(104, 28.6, 104.3, 28.65) },
      { code: 's', name: 'S', geometry: rect(104, 28.45, 104.3, 28.5) },
      { code: 'w', name: 'W', geometry: rect(104, 28.5, 104.1, 28.6) },
      { code: 'e', name: 'E', geometry: rect(104.2, 28.5, 104.3, 28.6) },
    ]
    const found = siblingFindings(ring, null)
    expect(found.gaps).toHaveLength(1)
    expect(found.gaps[0].areaKm2).toBeCloseTo(0.1 * 0.1 * 111.32 * 97.7, -0.3)
    expect(siblingFindings(ring, null, { complete: false })).toMatchObject({ gaps: [], gapsChecked: false })
  })
})
