// When a map has drawn what it was given: deck.gl has rendered the current layers, MapLibre is idle with
// the current sources, and two more frames have passed so deck.gl has caught up with the settled camera.
// Shared by the atlas map (body[data-map-ready]) and the export map (capture), which must agree on it.
import type { LayersList } from '@deck.gl/core'
import * as maplibregl from 'maplibre-gl'
import type { AreaFeature } from '../api/responses'

export const LAYERS_DRAWN_MARK = 'atlas:layers-drawn'

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

  /** Resolves once `layers` and the map are drawn; stays pending once `isCurrent` turns false. */
  whenDrawn(map: maplibregl.Map, layers: LayersList, isCurrent: () => boolean): Promise<void> {
    const deckDrawn = new Promise<void>((resolve) => {
      const check = () => {
        if (this.drawn === layers) resolve()
        else if (isCurrent()) this.waiters.push(check)
      }
      check()
    })
    const mapIdle = new Promise<void>((resolve) => map.once('idle', () => resolve()))
    map.triggerRepaint()
    return Promise.all([mapIdle, deckDrawn]).then(() => animationFrames(2))
  }
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
