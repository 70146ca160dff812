import { describe, expect, test } from 'vitest'
import type { CorridorItem } from '../../../web/api/client'
import type { UnitPoint } from '../../../web/data/units'
import { areaOfHit, hoverTargetOf, type DrawnData } from '../../../web/dashboard/map-hits'
import { areaFeature, coverageArea, unitProperties } from '../fixtures'

const zhaoyang = areaFeature('530602', '昭阳区', [[103, 27], [104, 27], [104, 28], [103, 28]])
const ludian = areaFeature('530621', '鲁甸县', [[103, 26], [104, 26], [104, 27], [103, 27]])
const unit: UnitPoint = { ...unitProperties({ id: 9 }), position: [103.5, 27.5] }
const corridor = { id: 4, name: '示例走廊', path: [[103, 27], [104, 28]] } as unknown as CorridorItem
const drawn: DrawnData = {
  areas: [zhaoyang, ludian],
  columns: [{ code: '530621', position: [103.5, 26.5], value: 2 }],
  coverageByCode: new Map([['530602', coverageArea({ code: '530602' })], ['530621', coverageArea({ code: '530621' })]]),
  points: [unit],
  corridors: [corridor],
}
const at = (layerId: string, index: number) => ({ layerId, index, x: 10, y: 20 })

describe('map hits', () => {
  test('an area is read from the layer the hit names, by index into the data it drew', () => {
    expect(areaOfHit(at('coverage-choropleth', 1), drawn)?.code).toBe('530621')
    expect(areaOfHit(at('area-columns', 0), drawn)?.code).toBe('530621')
    expect(areaOfHit(at('unit-points', 0), drawn)).toBeNull()
    expect(areaOfHit(at('coverage-choropleth', 5), drawn)).toBeNull()
    expect(areaOfHit(null, drawn)).toBeNull()
  })

  test('a hit on the tiled choropleth (a MapLibre style layer) names its area by code, with no data index', () => {
    const tiled: DrawnData = { ...drawn, areas: [] }
    const hit = { layerId: 'coverage-choropleth', index: -1, code: '530602', x: 10, y: 20 }
    expect(areaOfHit(hit, tiled)?.code).toBe('530602')
    expect(hoverTargetOf(hit, tiled)).toMatchObject({ kind: 'area', area: { code: '530602' }, x: 10, y: 20 })
    expect(areaOfHit({ ...hit, code: '999999' }, tiled)).toBeNull()
  })

  test('the tooltip target: corridor, unit or area, where the pointer is', () => {
    expect(hoverTargetOf(at('demo-corridors', 0), drawn)).toEqual({ kind: 'corridor', corridor, x: 10, y: 20 })
    expect(hoverTargetOf(at('unit-points', 0), drawn)).toEqual({ kind: 'unit', unit, x: 10, y: 20 })
    expect(hoverTargetOf(at('coverage-choropleth', 0), drawn)).toMatchObject({ kind: 'area', area: { code: '530602' } })
    expect(hoverTargetOf(at('unit-hexagons', 0), drawn)).toBeNull()
  })
})
