// The ready signal waits for the heatmap's own, debounced update: an export captured at "ready" must hold the
// finished density, not the texture of a previous zoom.
import type { Layer, LayersList } from '@deck.gl/core'
import type * as maplibregl from 'maplibre-gl'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isAggregationPending, LayerDraws, layersOf } from '../../web/map/layer-draws'
import { unitHeatmapLayer } from '../../web/layers/unit-heatmap'
import { unitPointsLayer } from '../../web/layers/unit-points'

const POINTS = [{ position: [104, 28] as [number, number], level: '县级' as const }]

/** What a zoom change makes the installed deck.gl HeatmapLayer do (its own methods), minus the GPU work. */
interface HeatmapInternals {
  state: Record<string, unknown>
  _debouncedUpdateWeightmap(): void
  _updateBounds(): boolean
  _updateTextureRenderingBounds(): void
}
function zoomedHeatmap(): Layer {
  const layer = unitHeatmapLayer(POINTS)
  const internals = layer as unknown as HeatmapInternals
  internals.state = {} // as deck.gl's first update leaves it
  internals._updateBounds = () => true
  internals._updateTextureRenderingBounds = () => {}
  internals._debouncedUpdateWeightmap() // what updateState calls when only the zoom has changed
  return layer
}

/** What deck.gl's next update does first when the texture is dirty (HeatmapLayer._updateWeightmap). */
function redrawTexture(layer: Layer): void {
  ;(layer as unknown as HeatmapInternals).state.isWeightMapDirty = false
}

function fakeMap() {
  const idle: (() => void)[] = []
  const map = {
    once: (event: string, listener: () => void) => event === 'idle' && idle.push(listener),
    triggerRepaint: () => {},
  }
  return { map: map as unknown as maplibregl.Map, idle: () => idle.splice(0).forEach((f) => f()) }
}

const settled = async (promise: Promise<void>) => {
  let done = false
  void promise.then(() => (done = true))
  await vi.advanceTimersByTimeAsync(50) // rAF under fake timers runs every 16 ms
  return done
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  vi.stubGlobal('requestAnimationFrame', (frame: FrameRequestCallback) => setTimeout(() => frame(0), 16)) // Node has none
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('isAggregationPending', () => {
  it('follows the installed HeatmapLayer through its debounced update', () => {
    const layer = zoomedHeatmap()
    expect(isAggregationPending(layer)).toBe(true) // the 500 ms timer is pending
    vi.advanceTimersByTime(500)
    expect(isAggregationPending(layer)).toBe(true) // fired: the texture is dirty until the next update
    redrawTexture(layer)
    expect(isAggregationPending(layer)).toBe(false)
  })

  it('never holds up other layers, drawn or not', () => {
    const points = unitPointsLayer([], { colourOf: () => [0, 0, 0, 255] })
    expect(isAggregationPending(points)).toBe(false)
    ;(points as unknown as HeatmapInternals).state = {}
    expect(isAggregationPending(points)).toBe(false)
  })
})

describe('layersOf', () => {
  it('flattens nested lists and drops empty slots', () => {
    const a = unitHeatmapLayer(POINTS)
    const b = unitPointsLayer([], { colourOf: () => [0, 0, 0, 255] })
    expect(layersOf([a, false, null, [b, [undefined]]] as LayersList)).toEqual([a, b])
  })
})

describe('LayerDraws.whenDrawn', () => {
  it('resolves once deck.gl has drawn the layers and the map is idle', async () => {
    const draws = new LayerDraws()
    const { map, idle } = fakeMap()
    const layers = [unitPointsLayer([], { colourOf: () => [0, 0, 0, 255] })]
    draws.request(layers)
    const ready = draws.whenDrawn(map, layers, () => true)
    draws.rendered()
    expect(await settled(ready)).toBe(false) // the map is not idle yet
    idle()
    expect(await settled(ready)).toBe(true)
  })

  it('waits for a pending heatmap update, and for the frame that draws it', async () => {
    const draws = new LayerDraws()
    const { map, idle } = fakeMap()
    const heatmap = zoomedHeatmap()
    const layers = [heatmap]
    draws.request(layers)
    const ready = draws.whenDrawn(map, layers, () => true)
    draws.rendered()
    idle()
    expect(await settled(ready)).toBe(false) // drawn, but with the previous zoom's texture
    vi.advanceTimersByTime(500)
    draws.rendered() // a frame with the texture still dirty
    expect(await settled(ready)).toBe(false)
    redrawTexture(heatmap)
    draws.rendered() // the frame that draws the new texture
    expect(await settled(ready)).toBe(true)
  })

  it('stays pending once superseded', async () => {
    const draws = new LayerDraws()
    const { map, idle } = fakeMap()
    const heatmap = zoomedHeatmap()
    let current = true
    const ready = draws.whenDrawn(map, [heatmap], () => current)
    draws.request([heatmap])
    draws.rendered()
    idle()
    current = false
    vi.advanceTimersByTime(500)
    redrawTexture(heatmap)
    draws.rendered()
    expect(await settled(ready)).toBe(false)
  })
})
