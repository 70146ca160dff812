// The 南海断续国界线 as Natural Earth draws it (public domain), vendored under vendor/ because no npm
// package carries it. Natural Earth has nine dashes; the tenth, east of 台湾, is not in it, and
// nothing here adds it.
import { readFileSync } from 'node:fs'
import type { Feature, MultiLineString, Position } from 'geojson'
import { z } from 'zod'

export const NATURAL_EARTH_LINE_FILE = new URL('./vendor/ne_10m_admin_0_boundary_lines_maritime_indicator_chn.geojson', import.meta.url)

const lineFileSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({ NOTE: z.string(), ne_id: z.number() }),
      bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
      geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(z.tuple([z.number(), z.number()])) }),
    }),
  ),
})

export interface SouthChinaSeaLineProperties {
  name: string
  dashes: number
  schematic: boolean
  source: string
  licence: string
  vintage: string
  missing: string
}

/**
 * One MultiLineString, a dash per line, in Natural Earth's order. Each dash's coordinates are
 * checked against the bbox Natural Earth gives for it, so a copying error in an end point fails
 * the build.
 */
export function southChinaSeaLine(text = readFileSync(NATURAL_EARTH_LINE_FILE, 'utf8')): Feature<MultiLineString, SouthChinaSeaLineProperties> {
  const file = lineFileSchema.parse(JSON.parse(text))
  const dashes = file.features.map((f) => {
    const line: Position[] = f.geometry.coordinates.map(([x, y]) => [x, y])
    const xs = line.map((p) => p[0])
    const ys = line.map((p) => p[1])
    const extent = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
    if (extent.some((v, i) => v !== f.bbox[i])) {
      throw new Error(`Natural Earth dash ${f.properties.ne_id} (${f.properties.NOTE}) spans ${extent.join(',')} but its bbox says ${f.bbox.join(',')}`)
    }
    return line
  })
  return {
    type: 'Feature',
    properties: {
      name: '南海断续国界线',
      dashes: dashes.length,
      schematic: true,
      source: 'Natural Earth 1:10m, ne_10m_admin_0_boundary_lines_maritime_indicator_chn (China point of view), github.com/nvkelso/natural-earth-vector',
      licence: 'public domain (Natural Earth terms of use)',
      vintage: 'Natural Earth v5 (the China point-of-view file was added in 2021)',
      missing: 'the tenth dash, east of 台湾, is not in the source',
    },
    geometry: { type: 'MultiLineString', coordinates: dashes },
  }
}
