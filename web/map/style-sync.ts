// Style layers a map page adds over the offline style (the tiled frame's boundaries, the tiled choropleth),
// brought from the last list drawn to the next with as little work as MapLibre allows: a layer whose source and
// type stay gets its filter and paint changed in place (a hover moves the outline without reloading a tile),
// any other is added or removed.
import type * as maplibregl from 'maplibre-gl'
import type { StyleLayer } from './offline-style'

type LayerParts = { source?: unknown; 'source-layer'?: unknown; filter?: unknown; paint?: Record<string, unknown>; layout?: unknown }

type PaintKey = Parameters<maplibregl.Map['setPaintProperty']>[1]

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Makes the map's layers of `previous` into `next` (added below `beforeId` when given); returns `next` as now drawn. */
export function syncStyleLayers(map: maplibregl.Map, previous: readonly StyleLayer[], next: readonly StyleLayer[], beforeId?: string): StyleLayer[] {
  const nextIds = new Set(next.map((l) => l.id))
  for (const layer of previous) if (!nextIds.has(layer.id) && map.getLayer(layer.id)) map.removeLayer(layer.id)
  const before = new Map(previous.map((l) => [l.id, l]))
  const insertBefore = beforeId !== undefined && map.getLayer(beforeId) ? beforeId : undefined
  for (const layer of next) {
    const old = before.get(layer.id) as (StyleLayer & LayerParts) | undefined
    const now = layer as StyleLayer & LayerParts
    if (old && map.getLayer(layer.id) && old.type === now.type && same(old.source, now.source) && same(old['source-layer'], now['source-layer']) && same(old.layout, now.layout)) {
      if (!same(old.filter, now.filter)) map.setFilter(layer.id, now.filter as maplibregl.FilterSpecification)
      const paint = { ...old.paint, ...now.paint }
      for (const key of Object.keys(paint)) if (!same(old.paint?.[key], now.paint?.[key])) map.setPaintProperty(layer.id, key as PaintKey, now.paint?.[key] as never)
    } else {
      if (map.getLayer(layer.id)) map.removeLayer(layer.id)
      map.addLayer(layer, insertBefore)
    }
  }
  return [...next]
}

/** Removes the sources whose id starts with `prefix` that no layer draws from any more. */
export function removeUnusedSources(map: maplibregl.Map, prefix: string): void {
  const used = new Set((map.getStyle().layers ?? []).map((l) => (l as LayerParts).source))
  for (const id of Object.keys(map.getStyle().sources ?? {})) if (id.startsWith(prefix) && !used.has(id)) map.removeSource(id)
}
