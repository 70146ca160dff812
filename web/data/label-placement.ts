// Area names that do not overlap: deck.gl's TextLayer draws every name where it is told, so on a map of the
// whole country 北京, 天津 and 河北 or 香港 and 澳门 would print over one another. Each name, most important first,
// takes the first spot around its point (on it, below, above, starting just right or left of it) that is clear of the names already
// placed and of the boxes laid over the map; a name with no clear spot is left out at this zoom and comes back
// when zooming in spreads its neighbours apart. A capital's name (capitals.ts) goes beside its ring, never on
// it, and capitals are placed before areas, their rings kept clear of every name.
import type { AreaProperties } from '../api/responses'
import type { AreaLabel } from './area-geometry'

export type PlacementLabel = AreaLabel & { capital?: true }

export type PlacedLabel = PlacementLabel & {
  offset: [number, number] // CSS px from the label's point to its middle
}

/** CSS px between a point and a name placed beside it. */
const BESIDE_GAP_PX = 4

/** CSS px: the capital's ring (capital-markers.ts) with a little room. */
export const CAPITAL_RING_PX = 14

export interface LabelBox {
  left: number
  top: number
  right: number
  bottom: number
}

export interface PlacementOptions {
  zoom: number // the map's zoom (MapLibre: 512 px tiles)
  fontSize: number // CSS px, as drawn
  priority(label: AreaLabel): number // larger first
  /** Boxes names must stay out of, in the same px as `project`'s (the 南海诸岛 inset on a print sheet). */
  obstacles?: readonly LabelBox[]
  /** Where a point lands in CSS px; default: Web Mercator world px at `zoom` (only the labels' distances matter then). */
  project?: (position: readonly [number, number]) => [number, number]
}

/** A name's box: a CJK glyph is about 1 em wide; plus the TextLayer's background padding [5, 2] and a 2 px gap. */
export function labelSize(name: string, fontSize: number): { width: number; height: number } {
  return { width: [...name].length * fontSize + 2 * 5 + 2, height: fontSize * 1.25 + 2 * 2 + 2 }
}

function worldPx(zoom: number): (position: readonly [number, number]) => [number, number] {
  const size = 512 * 2 ** zoom
  return ([lon, lat]) => {
    const y = Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))
    return [((lon + 180) / 360) * size, ((1 - y / Math.PI) / 2) * size]
  }
}

const overlaps = (a: LabelBox, b: LabelBox) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

/** The names that fit at this zoom, each with its offset; the others are left out. */
export function placeLabels(labels: readonly PlacementLabel[], { zoom, fontSize, priority, obstacles = [], project = worldPx(zoom) }: PlacementOptions): PlacedLabel[] {
  const order = [...labels].sort((a, b) => Number(Boolean(b.capital)) - Number(Boolean(a.capital)) || priority(b) - priority(a) || a.code.localeCompare(b.code))
  const rings = labels.filter((l) => l.capital).map((l) => {
    const [x, y] = project(l.position)
    const r = CAPITAL_RING_PX / 2
    return { left: x - r, right: x + r, top: y - r, bottom: y + r }
  })
  const taken: LabelBox[] = [...obstacles, ...rings]
  const placed: PlacedLabel[] = []
  for (const label of order) {
    const [x, y] = project(label.position)
    const { width, height } = labelSize(label.name, fontSize)
    // Beside: starting just off the point (or the ring), so the name still reads as its area's.
    const beside = label.capital ? (width + CAPITAL_RING_PX) / 2 : width / 2 + BESIDE_GAP_PX
    const spots: [number, number][] = label.capital
      ? [[beside, 0], [-beside, 0], [0, -(height + CAPITAL_RING_PX) / 2], [0, (height + CAPITAL_RING_PX) / 2]]
      : [[0, 0], [0, height], [0, -height], [beside, 0], [-beside, 0]]
    for (const [dx, dy] of spots) {
      const box = { left: x + dx - width / 2, right: x + dx + width / 2, top: y + dy - height / 2, bottom: y + dy + height / 2 }
      if (taken.some((t) => overlaps(t, box))) continue
      taken.push(box)
      placed.push({ ...label, offset: [dx, dy] })
      break
    }
  }
  return placed
}

/** The country's capital, named on every map of the country before any other area. */
const CAPITAL_CITY = '110000'

/** Larger areas first (their names say most about the map), 北京 before all. */
export function byAreaSize(areas: readonly { properties: Pick<AreaProperties, 'code' | 'areaKm2'> }[]): (label: AreaLabel) => number {
  const size = new Map(areas.map((a) => [a.properties.code, a.properties.areaKm2 ?? 0]))
  return (label) => (label.code === CAPITAL_CITY ? Infinity : (size.get(label.code) ?? 0))
}
