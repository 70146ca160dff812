// PMTiles basemaps: registers MapLibre's pmtiles:// protocol (once, on first use) and reads an archive's
// header and metadata, so basemaps.ts (pure) can turn them into a raster or vector style.
import * as maplibregl from 'maplibre-gl'
import { PMTiles, Protocol, TileType } from 'pmtiles'
import { archiveMetadataOf, archiveStyle, rasterStyle, type ArchiveInfo, type BasemapPart, type BasemapStyle } from './basemaps'

// One protocol for the page: it keeps one PMTiles instance (and its cached header and directories) per URL.
const protocol = new Protocol()
let protocolRegistered = false

function registerPmtilesProtocol(): void {
  if (protocolRegistered) return
  maplibregl.addProtocol('pmtiles', protocol.tile)
  protocolRegistered = true
}

const TILE_TYPES: Record<TileType, ArchiveInfo['tileType']> = {
  [TileType.Unknown]: 'unknown',
  [TileType.Mvt]: 'mvt',
  [TileType.Png]: 'png',
  [TileType.Jpeg]: 'jpeg',
  [TileType.Webp]: 'webp',
  [TileType.Avif]: 'avif',
  [TileType.Mlt]: 'mlt',
}

/**
 * Reads the archive's header (one range request for its first 16 KiB) and, for vector tiles, its JSON
 * metadata. Rejects with a message naming the URL when the archive cannot be fetched (404, refused,
 * blocked) or is not a PMTiles v3 file.
 */
export async function readArchiveInfo(url: string): Promise<ArchiveInfo> {
  registerPmtilesProtocol()
  // A fresh instance per read: the previous one may hold the header of a file since replaced, or a failure.
  const archive = new PMTiles(url)
  protocol.add(archive) // MapLibre's tile requests for this URL reuse the header and directories read here
  try {
    const header = await archive.getHeader()
    const tileType = TILE_TYPES[header.tileType] ?? 'unknown'
    const vector = tileType === 'mvt' || tileType === 'mlt'
    const metadata = header.jsonMetadataLength > 0 ? await archive.getMetadata().catch((error: Error) => (vector ? Promise.reject(error) : {})) : {}
    const bounds: ArchiveInfo['bounds'] = header.minLon < header.maxLon && header.minLat < header.maxLat ? [header.minLon, header.minLat, header.maxLon, header.maxLat] : null
    return { tileType, minZoom: header.minZoom, maxZoom: header.maxZoom, bounds, ...archiveMetadataOf(metadata) }
  } catch (error) {
    // The detail first: the page's notice shows only the start of the message.
    const detail = error instanceof Error ? error.message : String(error)
    throw new Error(`${detail} (PMTiles ${url})`, { cause: error })
  }
}

/** The style for every part: raster parts at once, archives once their headers are read. */
export async function basemapStyles(parts: readonly BasemapPart[]): Promise<BasemapStyle[]> {
  return Promise.all(parts.map(async (part) => (part.kind === 'raster' ? rasterStyle(part) : archiveStyle(part, await readArchiveInfo(part.url)))))
}
