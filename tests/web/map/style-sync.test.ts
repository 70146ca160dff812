// Style layers brought from one list to the next: in place where only paint or filter changed (a hover moves
// the outline without reloading tiles), added and removed otherwise; tile sources dropped once unused.
import type * as maplibregl from 'maplibre-gl'
import { expect, test } from 'vitest'
import type { StyleLayer } from '../../../web/map/offline-style'
import { removeUnusedSources, syncStyleLayers } from '../../../web/map/style-sync'

/** The part of a MapLibre map the sync uses, recording each call. */
function fakeMap(sources: string[]) {
  const layers: StyleLayer[] = []
  const calls: string[] = []
  const map = {
    getLayer: (id: string) => layers.find((l) => l.id === id),
    addLayer: (layer: StyleLayer, before?: string) => {
      calls.push(`add ${layer.id}${before ? ` before ${before}` : ''}`)
      const at = before ? layers.findIndex((l) => l.id === before) : -1
      layers.splice(at < 0 ? layers.length : at, 0, layer)
    },
    removeLayer: (id: string) => {
      calls.push(`remove ${id}`)
      layers.splice(layers.findIndex((l) => l.id === id), 1)
    },
    setFilter: (id: string) => calls.push(`filter ${id}`),
    setPaintProperty: (id: string, key: string) => calls.push(`paint ${id} ${key}`),
    getStyle: () => ({ layers, sources: Object.fromEntries(sources.map((s) => [s, {}])) }),
    removeSource: (id: string) => {
      calls.push(`remove source ${id}`)
      sources.splice(sources.indexOf(id), 1)
    },
  }
  return { map: map as unknown as maplibregl.Map, calls, layers }
}

const fill = (colour: string, code: string): StyleLayer => ({ id: 'fill', type: 'fill', source: 'area-tiles-provinces', 'source-layer': 'provinces', filter: ['==', ['get', 'code'], code], paint: { 'fill-color': colour } })
const line: StyleLayer = { id: 'line', type: 'line', source: 'area-tiles-provinces', 'source-layer': 'provinces', paint: { 'line-width': 1 } }

test('a changed colour or filter is set in place; a changed source re-adds the layer; a layer no longer listed goes', () => {
  const { map, calls, layers } = fakeMap(['area-tiles-provinces', 'area-tiles-prefectures'])
  let drawn = syncStyleLayers(map, [], [fill('#fff', '110000'), line])
  expect(calls.splice(0)).toEqual(['add fill', 'add line'])
  drawn = syncStyleLayers(map, drawn, [fill('#000', '120000'), line])
  expect(calls.splice(0)).toEqual(['filter fill', 'paint fill fill-color'])
  drawn = syncStyleLayers(map, drawn, [{ ...fill('#000', '120000'), source: 'area-tiles-prefectures', 'source-layer': 'prefectures' } as StyleLayer])
  expect(calls.splice(0)).toEqual(['remove line', 'remove fill', 'add fill'])
  expect(layers.map((l) => l.id)).toEqual(['fill'])
  syncStyleLayers(map, [], [line], 'fill')
  expect(calls.splice(0)).toEqual(['add line before fill'])
  expect(layers.map((l) => l.id)).toEqual(['line', 'fill'])
})

test('tile sources no layer reads any more are removed; others stay', () => {
  const { map, calls } = fakeMap(['area-tiles-provinces', 'area-tiles-prefectures', 'prefecture-outline'])
  syncStyleLayers(map, [], [line])
  calls.splice(0)
  removeUnusedSources(map, 'area-tiles-')
  expect(calls).toEqual(['remove source area-tiles-prefectures'])
})
