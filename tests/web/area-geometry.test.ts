import { polygonContains } from 'd3'
import { expect, test } from 'vitest'
import type { AreaCollection } from '../../web/api/responses'
import { areaLabelsOf, boundsOf, drawableAreas, labelPointOf, mapAreaLabelsOf, mapAreaOf, mapAreasOf } from '../../web/data/area-geometry'
import { areaFeature } from './fixtures'

const square = areaFeature('530602', '昭阳区', [[103, 27], [104, 27], [104, 28], [103, 28]])
// A "C" open to the east: its centroid lies in the notch, outside the shape.
const cRing: [number, number][] = [[0, 0], [3, 0], [3, 1], [1, 1], [1, 2], [3, 2], [3, 3], [0, 3]]
const cShape = areaFeature('530626', '绥江县', cRing)

test('boundsOf spans every outer ring; null when there is nothing', () => {
  expect(boundsOf([square, cShape])).toEqual([[0, 0], [104, 28]])
  expect(boundsOf([])).toBeNull()
})

test('a compact area is labelled at its centroid', () => {
  expect(labelPointOf(square)).toEqual([103.5, 27.5])
})

test('a concave area is labelled inside itself, not in its notch', () => {
  const point = labelPointOf(cShape)
  expect(point).not.toBeNull()
  expect(polygonContains(cRing, point as [number, number])).toBe(true)
})

test('areas without a boundary are neither drawn nor labelled', () => {
  const collection: AreaCollection = {
    type: 'FeatureCollection',
    features: [square, { ...square, geometry: null, properties: { ...square.properties, code: '530699' } }],
  }
  const drawable = drawableAreas(collection)
  expect(drawable.map((f) => f.properties.code)).toEqual(['530602'])
  expect(areaLabelsOf(drawable)).toEqual([{ code: '530602', name: '昭阳区', position: [103.5, 27.5] }])
})

test('a map area from a boundary and from the server\'s label point and box agree; a place without a box is not drawn', () => {
  expect(mapAreaOf(square)).toEqual({ properties: square.properties, bounds: [[103, 27], [104, 28]], labelPoint: [103.5, 27.5] })
  const places = {
    type: 'FeatureCollection' as const,
    features: [
      { type: 'Feature' as const, bbox: [103, 27, 104, 28] as [number, number, number, number], geometry: { type: 'Point' as const, coordinates: [103.5, 27.5] }, properties: square.properties },
      { type: 'Feature' as const, bbox: null, geometry: null, properties: { ...square.properties, code: '530699' } },
    ],
  }
  const areas = mapAreasOf(places)
  expect(areas).toEqual([mapAreaOf(square)])
  expect(mapAreaLabelsOf(areas)).toEqual([{ code: '530602', name: '昭阳区', position: [103.5, 27.5] }])
})
