// Demonstration corridors (示范走廊/示范带): a deep-teal line through each corridor's located units, in
// order, over a wider white casing so it reads on every step of the YlOrRd choropleth and on the basemap.
import { PathLayer } from '@deck.gl/layers'
import type { Rgba } from '../data/rgba'

/** Stable: deck.gl diffs layers by id, and hover handling tells layers apart by it (the pickable line). */
export const CORRIDORS_ID = 'demo-corridors'
export const CORRIDORS_CASING_ID = 'demo-corridors-casing'

/** Deep teal (#006d77): far in hue from YlOrRd's yellows and reds and from the category palette's dots. */
export const CORRIDOR_COLOUR: Rgba = [0, 109, 119, 255]
/** The highlighted corridor (the one the pointer or a list points at): darker and wider. */
export const CORRIDOR_HIGHLIGHT_COLOUR: Rgba = [0, 66, 74, 255]
export const CORRIDOR_CASING_COLOUR: Rgba = [255, 255, 255, 235]

export const CORRIDOR_WIDTH_PIXELS = 5
export const CORRIDOR_HIGHLIGHT_WIDTH_PIXELS = 8
/** The casing shows this many pixels of white on each side of the line. */
export const CORRIDOR_CASING_PIXELS = 1.5

/** What the layer needs of a corridor; the API's corridors (web/api/client.ts CorridorItem) are these. */
export interface CorridorLine {
  id: number
  name: string
  path: [number, number][] // [lon, lat] of the located stops, in order
}

export interface CorridorsOptions {
  visible?: boolean // true
  opacity?: number // 1
  highlightId?: number | null // null: no corridor highlighted
}

/** Paths deck.gl can draw (two or more points), kept per input array: same data identity until the data changes. */
const drawableOf = new WeakMap<readonly CorridorLine[], CorridorLine[]>()

function drawable<C extends CorridorLine>(corridors: readonly C[]): C[] {
  let lines = drawableOf.get(corridors)
  if (!lines) {
    lines = corridors.filter((c) => c.path.length >= 2)
    drawableOf.set(corridors, lines)
  }
  return lines as C[]
}

/**
 * The corridors as two PathLayers, casing first (drawn underneath), then the line, which is pickable for the
 * tooltip (its `object` is the corridor). Rounded joints and caps; widths in pixels, whatever the zoom.
 */
export function corridorsLayers<C extends CorridorLine>(corridors: readonly C[], { visible = true, opacity = 1, highlightId = null }: CorridorsOptions = {}) {
  const data = drawable(corridors)
  const widthOf = (c: C) => (c.id === highlightId ? CORRIDOR_HIGHLIGHT_WIDTH_PIXELS : CORRIDOR_WIDTH_PIXELS)
  const common = {
    data,
    visible,
    opacity,
    getPath: (c: C) => c.path,
    widthUnits: 'pixels',
    jointRounded: true,
    capRounded: true,
    miterLimit: 2,
  } as const
  return [
    new PathLayer<C>({
      ...common,
      id: CORRIDORS_CASING_ID,
      getColor: CORRIDOR_CASING_COLOUR,
      getWidth: (c) => widthOf(c) + 2 * CORRIDOR_CASING_PIXELS,
      pickable: false,
      updateTriggers: { getWidth: highlightId },
    }),
    new PathLayer<C>({
      ...common,
      id: CORRIDORS_ID,
      getColor: (c) => (c.id === highlightId ? CORRIDOR_HIGHLIGHT_COLOUR : CORRIDOR_COLOUR),
      getWidth: widthOf,
      pickable: true,
      updateTriggers: { getColor: highlightId, getWidth: highlightId },
    }),
  ]
}
