// The tiled choropleth's style layers: a fill coloured per code as the measure colours it, white edges, the
// outlined area; stable ids, so AtlasMap changes paint and filters in place.
import { describe, expect, test } from 'vitest'
import type { Rgba } from '../../../web/data/rgba'
import { COVERAGE_CHOROPLETH_ID } from '../../../web/layers/coverage-choropleth'
import { tiledChoroplethLayers, TILED_CHOROPLETH_EDGES_ID, TILED_OUTLINE_FILL_ID, TILED_OUTLINE_ID } from '../../../web/layers/tiled-choropleth'
import { tiledDrawingOf } from '../../../web/map/tiled-frame'

const country = tiledDrawingOf('000000', 'country')!
const colours: Record<string, Rgba> = { '530000': [215, 48, 31, 255], '710000': [216, 221, 230, 255] }
const fillOf = (code: string) => colours[code]

describe('tiledChoroplethLayers', () => {
  test('the fill matches each child code to its colour (the 暂无数据 grey too), pickable, under white edges', () => {
    const [fill, edges] = tiledChoroplethLayers(country, { codes: ['530000', '710000'], fillOf })
    expect(fill).toMatchObject({
      id: COVERAGE_CHOROPLETH_ID,
      type: 'fill',
      source: 'area-tiles-provinces',
      'source-layer': 'provinces',
      filter: ['==', ['get', 'parent'], '000000'],
      metadata: { pickable: true },
      paint: { 'fill-color': ['match', ['get', 'code'], '530000', '#d7301f', '710000', '#d8dde6', 'rgba(0, 0, 0, 0)'], 'fill-opacity': 0.9 },
    })
    expect(edges).toMatchObject({ id: TILED_CHOROPLETH_EDGES_ID, type: 'line', paint: { 'line-color': '#ffffff', 'line-width': 1 } })
  })

  test('the outlined area: the dashboard highlight a dark line, the screen tour a gold line over a tint; none without one', () => {
    const highlight = tiledChoroplethLayers(country, { codes: ['530000'], fillOf, outlined: '530000', outline: 'highlight' })
    expect(highlight.map((l) => l.id)).toEqual([COVERAGE_CHOROPLETH_ID, TILED_CHOROPLETH_EDGES_ID, TILED_OUTLINE_ID])
    expect(highlight[2]).toMatchObject({ filter: ['==', ['get', 'code'], '530000'], paint: { 'line-width': 3 } })
    const tour = tiledChoroplethLayers(country, { codes: ['530000'], fillOf, outlined: '530000', outline: 'tour' })
    expect(tour.map((l) => l.id).slice(2)).toEqual([TILED_OUTLINE_FILL_ID, TILED_OUTLINE_ID])
    expect(tiledChoroplethLayers(country, { codes: ['530000'], fillOf, outlined: null, outline: 'highlight' })).toHaveLength(2)
  })

  test('the choropleth off leaves only the outline; no children, nothing', () => {
    expect(tiledChoroplethLayers(country, { codes: ['530000'], fillOf, choropleth: false, outlined: '530000', outline: 'highlight' }).map((l) => l.id)).toEqual([TILED_OUTLINE_ID])
    expect(tiledChoroplethLayers({ ...country, children: null }, { codes: [], fillOf })).toEqual([])
  })
})
