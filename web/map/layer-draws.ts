// When a map has drawn what it was given: deck.gl has rendered the current layers, MapLibre is idle with
// the current sources, no layer has an update of its own still pending (the heatmap's debounced density),
// and two more frames have passed so deck.gl has caught up with the settled camera.
// Shared by the atlas map (body[data-map-ready]) and the export map (capture), which must agree on it.
import type { Layer, LayersList } from '@deck.gl/core'
import * as maplibregl from 'maplibre-gl'
import type { AreaFeature } from '../api/responses'

export const LAYERS_DRAWN_MARK = 'atlas:layers-drawn'
/** The first idle of the MapLibre map after new layers: its own layers (the tiled choropleth, the boundaries) drawn, their tiles loaded. */
export const MAP_DRAWN_MARK = 'atlas:map-drawn'

export class LayerDraws {
  private requested: LayersList = []
  private drawn: LayersList | null = null
  private waiters: (() => void)[] = []

  /** Records the layers deck.gl is given now; `whenDrawn` is keyed by this same array. */
  request(layers: LayersList): void {
    this.requested = layers
  }

  /** Call from deck.gl's onAfterRender. */
  rendered(): void {
    // A User Timing mark at the first frame of new layers, for the benchmark and profilers; only the latest
    // is kept, so a screen that runs for weeks does not collect them.
    if (this.drawn !== this.requested) {
      performance.clearMarks(LAYERS_DRAWN_MARK)
      performance.mark(LAYERS_DRAWN_MARK)
    }
    this.drawn = this.requested
    for (const waiter of this.waiters.splice(0)) waiter()
  }

  /**
   * Resolves once `layers` and the map are drawn and the layers have settled; stays pending once `isCurrent`
   * turns false. `layers` must be the very objects deck.gl was given: their state is read (isAggregationPending).
   */
  whenDrawn(map: maplibregl.Map, layers: LayersList, isCurrent: () => boolean): Promise<void> {
    const deckDrawn = new Promise<void>((resolve) => {
      const check = () => {
        if (this.drawn === layers) resolve()
        else if (isCurrent()) this.waiters.push(check)
      }
      check()
    })
    const mapIdle = new Promise<void>((resolve) =>
      map.once('idle', () => {
        if (isCurrent()) {
          performance.clearMarks(MAP_DRAWN_MARK)
          performance.mark(MAP_DRAWN_MARK)
        }
        resolve()
      }),
    )
    map.triggerRepaint()
    return Promise.all([mapIdle, deckDrawn])
      .then(() => this.whenSettled(layers, isCurrent))
      .then(() => animationFrames(2))
  }

  /** Resolves at the first deck.gl frame (or now) after which no layer of `layers` has an update pending. */
  private whenSettled(layers: LayersList, isCurrent: () => boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      const check = () => {
        if (!layersOf(layers).some(isAggregationPending)) resolve()
        else if (isCurrent()) this.waiters.push(check)
      }
      check()
    })
  }
}

/**
 * Whether a layer will redraw by itself, without new props: deck.gl's HeatmapLayer recomputes its density
 * texture, and with it the colour domain, from a timer `debounceTimeout` (500 ms) after the zoom changes,
 * showing the previous texture until then. deck.gl gives no public signal for it, but the layer's state
 * says so: `updateTimer` is set while the timer is pending, `isWeightMapDirty` until the update that
 * redraws the texture. Other layers have neither and never count as pending.
 */
export function isAggregationPending(layer: Pick<Layer, 'state'>): boolean {
  const state = layer.state as { updateTimer?: unknown; isWeightMapDirty?: unknown } | null | undefined
  return Boolean(state?.updateTimer) || state?.isWeightMapDirty === true
}

/** The layers of a deck.gl layer list, nested lists flattened, empty slots (false, null) left out. */
export function layersOf(list: LayersList): Layer[] {
  return list.flatMap((item) => (Array.isArray(item) ? layersOf(item) : item ? [item as Layer] : []))
}

function animationFrames(count: number): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)))
    step(count)
  })
}

export function setSourceFeatures(map: maplibregl.Map, sourceId: string, features: readonly AreaFeature[]): void {
  const source = map.getSource(sourceId)
  if (!(source instanceof maplibregl.GeoJSONSource)) throw new Error(`setSourceFeatures: the style has no GeoJSON source "${sourceId}"`)
  source.setData({ type: 'FeatureCollection', features: [...features] })
}
