import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers'
import { describe, expect, test } from 'vitest'
import type { Rgba } from '../../web/data/rgba'
import type { UnitCluster } from '../../web/data/unit-clusters'
import type { UnitPoint } from '../../web/data/units'
import { areaLabelsLayer, LABEL_FONT_FAMILY } from '../../web/layers/area-labels'
import { coverageChoroplethLayer } from '../../web/layers/coverage-choropleth'
import { UNIT_RADIUS_PIXELS, unitPointsLayer } from '../../web/layers/unit-points'
import { CLUSTER_RADIUS_PIXELS, clusterRadius, unitClustersLayers } from '../../web/layers/unit-clusters'
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

describe('cluster discs', () => {
  test('the radius runs from the smallest disc (one unit) to the largest (the biggest cluster), whatever the counts', () => {
    expect(clusterRadius(1, 1)).toBe(CLUSTER_RADIUS_PIXELS.min)
    expect(clusterRadius(1, 50_000)).toBe(CLUSTER_RADIUS_PIXELS.min)
    expect(clusterRadius(50_000, 50_000)).toBe(CLUSTER_RADIUS_PIXELS.max)
    expect(clusterRadius(20, 20)).toBe(CLUSTER_RADIUS_PIXELS.max)
    // The disc's extra area grows with the count: a quarter of the units, half the extra radius.
    const half = CLUSTER_RADIUS_PIXELS.min + (CLUSTER_RADIUS_PIXELS.max - CLUSTER_RADIUS_PIXELS.min) / 2
    expect(clusterRadius(1 + 2_500, 1 + 10_000)).toBeCloseTo(half, 6)
  })

  test('the layer sizes discs against the largest cluster it is given', () => {
    const cluster = (count: number): UnitCluster => ({ key: `k${count}`, position: [104, 28], count, byCategory: { 学校: count }, dominant: '学校', ids: [] })
    const [discs] = unitClustersLayers([cluster(1), cluster(2300)], { colourOf: () => [0, 0, 0, 255] })
    expect(discs).toBeInstanceOf(ScatterplotLayer)
    const getRadius = (discs as ScatterplotLayer<UnitCluster>).props.getRadius as (c: UnitCluster) => number
    expect(getRadius(cluster(2300))).toBe(CLUSTER_RADIUS_PIXELS.max)
    expect(getRadius(cluster(1))).toBe(CLUSTER_RADIUS_PIXELS.min)
  })
})
