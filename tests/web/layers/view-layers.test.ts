import { describe, expect, test } from 'vitest'
import type { Rgba } from '../../../web/data/rgba'
import { clusterUnits } from '../../../web/data/unit-clusters'
import { unitDensity } from '../../../web/data/unit-density'
import type { UnitPoint } from '../../../web/data/units'
import { DEFAULT_VIEW_STATE, type ViewOverlayId } from '../../../server/shared/view-state'
import type { CorridorLine } from '../../../web/layers/demo-corridors'
import { DEFAULT_LAYER_OPACITY, layerOpacity, viewLayers, type LayerView, type ViewLayersData, type ViewLayersOptions } from '../../../web/layers/view-layers'
import { areaFeature, unitProperties } from '../fixtures'

const county = areaFeature('530602', '昭阳区', [[103, 27], [104, 27], [104, 28], [103, 28]])
const points: UnitPoint[] = [
  { ...unitProperties({ id: 1, category: '学校' }), position: [103.4, 27.4] },
  { ...unitProperties({ id: 2, category: '企业', level: '国家级' }), position: [103.6, 27.6] },
]
const corridor: CorridorLine = { id: 1, name: '示例走廊', path: [[103.2, 27.2], [103.8, 27.8]] }
const grey: Rgba = [128, 128, 128, 255]
const fillOf = (): Rgba => grey
const unitColourOf = (): Rgba => grey

const data: ViewLayersData = {
  areas: [county],
  fillOf,
  labels: [{ code: '530602', name: '昭阳区', position: [103.5, 27.5] }],
  units: points,
  density: unitDensity(points, 'zh'),
  columns: [{ code: '530602', position: [103.5, 27.5], value: 3 }],
  corridors: [corridor],
  outlined: county,
}
const options: ViewLayersOptions = { unitColourOf, outline: 'highlight' }

function view(overlays: ViewOverlayId[] = [], layers: Partial<LayerView['layers']> = {}, opacity?: LayerView['opacity']): LayerView {
  return { layers: { ...DEFAULT_VIEW_STATE.layers, ...layers }, overlays, ...(opacity ? { opacity } : {}) }
}

const idsOf = (v: LayerView, d: ViewLayersData = data, o: ViewLayersOptions = options) => viewLayers(v, d, o).map((l) => l.id)

describe('viewLayers', () => {
  test('the default view: areas, the outline, units and names, in drawing order', () => {
    expect(idsOf(view())).toEqual(['coverage-choropleth', 'area-highlight', 'unit-points', 'area-labels'])
  })

  test('every overlay on: flat layers first, then the 3D columns, then the names', () => {
    expect(idsOf(view(['columns', 'hexagons', 'heatmap', 'corridors']))).toEqual([
      'coverage-choropleth',
      'unit-hexagons',
      'unit-heatmap',
      'area-highlight',
      'demo-corridors-casing',
      'demo-corridors',
      'unit-points',
      'area-columns',
      'area-labels',
    ])
  })

  test('layers that are off are left out, not hidden', () => {
    const layers = viewLayers(view([], { choropleth: false, units: false, labels: false }), data, options)
    expect(layers.map((l) => l.id)).toEqual(['area-highlight'])
    for (const layer of viewLayers(view(['columns', 'hexagons', 'heatmap', 'corridors']), data, options)) expect(layer.props.visible).toBe(true)
  })

  test('an overlay with nothing to draw is left out: no density, no located unit, no corridor, no columns', () => {
    const empty: ViewLayersData = { ...data, units: [], density: null, corridors: [], columns: undefined }
    expect(idsOf(view(['columns', 'hexagons', 'heatmap', 'corridors']), empty)).toEqual(['coverage-choropleth', 'area-highlight', 'unit-points', 'area-labels'])
    expect(idsOf(view(['corridors']), { ...data, corridors: null })).not.toContain('demo-corridors')
  })

  test('clusters replace the dots when given', () => {
    const clusters = clusterUnits(points, 4)
    expect(idsOf(view(), { ...data, clusters })).toEqual(['coverage-choropleth', 'area-highlight', 'unit-clusters', 'unit-cluster-counts', 'area-labels'])
    expect(idsOf(view([], { units: false }), { ...data, clusters })).not.toContain('unit-clusters')
  })

  test('the outline is drawn the page’s way, or not at all', () => {
    expect(idsOf(view(), data, { ...options, outline: 'tour' })).toContain('tour-highlight')
    expect(idsOf(view(), data, { ...options, outline: 'frame' })).toContain('export-frame-outline')
    expect(idsOf(view(), data, { unitColourOf })).toEqual(['coverage-choropleth', 'unit-points', 'area-labels'])
  })

  test('the same ids, in the same order, across calls; data identity is passed through', () => {
    const v = view(['columns', 'hexagons', 'heatmap', 'corridors'])
    const first = viewLayers(v, data, options)
    const second = viewLayers(v, { ...data, outlined: null }, { ...options, highlightCorridor: 1 })
    expect(second.map((l) => l.id)).toEqual(first.map((l) => l.id))
    expect(new Set(first.map((l) => l.id)).size).toBe(first.length)
    expect(first.find((l) => l.id === 'coverage-choropleth')?.props.data).toBe(data.areas)
    expect(first.find((l) => l.id === 'unit-points')?.props.data).toBe(points)
    expect(first.find((l) => l.id === 'area-columns')?.props.data).toBe(data.columns)
  })

  test('opacity: the view’s where it sets one, else the default', () => {
    const layers = viewLayers(view(['columns'], {}, { choropleth: 0.5 }), data, options)
    expect(layers.find((l) => l.id === 'coverage-choropleth')?.props.opacity).toBe(0.5)
    expect(layers.find((l) => l.id === 'area-columns')?.props.opacity).toBe(DEFAULT_LAYER_OPACITY.columns)
    expect(layerOpacity({ opacity: { units: 0.3 } })).toEqual({ ...DEFAULT_LAYER_OPACITY, units: 0.3 })
  })

  test('page styles reach the factories: the screen’s columns and names', () => {
    const gold: Rgba = [255, 209, 102, 240]
    const blue: Rgba = [63, 167, 255, 220]
    const layers = viewLayers(view(['columns']), data, {
      unitColourOf,
      columns: { colourOf: () => blue, highlight: '530602', highlightColour: gold, pickable: false, diskResolution: 12 },
      labels: { size: 18, onTop: true },
    })
    const columns = layers.find((l) => l.id === 'area-columns')
    const labels = layers.find((l) => l.id === 'area-labels')
    expect(columns?.props.pickable).toBe(false)
    expect((columns?.props as { diskResolution?: number }).diskResolution).toBe(12)
    expect(labels?.props.parameters).toEqual({ depthCompare: 'always' })
    expect(viewLayers(view(), data, options).find((l) => l.id === 'area-labels')?.props.parameters).toEqual({})
  })
})
