import { HeatmapLayer } from '@deck.gl/aggregation-layers'
import { interpolateRdPu } from 'd3'
import { describe, expect, test } from 'vitest'
import { HONOUR_LEVELS } from '../../../server/shared/domain'
import { rgbaOf } from '../../../web/data/rgba'
import { HEATMAP_COLOURS, HEATMAP_WEIGHTS, heatmapLegendStops, UNIT_HEATMAP_ID, unitHeatmapLayer, type HeatmapPoint } from '../../../web/layers/unit-heatmap'

/** Calls a deck.gl accessor prop the way deck.gl does, or returns it when it is a constant. */
function evaluate<T>(accessor: unknown, object: T): unknown {
  return typeof accessor === 'function' ? accessor(object, { index: 0, data: [object], target: [] }) : accessor
}

const national: HeatmapPoint = { position: [103.7, 27.3], level: '国家级' }
const county: HeatmapPoint = { position: [104.1, 27.9], level: '县级' }
const unnamed: HeatmapPoint = { position: [103.9, 28.1], level: null }

describe('unitHeatmapLayer', () => {
  test('a HeatmapLayer with a stable id, the caller’s options and the exported ramp', () => {
    const data = [national, county]
    const layer = unitHeatmapLayer(data, { visible: false, opacity: 0.5, radiusPixels: 25 })
    expect(layer).toBeInstanceOf(HeatmapLayer)
    expect(layer.id).toBe(UNIT_HEATMAP_ID)
    expect(UNIT_HEATMAP_ID).toBe('unit-heatmap')
    expect(layer.props.data).toBe(data)
    expect(layer.props.visible).toBe(false)
    expect(layer.props.opacity).toBe(0.5)
    expect(layer.props.radiusPixels).toBe(25)
    expect(layer.props.colorRange).toBe(HEATMAP_COLOURS) // same identity: no new colour texture per render
    expect(evaluate(layer.props.getPosition, national)).toEqual([103.7, 27.3])
  })

  test('defaults: shown, translucent, a 40 px kernel; the id does not depend on the data', () => {
    const a = unitHeatmapLayer([national])
    const b = unitHeatmapLayer([county, unnamed])
    expect(a.id).toBe(b.id)
    expect(a.props.visible).toBe(true)
    expect(a.props.opacity).toBe(0.75)
    expect(a.props.radiusPixels).toBe(40)
    expect(a.props.pickable).toBe(false)
  })

  test('weights by honour level from the one table: 国家级 heaviest, 县级 above not-yet-named', () => {
    const layer = unitHeatmapLayer([national, county, unnamed])
    expect(evaluate(layer.props.getWeight, national)).toBe(HEATMAP_WEIGHTS['国家级'])
    expect(evaluate(layer.props.getWeight, county)).toBe(HEATMAP_WEIGHTS['县级'])
    expect(evaluate(layer.props.getWeight, unnamed)).toBe(HEATMAP_WEIGHTS.none)
    const byLevel = HONOUR_LEVELS.map((l) => HEATMAP_WEIGHTS[l]) // lowest level first
    expect(byLevel).toEqual([...byLevel].sort((x, y) => x - y))
    expect(new Set(byLevel).size).toBe(byLevel.length)
    expect(HEATMAP_WEIGHTS.none).toBeGreaterThan(0)
    expect(HEATMAP_WEIGHTS.none).toBeLessThan(HEATMAP_WEIGHTS['县级'])
  })
})

describe('HEATMAP_COLOURS and the legend', () => {
  test('the ramp comes from d3.interpolateRdPu, opaque, light to dark', () => {
    expect(HEATMAP_COLOURS.length).toBeGreaterThanOrEqual(5)
    expect(HEATMAP_COLOURS[HEATMAP_COLOURS.length - 1]).toEqual(rgbaOf(interpolateRdPu(1)))
    for (const [, , , a] of HEATMAP_COLOURS) expect(a).toBe(255)
    const lightness = HEATMAP_COLOURS.map(([r, g, b]) => r + g + b)
    expect(lightness).toEqual([...lightness].sort((x, y) => y - x))
  })

  test('legend stops are the layer’s colorRange, at the texel centres deck.gl samples', () => {
    const layer = unitHeatmapLayer([national])
    const stops = heatmapLegendStops()
    const range = layer.props.colorRange.map(([r, g, b]) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`)
    expect(stops.map((s) => s.css)).toEqual(range)
    expect(stops.map((s) => s.offset)).toEqual(range.map((_, i) => (i + 0.5) / range.length))
  })
})
