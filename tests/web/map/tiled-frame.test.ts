// Which frames the maps draw from the vector tiles, and the MapLibre sources and layers for them.
import { describe, expect, test } from 'vitest'
import { tiledBoundaryLayers, tiledDrawingOf, tileSources } from '../../../web/map/tiled-frame'
import { BASEMAP_COLOURS } from '../../../web/map/offline-style'

describe('tiledDrawingOf', () => {
  test('the country: its provinces are both its outline and its children', () => {
    const selection = { layer: 'provinces', property: 'parent', value: '000000' }
    expect(tiledDrawingOf('000000', 'country')).toEqual({ kind: 'tiles', area: selection, children: selection })
  })

  test('a province: its own outline from the provinces, its prefectures as children', () => {
    expect(tiledDrawingOf('530000', 'province')).toEqual({
      kind: 'tiles',
      area: { layer: 'provinces', property: 'code', value: '530000' },
      children: { layer: 'prefectures', property: 'parent', value: '530000' },
    })
  })

  test('a prefecture, a county and a township keep their boundaries as features', () => {
    expect(tiledDrawingOf('530600', 'prefecture')).toBeNull()
    expect(tiledDrawingOf('530626', 'county')).toBeNull()
    expect(tiledDrawingOf('530626101', 'township')).toBeNull()
  })
})

describe('the style parts of a tiled frame', () => {
  const province = tiledDrawingOf('530000', 'province')!
  test('one vector source per tile layer it reads, with the route the client names', () => {
    expect(tileSources(province, (layer) => `/api/tiles/${layer}/{z}/{x}/{y}.mvt`)).toEqual({
      'area-tiles-provinces': { type: 'vector', tiles: ['/api/tiles/provinces/{z}/{x}/{y}.mvt'], minzoom: 0, maxzoom: 14 },
      'area-tiles-prefectures': { type: 'vector', tiles: ['/api/tiles/prefectures/{z}/{x}/{y}.mvt'], minzoom: 0, maxzoom: 14 },
    })
  })

  test('halo, child boundaries and outline, bottom first, each filtered to its areas and coloured as the offline style', () => {
    const layers = tiledBoundaryLayers(province, BASEMAP_COLOURS)
    expect(layers.map((l) => l.id)).toEqual(['tiled-frame-halo', 'tiled-boundaries', 'tiled-frame-outline'])
    expect(layers[0]).toMatchObject({ source: 'area-tiles-provinces', 'source-layer': 'provinces', filter: ['==', ['get', 'code'], '530000'] })
    expect(layers[1]).toMatchObject({ source: 'area-tiles-prefectures', 'source-layer': 'prefectures', filter: ['==', ['get', 'parent'], '530000'], paint: { 'line-color': BASEMAP_COLOURS.boundary } })
    expect(layers[2]).toMatchObject({ paint: { 'line-color': BASEMAP_COLOURS.outline, 'line-width': 2.5 } })
  })
})
