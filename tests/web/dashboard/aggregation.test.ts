import { describe, expect, it } from 'vitest'
import { hexBins } from '../../../web/data/hex-bins'
import { clusterUnits, worldPixels } from '../../../web/data/unit-clusters'
import { basemapProblem, basemapRasterParts, parseBasemap, serializeBasemap, OFFLINE_BASEMAP } from '../../../web/map/basemaps'

describe('unit clusters', () => {
  it('projects to Web Mercator world pixels', () => {
    expect(worldPixels([0, 0], 0)).toEqual([256, 256])
    const [x] = worldPixels([180, 0], 1)
    expect(x).toBeCloseTo(1024)
  })

  it('merges nearby units into one cluster coloured by its most common category', () => {
    const units = [
      { id: 1, category: '学校', position: [104.0, 27.5] as [number, number] },
      { id: 2, category: '学校', position: [104.001, 27.5005] as [number, number] },
      { id: 3, category: '社区', position: [104.0005, 27.5] as [number, number] },
      { id: 4, category: '社区', position: [105.5, 28.5] as [number, number] },
    ]
    const clusters = clusterUnits(units, 6)
    expect(clusters.map((c) => c.count).sort()).toEqual([1, 3])
    const big = clusters.find((c) => c.count === 3)!
    expect(big.dominant).toBe('学校')
    expect(big.byCategory).toEqual({ 学校: 2, 社区: 1 })
    expect(big.ids.sort()).toEqual([1, 2, 3])
    expect(clusterUnits(units, 18).length).toBe(4) // zoomed in, every unit alone
  })
})

describe('hexagon bins', () => {
  it('counts points per hexagon and keeps every point', () => {
    const points: [number, number][] = [[104, 27.5], [104.001, 27.5], [104.3, 27.8], [104.3005, 27.8], [104.3, 27.8001]]
    const bins = hexBins(points, { radiusKm: 2 })
    expect(bins.map((b) => b.count).sort()).toEqual([2, 3])
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(points.length)
    for (const bin of bins) {
      expect(bin.ring).toHaveLength(7)
      expect(bin.ring[0]).toEqual(bin.ring[6])
    }
    expect(hexBins([])).toEqual([])
  })
})

describe('basemaps', () => {
  it('checks a choice before drawing it', () => {
    expect(basemapProblem(OFFLINE_BASEMAP)).toBeNull()
    expect(basemapProblem({ kind: 'tianditu', variant: 'vector', key: 'abc' })).toMatch(/32/)
    expect(basemapProblem({ kind: 'xyz', url: 'https://tiles.example.org/{z}/{x}.png' })).toMatch(/\{y\}/)
    expect(basemapProblem({ kind: 'pmtiles', url: 'y.pmtiles' })).toMatch(/PMTiles/) // more in tests/web/basemaps.test.ts
  })

  it('draws 天地图 as the _w layer plus its annotation, with the key', () => {
    const key = '0123456789abcdef0123456789abcdef'
    const parts = basemapRasterParts({ kind: 'tianditu', variant: 'imagery', key })
    expect(parts.map((p) => p.sourceId)).toEqual(['basemap-tianditu-img', 'basemap-tianditu-cia'])
    expect(parts[0].tiles).toHaveLength(8)
    expect(parts[0].tiles[3]).toBe(
      `https://t3.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${key}`,
    )
    expect(basemapRasterParts(OFFLINE_BASEMAP)).toEqual([])
    expect(basemapRasterParts({ kind: 'xyz', url: 'https://t.example.org/{z}/{x}/{y}.png' })[0].tiles).toEqual(['https://t.example.org/{z}/{x}/{y}.png'])
  })

  it('stores and reads a choice; anything else is the offline basemap', () => {
    const choice = { kind: 'xyz' as const, url: 'https://t.example.org/{z}/{x}/{y}.png' }
    expect(parseBasemap(serializeBasemap(choice))).toEqual(choice)
    expect(parseBasemap(null)).toEqual(OFFLINE_BASEMAP)
    expect(parseBasemap('{"kind":"tianditu","variant":"sat"}')).toEqual(OFFLINE_BASEMAP)
    expect(parseBasemap('not json')).toEqual(OFFLINE_BASEMAP)
  })
})
