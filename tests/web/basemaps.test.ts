import { readFileSync } from 'node:fs'
import { polygonContains } from 'd3'
import { describe, expect, test } from 'vitest'
import type { AreaFeature } from '../../web/api/responses'
import { areaLabelsOf } from '../../web/data/area-geometry'
import { offlineStyle } from '../../web/map/offline-style'
import {
  archiveMetadataOf,
  archiveStyle,
  BASEMAP_SOURCE_PREFIX,
  basemapParts,
  basemapProblem,
  basemapRasterParts,
  parseBasemap,
  rasterStyle,
  serializeBasemap,
  VECTOR_BASEMAP_COLOURS,
  type ArchiveInfo,
  type ArchivePart,
  type BasemapStyle,
} from '../../web/map/basemaps'

const RASTER_INFO: ArchiveInfo = { tileType: 'png', minZoom: 0, maxZoom: 8, bounds: [103, 26.5, 105.5, 28.5], attribution: '© 测试', vectorLayers: [] }
const VECTOR_INFO: ArchiveInfo = { ...RASTER_INFO, tileType: 'mvt', maxZoom: 14, vectorLayers: [{ id: 'water' }, { id: 'roads', minzoom: 6, maxzoom: 12 }] }

function archivePart(url: string): ArchivePart {
  const [part] = basemapParts({ kind: 'pmtiles', url })
  if (part?.kind !== 'pmtiles') throw new Error(`no archive part for ${url}`)
  return part
}

/** Every id a style adds, sources and layers: AtlasMap removes exactly those with the prefix. */
function idsOf(style: BasemapStyle): string[] {
  return [...Object.keys(style.sources), ...style.layers.map((l) => l.id)]
}

