// Test support: does a drawing of the country keep the islands a map of China must show (geodata/build/islands.ts)?
// Used on the shipped sets (national.test.ts) and on the store's own generalisation (generalised-areas.test.ts).
import type { MultiPolygon, Position } from 'geojson'
import { isPointInMultiPolygon } from '../../geodata/build/checks.ts'
import { DIAOYU_ISLANDS, meanPoint, SOUTH_CHINA_SEA_GROUPS, ZENGMU_ANSHA } from '../../geodata/build/islands.ts'

/** 0 inside the geometry, else the distance in km to its nearest edge (flat at the point's latitude). */
export function distanceToKm(p: Position, g: MultiPolygon): number {
  if (isPointInMultiPolygon(p, g)) return 0
  const k = Math.cos((p[1] * Math.PI) / 180)
  let best = Infinity
  for (const ring of g.coordinates.flat()) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const [ax, ay] = [(ring[i][0] - p[0]) * k, ring[i][1] - p[1]]
      const [bx, by] = [(ring[i + 1][0] - p[0]) * k, ring[i + 1][1] - p[1]]
      const [dx, dy] = [bx - ax, by - ay]
      const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)))
      best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy) * 111.195)
    }
  }
  return best
}

/**
 * The islands missing from a drawing, empty when none is: 钓鱼岛 and 赤尾屿 in 台湾省 or within 1 km of it; 东沙, 西沙,
 * 中沙 and 南沙群岛 each with polygons in their province (and county, when counties are given); 曾母暗沙 within 5 km
 * of 海南省 (the source draws the submerged bank as a reef about 2 km from the charted point).
 */
export function lostIslands(provinces: ReadonlyMap<string, MultiPolygon>, counties?: ReadonlyMap<string, MultiPolygon>): string[] {
  const lost: string[] = []
  const none: MultiPolygon = { type: 'MultiPolygon', coordinates: [] }
  for (const island of DIAOYU_ISLANDS) if (!(distanceToKm(island.lonLat, provinces.get('710000') ?? none) < 1)) lost.push(`${island.name} not in 710000`)
  for (const group of SOUTH_CHINA_SEA_GROUPS) {
    const [w, s, e, n] = group.bbox
    const inBox = (g: MultiPolygon | undefined) =>
      (g ?? none).coordinates.filter((polygon) => {
        const [x, y] = meanPoint(polygon[0])
        return x >= w && x <= e && y >= s && y <= n
      }).length
    if (inBox(provinces.get(group.province)) === 0) lost.push(`${group.name} not in ${group.province}`)
    if (counties && inBox(counties.get(group.county)) === 0) lost.push(`${group.name} not in ${group.county}`)
  }
  if (!(distanceToKm(ZENGMU_ANSHA.lonLat, provinces.get('460000') ?? none) < 5)) lost.push(`${ZENGMU_ANSHA.name} farther than 5 km from 460000`)
  return lost
}
