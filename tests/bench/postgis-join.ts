// The PostGIS baseline of the join benchmark: the same polygons and points loaded into a PostgreSQL cluster,
// the polygons with a GiST index, and the point-in-polygon join timed there with two parallel workers.
import type { MultiPolygon } from 'geojson'
import pg from 'pg'

const POLYGON_CHUNK = 5_000
const POINT_CHUNK = 100_000
const WORKERS = 2
// ST_Intersects, as issue 16 names it: a point on a shared edge or vertex intersects every polygon there, where
// the grid index gives it to exactly one; such points are counted, not treated as disagreements.
const JOIN = 'SELECT p.id, a.id FROM points p JOIN areas a ON ST_Intersects(a.geom, p.geom)'

export interface PostgisJoin {
  loadMs: number // tables, rows, GiST index, VACUUM ANALYZE: not part of the comparison
  executionMs: number // the join as EXPLAIN ANALYZE reports it: on the server, no rows sent
  fetchMs: number // the join with its rows fetched by this client, run first
  joinMs: number // the quicker of the two: the figure the grid is compared with
  workersLaunched: number
  usesIndex: boolean
  /** Per point, the lowest area id holding it, -1 if none. */
  first: Int32Array
  /** Per point, how many areas hold it. */
  matches: Uint8Array
}

export async function postgisJoin(url: string, polygons: readonly MultiPolygon[], xy: Float64Array): Promise<PostgisJoin> {
  const client = new pg.Client(url)
  await client.connect()
  try {
    const t0 = performance.now()
    await client.query('CREATE EXTENSION IF NOT EXISTS postgis')
    await client.query('DROP TABLE IF EXISTS points, areas')
    await client.query('CREATE TABLE areas (id integer PRIMARY KEY, geom geometry(MultiPolygon, 4326) NOT NULL)')
    await client.query('CREATE TABLE points (id integer PRIMARY KEY, geom geometry(Point, 4326) NOT NULL)')
    for (let from = 0; from < polygons.length; from += POLYGON_CHUNK) {
      const to = Math.min(polygons.length, from + POLYGON_CHUNK)
      const ids = Array.from({ length: to - from }, (_, i) => from + i)
      await client.query(
        'INSERT INTO areas SELECT id, ST_SetSRID(ST_GeomFromGeoJSON(json), 4326) FROM unnest($1::integer[], $2::text[]) AS t(id, json)',
        [ids, ids.map((i) => JSON.stringify(polygons[i]))],
      )
    }
    const count = xy.length / 2
    for (let from = 0; from < count; from += POINT_CHUNK) {
      const to = Math.min(count, from + POINT_CHUNK)
      const ids = Array.from({ length: to - from }, (_, i) => from + i)
      await client.query(
        'INSERT INTO points SELECT id, ST_SetSRID(ST_MakePoint(x, y), 4326) FROM unnest($1::integer[], $2::float8[], $3::float8[]) AS t(id, x, y)',
        [ids, ids.map((i) => xy[i * 2]), ids.map((i) => xy[i * 2 + 1])],
      )
    }
    await client.query('CREATE INDEX areas_geom ON areas USING gist (geom)')
    await client.query('VACUUM ANALYZE areas')
    await client.query('VACUUM ANALYZE points')
    const loadMs = performance.now() - t0

    await client.query(`SET max_parallel_workers_per_gather = ${WORKERS}`)
    const first = new Int32Array(count).fill(-1)
    const matches = new Uint8Array(count)
    const t1 = performance.now()
    const { rows } = await client.query<[number, number]>({ text: JOIN, rowMode: 'array' })
    const fetchMs = performance.now() - t1
    for (const [point, area] of rows) {
      if (first[point] < 0 || area < first[point]) first[point] = area
      matches[point]++
    }
    // The fetch first: it also warms the caches for the timed EXPLAIN ANALYZE after it.
    const explained = await client.query<{ 'QUERY PLAN': [ExplainRoot] }>(`EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${JOIN}`)
    const [root] = explained.rows[0]['QUERY PLAN']
    const nodes = planNodes(root.Plan)
    return {
      loadMs,
      executionMs: root['Execution Time'],
      fetchMs,
      joinMs: Math.min(root['Execution Time'], fetchMs),
      workersLaunched: Math.max(0, ...nodes.map((n) => n['Workers Launched'] ?? 0)),
      usesIndex: nodes.some((n) => n['Index Name'] === 'areas_geom'),
      first,
      matches,
    }
  } finally {
    await client.end()
  }
}

interface PlanNode {
  'Index Name'?: string
  'Workers Launched'?: number
  Plans?: PlanNode[]
}

interface ExplainRoot {
  Plan: PlanNode
  'Execution Time': number
}

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)]
}

export interface Agreement {
  matchedByGrid: number
  matchedByPostgis: number
  onBoundary: number // points PostGIS puts in several areas
  disagreements: string[] // points whose grid answer PostGIS does not share
}

/**
 * Whether the grid's answers agree with PostGIS's: a point the grid gives to an area must intersect it in
 * PostGIS, and a point it gives to none must intersect none. With one area, the answers must be equal.
 */
export function compareWithGrid(byGrid: Int32Array, postgis: PostgisJoin, xy: Float64Array): Agreement {
  const disagreements: string[] = []
  let matchedByGrid = 0
  let matchedByPostgis = 0
  let onBoundary = 0
  for (let i = 0; i < byGrid.length; i++) {
    const grid = byGrid[i]
    const many = postgis.matches[i]
    if (grid >= 0) matchedByGrid++
    if (many > 0) matchedByPostgis++
    if (many > 1) onBoundary++
    // A boundary point's grid answer may be any of its areas, not only the lowest; which ones is not fetched.
    const agrees = grid < 0 ? many === 0 : many > 1 || postgis.first[i] === grid
    if (!agrees) {
      disagreements.push(`point ${i} (${xy[i * 2]}, ${xy[i * 2 + 1]}): grid ${grid}, PostGIS ${postgis.first[i]} (${many} areas)`)
    }
  }
  return { matchedByGrid, matchedByPostgis, onBoundary, disagreements }
}
