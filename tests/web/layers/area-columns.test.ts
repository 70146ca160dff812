import { ColumnLayer } from '@deck.gl/layers'
import { describe, expect, it, test } from 'vitest'
import { areaLabelsOf } from '../../../web/data/area-geometry'
import type { Rgba } from '../../../web/data/rgba'
import { AREA_COLUMNS_ID, areaColumnsLayer, areaColumnsOf, COLUMN_HIGHLIGHT_COLOUR, type AreaColumn } from '../../../web/layers/area-columns'
import { areaFeature } from '../fixtures'

/** Calls a deck.gl accessor prop the way deck.gl does, or returns it when it is a constant. */
function evaluate<T>(accessor: unknown, object: T): unknown {
  return typeof accessor === 'function' ? accessor(object, { index: 0, data: [object], target: [] }) : accessor
}

const tall: AreaColumn = { code: '530602', position: [103.5, 27.5], value: 10 }
const short: AreaColumn = { code: '530621', position: [103.2, 27.2], value: 5 }
const red: Rgba = [200, 0, 0, 255]
const blue: Rgba = [63, 167, 255, 220]

describe('areaColumnsLayer', () => {
  test('the dashboard’s: coloured per area, the tallest at maxHeightMetres, pickable, stable id', () => {
    const colourOf = (code: string): Rgba => (code === '530602' ? red : blue)
    const layer = areaColumnsLayer([tall, short], { colourOf })
    expect(layer).toBeInstanceOf(ColumnLayer)
    expect(layer.id).toBe(AREA_COLUMNS_ID)
    expect(evaluate(layer.props.getElevation, tall)).toBe(30_000)
    expect(evaluate(layer.props.getElevation, short)).toBe(15_000)
    expect(evaluate(layer.props.getFillColor, tall)).toEqual(red)
    expect(evaluate(layer.props.getFillColor, short)).toEqual(blue)
    expect(layer.props.pickable).toBe(true)
    expect(layer.props.autoHighlight).toBe(true)
    expect(layer.props.opacity).toBe(0.95)
  })

  test('the screen’s: one colour, the highlighted area in gold, not pickable; the same id', () => {
    const layer = areaColumnsLayer([tall, short], { colourOf: () => blue, highlight: '530621', pickable: false, radiusMetres: 2_600, diskResolution: 12 })
    expect(layer.id).toBe(AREA_COLUMNS_ID)
    expect(evaluate(layer.props.getFillColor, tall)).toEqual(blue)
    expect(evaluate(layer.props.getFillColor, short)).toEqual(COLUMN_HIGHLIGHT_COLOUR)
    expect(layer.props.pickable).toBe(false)
    expect(layer.props.autoHighlight).toBe(false)
    expect(layer.props.radius).toBe(2_600)
    expect(layer.props.updateTriggers).toMatchObject({ getFillColor: [expect.any(Function), '530621', COLUMN_HIGHLIGHT_COLOUR] })
  })

  test('all values zero: flat columns, no division by zero', () => {
    const layer = areaColumnsLayer([{ ...tall, value: 0 }], { colourOf: () => blue })
    expect(evaluate(layer.props.getElevation, { ...tall, value: 0 })).toBe(0)
  })
})

describe('areaColumnsOf', () => {
  const square = (code: string, x: number) => areaFeature(code, code, [[x, 28], [x + 0.2, 28], [x + 0.2, 28.2], [x, 28.2], [x, 28]])
  it('one column per area with figures, at its label point; no figure stands as 0, no row as no column', () => {
    const figures = new Map([['530626', { total: 35 }], ['530681', { total: null }]])
    const columns = areaColumnsOf(areaLabelsOf([square('530626', 104), square('530681', 104.5), square('530602', 105)]), figures, (f) => f.total)
    expect(columns.map((c) => [c.code, c.value])).toEqual([['530626', 35], ['530681', 0]])
    expect(columns[0].position[0]).toBeGreaterThan(104)
    expect(columns[0].position[0]).toBeLessThan(104.2)
  })
})
