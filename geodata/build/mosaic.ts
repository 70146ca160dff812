// Makes the counties a clean mosaic. The source's files were drawn at different times by different
// hands (the municipalities, 沧州, 台湾, 香港 and 澳门 especially), so neighbours from different files
// often overlap or leave slivers between them. mapshaper's -clean snaps the boundaries into one
// topology, gives each overlap to one side and each gap narrower than GAP_WIDTH to a neighbour; after
// it, a border between two counties is one line, vertex for vertex.
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import mapshaper from 'mapshaper'
import type { Unit } from '../../server/geo/dissolve.ts'

/** Gaps narrower than this are filled; every hole the source leaves between counties is narrower. */
export const GAP_WIDTH = '2km'

/** The units as one clean mosaic, in the same order, each still under its code. Null where a unit vanished. */
export async function cleanMosaic(units: readonly Unit[]): Promise<(MultiPolygon | null)[]> {
  const input: FeatureCollection<MultiPolygon, { uid: number }> = {
    type: 'FeatureCollection',
    features: units.map((u, uid): Feature<MultiPolygon, { uid: number }> => ({ type: 'Feature', properties: { uid }, geometry: u.geometry })),
  }
  const output = (await mapshaper.applyCommands(`-i units.json -clean gap-width=${GAP_WIDTH} allow-empty -o format=geojson precision=0.000001 units.json`, {
    'units.json': JSON.stringify(input),
  })) as Record<string, string | Uint8Array>
  const text = output['units.json']
  const cleaned = JSON.parse(typeof text === 'string' ? text : new TextDecoder().decode(text)) as FeatureCollection<Polygon | MultiPolygon | null, { uid: number }>
  const byUid: (MultiPolygon | null)[] = units.map(() => null)
  for (const f of cleaned.features) {
    if (!f.geometry) continue
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
    const previous = byUid[f.properties.uid]
    byUid[f.properties.uid] = { type: 'MultiPolygon', coordinates: [...(previous?.coordinates ?? []), ...polygons] }
  }
  return byUid
}
