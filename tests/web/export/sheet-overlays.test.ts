import { describe, expect, it } from 'vitest'
import type { CorridorItem } from '../../../web/api/client'
import { unitDensity } from '../../../web/data/unit-density'
import type { UnitPoint } from '../../../web/data/units'
import { sheetOverlaysOf } from '../../../web/export/sheet-overlays'
import { heatmapLegendStops } from '../../../web/layers/unit-heatmap'

const point = (id: number, position: [number, number]) => ({ id, category: '学校', level: '县级', position }) as UnitPoint
const UNITS = [point(1, [104, 28]), point(2, [104.01, 28]), point(3, [104.5, 28.3])]
const corridor = (id: number, points: number, sample = false) =>
  ({ id, name: `走廊${id}`, sample, path: Array.from({ length: points }, (_, i) => [104 + i / 10, 28]) }) as CorridorItem
const CORRIDORS = [corridor(1, 3, true), corridor(2, 1), corridor(3, 2)]

describe('sheetOverlaysOf', () => {
  it('draws nothing extra without overlays', () => {
    expect(sheetOverlaysOf({}, { units: UNITS, corridors: null })).toEqual({ density: null, heatmap: null, corridors: null, columns: false })
  })

  it('prints the 3D columns when the view shows them', () => {
    expect(sheetOverlaysOf({ overlays: ['columns'] }, { units: UNITS, corridors: null })).toEqual({ density: null, heatmap: null, corridors: null, columns: true })
  })

  it('names the hexagons in the view’s language', () => {
    const { density } = sheetOverlaysOf({ overlays: ['hexagons'], lang: 'en' }, { units: UNITS, corridors: null })
    expect(density?.scale.title).toBe(unitDensity(UNITS, 'en').scale.title)
    expect(density?.scale.title).not.toBe(unitDensity(UNITS, 'zh').scale.title)
  })

  it('hexagons: the dashboard’s bins and density classes', () => {
    const { density } = sheetOverlaysOf({ overlays: ['hexagons'] }, { units: UNITS, corridors: null })
    const expected = unitDensity(UNITS, 'zh')
    expect(density?.bins).toEqual(expected.bins)
    expect(density?.scale.legend).toEqual(expected.scale.legend)
    expect(density?.scale.title).toBe('单位密度（每六边形，半径 6 km）')
  })

  it('heatmap: the units drawn and the ramp its legend shows', () => {
    const { heatmap } = sheetOverlaysOf({ overlays: ['heatmap'] }, { units: UNITS, corridors: null })
    expect(heatmap?.points).toBe(UNITS)
    expect(heatmap?.ramp).toEqual(heatmapLegendStops())
  })

  it('no unit with a location: neither hexagons nor heatmap, so no legend for them', () => {
    expect(sheetOverlaysOf({ overlays: ['hexagons', 'heatmap'] }, { units: [], corridors: null })).toMatchObject({ density: null, heatmap: null })
  })

  it('corridors: only those with a line to draw, counted, and sample when any of them is', () => {
    const { corridors } = sheetOverlaysOf({ overlays: ['corridors'] }, { units: UNITS, corridors: CORRIDORS })
    expect(corridors?.lines.map((c) => c.id)).toEqual([1, 3])
    expect(corridors?.sample).toBe(true)
    expect(sheetOverlaysOf({ overlays: ['corridors'] }, { units: UNITS, corridors: [corridor(3, 2)] }).corridors?.sample).toBe(false)
  })

  it('corridors with no line to draw, or loaded while the overlay is off: no row', () => {
    expect(sheetOverlaysOf({ overlays: ['corridors'] }, { units: UNITS, corridors: [corridor(2, 1)] }).corridors).toBeNull()
    expect(sheetOverlaysOf({ overlays: ['heatmap'] }, { units: UNITS, corridors: CORRIDORS }).corridors).toBeNull()
  })
})
