// The basemap: a plain background and the boundaries, all local. No tiles, sprites or glyphs are
// fetched, so the atlas works on a network with no internet, and labels are drawn by deck.gl instead.
import type { FeatureCollection } from 'geojson'
import type { MapOptions } from 'maplibre-gl'

type StyleSpecification = Exclude<MapOptions['style'], string | undefined>
export type StyleSource = StyleSpecification['sources'][string]
export type StyleLayer = StyleSpecification['layers'][number]

export const OUTLINE_SOURCE = 'prefecture-outline'
export const BOUNDARY_SOURCE = 'area-boundaries'

export interface BasemapColours {
  background: string
  land: string
  boundary: string
  outline: string
  outlineHalo: string
}

export const BASEMAP_COLOURS: BasemapColours = {
  background: '#e8ecf1', // outside the prefecture: cool light grey
  land: '#fbfbfa', // inside, under the choropleth
  boundary: '#a7afba', // area boundaries (seen where the choropleth is hidden or translucent)
  outline: '#4a5563', // the prefecture's edge
  outlineHalo: '#ffffff',
}


/**
 * The style with empty boundary sources; AtlasMap fills them once the areas have loaded. It has no
 * background layer and the land has no antialiased edge (the outline covers it): the page paints the
 * background colour behind the canvas (mapBackground), and in software GL every extra GPU program MapLibre
 * builds costs a few hundred ms of first paint.
 */
export function offlineStyle(colours: BasemapColours = BASEMAP_COLOURS): StyleSpecification {
  const emptyCollection: FeatureCollection = { type: 'FeatureCollection', features: [] }
  return {
    version: 8,
    name: 'unity-atlas-offline',
    sources: {
      [OUTLINE_SOURCE]: { type: 'geojson', data: emptyCollection },
      [BOUNDARY_SOURCE]: { type: 'geojson', data: emptyCollection },
    },
    layers: [
      { id: 'prefecture-land', type: 'fill', source: OUTLINE_SOURCE, paint: { 'fill-color': colours.land, 'fill-antialias': false } },
      {
        id: 'prefecture-halo',
        type: 'line',
        source: OUTLINE_SOURCE,
        paint: { 'line-color': colours.outlineHalo, 'line-width': 7, 'line-opacity': 0.9 },
      },
      {
        id: 'area-boundaries',
        type: 'line',
        source: BOUNDARY_SOURCE,
        paint: { 'line-color': colours.boundary, 'line-width': 0.8 },
      },
      {
        id: 'prefecture-outline',
        type: 'line',
        source: OUTLINE_SOURCE,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': colours.outline, 'line-width': 2.5 },
      },
    ],
  }
}

/** Paints the basemap's background behind the map's (transparent) canvas; `null` leaves it transparent. */
export function paintMapBackground(container: HTMLElement, colours: BasemapColours | null): void {
  container.style.background = colours ? colours.background : 'transparent'
}
