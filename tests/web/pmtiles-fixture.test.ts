// The test archive writer (tests/fixtures/pmtiles-writer.ts) read back by the pmtiles library itself, so the
// e2e test's archive is a real PMTiles v3 file and not one only our own reader accepts.
import { inflateSync } from 'node:zlib'
import { PMTiles, TileType, zxyToTileId as libraryTileId, type RangeResponse, type Source } from 'pmtiles'
import { describe, expect, test } from 'vitest'
import { PMTILES_HEADER_BYTES, pmtilesArchive, solidPng, tilesCovering, zxyToTileId } from '../fixtures/pmtiles-writer'

class BufferSource implements Source {
  constructor(private readonly bytes: Buffer) {}
  getKey() {
    return 'fixture.pmtiles'
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const slice = this.bytes.subarray(offset, offset + length)
    return { data: slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.byteLength) as ArrayBuffer }
  }
}

const BOUNDS: [number, number, number, number] = [103, 26.5, 105.5, 28.5]

describe('pmtiles-writer', () => {
  test('tile ids follow the spec’s Hilbert order (checked against the pmtiles library)', () => {
    for (const [z, x, y] of [[0, 0, 0], [1, 1, 0], [3, 5, 2], [8, 202, 107], [12, 3277, 1713], [14, 13000, 6900]]) {
      expect(zxyToTileId(z, x, y), `${z}/${x}/${y}`).toBe(libraryTileId(z, x, y))
    }
  })

  test('the tiles covering 昭通 at zoom 0 are the one world tile, and more at zoom 8', () => {
    expect(tilesCovering(BOUNDS, 0)).toEqual([{ x: 0, y: 0 }])
    const z8 = tilesCovering(BOUNDS, 8)
    expect(z8.length).toBeGreaterThan(3)
    expect(new Set(z8.map((t) => t.x))).toEqual(new Set([201, 202, 203]))
  })

  test('a solid PNG decodes to one colour', () => {
    const png = solidPng(4, 2, [10, 20, 30])
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
    const idat = png.indexOf('IDAT')
    const length = png.readUInt32BE(idat - 4)
    const raw = inflateSync(png.subarray(idat + 4, idat + 4 + length))
    expect([...raw]).toEqual([0, 10, 20, 30, 10, 20, 30, 10, 20, 30, 10, 20, 30, 0, 10, 20, 30, 10, 20, 30, 10, 20, 30, 10, 20, 30])
  })

  test('the pmtiles library reads the archive: header, metadata and every tile', async () => {
    const green = solidPng(256, 256, [154, 209, 164])
    const violet = solidPng(256, 256, [199, 179, 230])
    const tiles = [0, 1, 2, 3, 4, 5, 6, 7, 8].flatMap((z) => tilesCovering(BOUNDS, z).map(({ x, y }) => ({ z, x, y, data: (x + y) % 2 ? violet : green })))
    const bytes = pmtilesArchive(tiles, { tileType: 'png', bounds: BOUNDS, metadata: { name: '昭通测试', attribution: 'test' } })
    expect(bytes.length).toBeLessThan(16_384) // pmtiles' first range request reads the header and root directory together
    const archive = new PMTiles(new BufferSource(bytes))
    const header = await archive.getHeader()
    expect(header).toMatchObject({ specVersion: 3, tileType: TileType.Png, minZoom: 0, maxZoom: 8, minLon: 103, minLat: 26.5, maxLon: 105.5, maxLat: 28.5 })
    expect(header.rootDirectoryOffset).toBe(PMTILES_HEADER_BYTES)
    expect(header.numAddressedTiles).toBe(tiles.length)
    expect(await archive.getMetadata()).toEqual({ name: '昭通测试', attribution: 'test' })
    for (const tile of tiles) {
      const answer = await archive.getZxy(tile.z, tile.x, tile.y)
      expect(Buffer.from(answer!.data).equals(tile.data), `${tile.z}/${tile.x}/${tile.y}`).toBe(true)
    }
    expect(await archive.getZxy(8, 0, 0)).toBeUndefined()
  })
})
