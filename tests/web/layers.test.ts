import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers'
import { describe, expect, test } from 'vitest'
import type { Rgba } from '../../web/data/rgba'
import type { UnitPoint } from '../../web/data/units'
import { areaLabelsLayer, LABEL_FONT_FAMILY } from '../../web/layers/area-labels'
import { coverageChoroplethLayer } from '../../web/layers/coverage-choropleth'
import { UNIT_RADIUS_PIXELS, unitPointsLayer } from '../../web/layers/unit-points'
import { areaFeature, unitProperties } from './fixtures'

/** Calls a deck.gl accessor prop the way deck.gl does, or returns it when it is a constant. */
function evaluate<T>(accessor: unknown, object: T): unknown {
  return typeof accessor === 'function' ? accessor(object, { index: 0, data: [object], target: [] }) : accessor
}

const county = areaFeature('530602', '昭阳区', [[103, 27], [104, 27], [104, 28], [103, 28]])
const red: Rgba = [200, 0, 0, 255]

describe('coverageChoroplethLayer', () => {
  test('fills each area with the colour the measure gives its code; pickable, stable id', () => {
    const fillOf = (code: string): Rgba => (code === '530602' ? red : [0, 0, 0, 0])
    const data = [county]
    const layer = coverageChoroplethLayer(data, { fillOf })
    expect(layer).toBeInstanceOf(GeoJsonLayer)
    expect(layer.id).toBe('coverage-choropleth')
    expect(layer.props.data).toBe(data)
    expect(layer.props.pickable).toBe(true)
    expect(evaluate(layer.props.getFillColor, county)).toEqual(red)
    expect(layer.props.updateTriggers).toEqual({ getFillColor: fillOf })
  })
})

describe('unitPointsLayer', () => {
  const unit: UnitPoint = { ...unitProperties({ id: 7, category: '学校', level: '国家级' }), position: [103.7, 27.3] }

  test('places, colours by category and sizes by level, in pixels; stable id', () => {
    const colourOf = (category: string): Rgba => (category === '学校' ? red : [0, 0, 0, 255])
    const layer = unitPointsLayer([unit], { colourOf })
    expect(layer).toBeInstanceOf(ScatterplotLayer)
    expect(layer.id).toBe('unit-points')
    expect(evaluate(layer.props.getPosition, unit)).toEqual([103.7, 27.3])
    expect(evaluate(layer.props.getFillColor, unit)).toEqual(red)
    expect(evaluate(layer.props.getRadius, unit)).toBe(UNIT_RADIUS_PIXELS['国家级'])
    expect(evaluate(layer.props.getRadius, { ...unit, level: null })).toBe(UNIT_RADIUS_PIXELS.none)
    expect(layer.props.radiusUnits).toBe('pixels')
    expect(layer.props.radiusMinPixels).toBeLessThan(layer.props.radiusMaxPixels)
    expect(layer.props.updateTriggers).toEqual({ getFillColor: colourOf })
  })

  test('a higher level is never drawn smaller', () => {
    const sizes = (['县级', '市级', '省级', '国家级'] as const).map((l) => UNIT_RADIUS_PIXELS[l])
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes)
  })
})

describe('areaLabelsLayer', () => {
  test('draws names in the bundled CJK font with an atlas built from the labels', () => {
    const label = { code: '530602', name: '昭阳区', position: [103.5, 27.5] as [number, number] }
    const layer = areaLabelsLayer([label])
    expect(layer).toBeInstanceOf(TextLayer)
    expect(layer.id).toBe('area-labels')
    expect(evaluate(layer.props.getText, label)).toBe('昭阳区')
    expect(evaluate(layer.props.getPosition, label)).toEqual([103.5, 27.5])
    expect(layer.props.characterSet).toBe('auto')
    expect(layer.props.fontFamily).toBe(LABEL_FONT_FAMILY)
  })
})