describe('basemapProblem for PMTiles', () => {
  test('an https, http or same-origin URL of one file is fine', () => {
    expect(basemapProblem({ kind: 'pmtiles', url: 'https://tiles.example.org/zhaotong.pmtiles' })).toBeNull()
    expect(basemapProblem({ kind: 'pmtiles', url: 'http://127.0.0.1:8787/zhaotong.pmtiles' })).toBeNull()
    expect(basemapProblem({ kind: 'pmtiles', url: '/tiles/zhaotong.pmtiles' })).toBeNull()
    expect(basemapProblem({ kind: 'pmtiles', url: '  /tiles/zhaotong.pmtiles  ' })).toBeNull() // the panel trims too
  })

  test('empty, not a URL, another host without a scheme, spaces or a tile template are refused, saying why', () => {
    expect(basemapProblem({ kind: 'pmtiles', url: '' })).toMatch(/PMTiles/)
    expect(basemapProblem({ kind: 'pmtiles', url: '   ' })).toMatch(/PMTiles/)
    expect(basemapProblem({ kind: 'pmtiles', url: 'zhaotong.pmtiles' })).toContain('"zhaotong.pmtiles"')
    expect(basemapProblem({ kind: 'pmtiles', url: 'ftp://example.org/a.pmtiles' })).toMatch(/https:\/\//)
    expect(basemapProblem({ kind: 'pmtiles', url: '//cdn.example.org/a.pmtiles' })).not.toBeNull()
    expect(basemapProblem({ kind: 'pmtiles', url: 'https://' })).not.toBeNull()
    expect(basemapProblem({ kind: 'pmtiles', url: 'https://example.org/my tiles.pmtiles' })).toMatch(/空格|space/)
    expect(basemapProblem({ kind: 'pmtiles', url: 'https://example.org/{z}/{x}/{y}.png' })).toMatch(/\{z\}/)
  })
})

describe('basemapParts', () => {
  test('a PMTiles choice is one archive part read through the pmtiles:// protocol', () => {
    expect(basemapParts({ kind: 'pmtiles', url: ' https://t.example.org/a.pmtiles ' })).toEqual([
      { kind: 'pmtiles', sourceId: 'basemap-pmtiles', url: 'https://t.example.org/a.pmtiles', tiles: ['pmtiles://https://t.example.org/a.pmtiles/{z}/{x}/{y}'] },
    ])
    expect(archivePart('/tiles/a.pmtiles').tiles).toEqual(['pmtiles:///tiles/a.pmtiles/{z}/{x}/{y}'])
  })

  test('a choice with a problem draws nothing; the old name is the same function', () => {
    expect(basemapParts({ kind: 'pmtiles', url: 'nope' })).toEqual([])
    expect(basemapParts({ kind: 'offline' })).toEqual([])
    expect(basemapRasterParts).toBe(basemapParts)
  })

  test('XYZ and 天地图 are raster parts', () => {
    const [xyz] = basemapParts({ kind: 'xyz', url: 'https://t.example.org/{z}/{x}/{y}.png' })
    expect(xyz).toEqual({ kind: 'raster', sourceId: 'basemap-xyz', tiles: ['https://t.example.org/{z}/{x}/{y}.png'], attribution: '', maxzoom: 19 })
    const tianditu = basemapParts({ kind: 'tianditu', variant: 'vector', key: '0123456789abcdef0123456789abcdef' })
    expect(tianditu.map((p) => p.kind)).toEqual(['raster', 'raster'])
  })

  test('a stored PMTiles choice round-trips', () => {
    const choice = { kind: 'pmtiles' as const, url: '/tiles/zhaotong.pmtiles' }
    expect(parseBasemap(serializeBasemap(choice))).toEqual(choice)
  })
})

describe('rasterStyle', () => {
  test('one 256 px raster source and a layer of the same id', () => {
    const [xyz] = basemapParts({ kind: 'xyz', url: 'https://t.example.org/{z}/{x}/{y}.png' })
    if (xyz.kind !== 'raster') throw new Error('expected a raster part')
    expect(rasterStyle(xyz)).toEqual({
      sources: { 'basemap-xyz': { type: 'raster', tiles: ['https://t.example.org/{z}/{x}/{y}.png'], tileSize: 256, maxzoom: 19, attribution: '' } },
      layers: [{ id: 'basemap-xyz', type: 'raster', source: 'basemap-xyz' }],
    })
  })
})

describe('archiveStyle', () => {
  const part = archivePart('https://t.example.org/zhaotong.pmtiles')

  test('png, jpeg, webp and avif archives are one raster layer with the header’s zooms and bounds', () => {
    for (const tileType of ['png', 'jpeg', 'webp', 'avif'] as const) {
      const style = archiveStyle(part, { ...RASTER_INFO, tileType })
      expect(style.sources['basemap-pmtiles']).toEqual({
        type: 'raster',
        tiles: part.tiles,
        tileSize: 256,
        minzoom: 0,
        maxzoom: 8,
        bounds: [103, 26.5, 105.5, 28.5],
        attribution: '© 测试',
      })
      expect(style.layers).toEqual([{ id: 'basemap-pmtiles', type: 'raster', source: 'basemap-pmtiles' }])
    }
  })

  test('bounds the header leaves out are left out of the source', () => {
    expect(archiveStyle(part, { ...RASTER_INFO, bounds: null }).sources['basemap-pmtiles']).not.toHaveProperty('bounds')
  })

  test('a vector archive: light grey fills under grey lines, one each per vector layer, no symbols', () => {
    const style = archiveStyle(part, VECTOR_INFO)
    expect(style.sources['basemap-pmtiles']).toMatchObject({ type: 'vector', tiles: part.tiles, minzoom: 0, maxzoom: 14 })
    expect(style.sources['basemap-pmtiles']).not.toHaveProperty('encoding')
    expect(style.layers.map((l) => `${l.type}:${'source-layer' in l ? l['source-layer'] : ''}`)).toEqual(['fill:water', 'fill:roads', 'line:water', 'line:roads'])
    expect(style.layers.every((l) => l.type !== 'symbol' && 'source' in l && l.source === 'basemap-pmtiles')).toBe(true)
    const [waterFill, roadsFill, , roadsLine] = style.layers
    expect(waterFill).toMatchObject({ paint: { 'fill-color': VECTOR_BASEMAP_COLOURS.fill } })
    expect(roadsLine).toMatchObject({ paint: { 'line-color': VECTOR_BASEMAP_COLOURS.line } })
    expect(roadsFill).toMatchObject({ minzoom: 6, maxzoom: 13 }) // vector_layers' maxzoom is inclusive, a style's is not
    expect(waterFill).not.toHaveProperty('minzoom')
  })

  test('every source and layer id carries the basemap prefix, so the next basemap removes them', () => {
    for (const style of [archiveStyle(part, RASTER_INFO), archiveStyle(part, VECTOR_INFO)]) {
      for (const id of idsOf(style)) expect(id.startsWith(BASEMAP_SOURCE_PREFIX), id).toBe(true)
    }
  })

  test('MLT vector tiles tell MapLibre their encoding', () => {
    expect(archiveStyle(part, { ...VECTOR_INFO, tileType: 'mlt' }).sources['basemap-pmtiles']).toMatchObject({ type: 'vector', encoding: 'mlt' })
  })

  test('an unknown tile type, or vector tiles without vector_layers, cannot be drawn: the error names the archive', () => {
    expect(() => archiveStyle(part, { ...RASTER_INFO, tileType: 'unknown' })).toThrow(/zhaotong\.pmtiles.*tile type/)
    expect(() => archiveStyle(part, { ...VECTOR_INFO, vectorLayers: [] })).toThrow(/zhaotong\.pmtiles.*vector_layers/)
  })
})

describe('archiveMetadataOf', () => {
  test('takes attribution and the named vector layers with their zooms', () => {
    const metadata = {
      attribution: '© OpenStreetMap',
      vector_layers: [{ id: 'water', fields: {}, minzoom: 0, maxzoom: 14 }, { id: 'roads', fields: { kind: 'String' } }],
      name: 'zhaotong',
    }
    expect(archiveMetadataOf(metadata)).toEqual({
      attribution: '© OpenStreetMap',
      vectorLayers: [{ id: 'water', minzoom: 0, maxzoom: 14 }, { id: 'roads' }],
    })
  })

  test('anything malformed is left out rather than thrown', () => {
    expect(archiveMetadataOf(null)).toEqual({ attribution: '', vectorLayers: [] })
    expect(archiveMetadataOf('text')).toEqual({ attribution: '', vectorLayers: [] })
    expect(archiveMetadataOf({ attribution: 3, vector_layers: 'water' })).toEqual({ attribution: '', vectorLayers: [] })
    expect(archiveMetadataOf({ vector_layers: [null, { id: '' }, { id: 7 }, { id: 'ok', minzoom: '2' }] })).toEqual({ attribution: '', vectorLayers: [{ id: 'ok' }] })
  })
})

describe('no foreign country is named inside the national boundary (公开地图内容表示规范)', () => {
  test('the offline basemap writes no names at all: it has no symbol layer', () => {
    expect(offlineStyle().layers.filter((l) => l.type === 'symbol')).toEqual([])
  })

  test("the names a map of the whole country writes are its provinces', each inside its own province", () => {
    const provinces = (JSON.parse(readFileSync(new URL('../../geodata/national/provinces.z3.geojson', import.meta.url), 'utf8')) as { features: AreaFeature[] }).features
    const labels = areaLabelsOf(provinces)
    expect(labels).toHaveLength(34)
    for (const label of labels) {
      const own = provinces.find((p) => p.properties.code === label.code)!
      expect(label.name).toBe(own.properties.name)
      expect(own.geometry.coordinates.some((polygon) => polygonContains(polygon[0] as [number, number][], label.position)), label.name).toBe(true)
    }
    expect(labels.map((l) => l.name)).toEqual(expect.arrayContaining(['台湾省', '香港特别行政区', '澳门特别行政区']))
  })
})
