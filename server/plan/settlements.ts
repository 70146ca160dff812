// Demand for the demo: sample settlements (示例数据) scattered inside each township, carrying the
// township's sample population. Real settlements arrive as a --demand file or in the plan request.
import { booleanPointInPolygon } from '@turf/turf'
import type { Area } from '../shared/domain'
import { seededRandom } from '../geo/prng'
import type { DemandPoint } from '../geo/planning/mclp'

export interface SettlementOptions {
  perTownship?: number // 5: points per township, sharing its population
  seed?: number // 530600: same settlements on every run and machine
}

export interface Settlement extends DemandPoint {
  name: string
  areaCode: string
  sample: true
}

export function sampleSettlements(townships: readonly Area[], { perTownship = 5, seed = 530600 }: SettlementOptions = {}): Settlement[] {
  const settlements: Settlement[] = []
  for (const township of townships) {
    const geometry = township.geometry
    if (!geometry || township.population === null || township.population <= 0) continue
    const random = seededRandom(seed ^ Number(township.code.slice(-6)))
    const [west, south, east, north] = boxOf(geometry.coordinates)
    // Uneven shares, like real villages: the first settlement (the township seat) is the largest.
    const shares = Array.from({ length: perTownship }, (_, i) => (i === 0 ? 3 : 0.5 + random()))
    const shareSum = shares.reduce((a, b) => a + b, 0)
    for (let i = 0, tries = 0; i < perTownship && tries < perTownship * 200; tries++) {
      const position: [number, number] = [west + random() * (east - west), south + random() * (north - south)]
      if (!booleanPointInPolygon(position, geometry)) continue
      settlements.push({
        id: `${township.code}-${i + 1}`,
        name: `${township.name}示例居民点${i + 1}`,
        areaCode: township.code,
        position,
        weight: Math.round((township.population * shares[i]) / shareSum),
        sample: true,
      })
      i++
    }
  }
  return settlements
}

function boxOf(polygons: number[][][][]): [number, number, number, number] {
  let west = Infinity
  let south = Infinity
  let east = -Infinity
  let north = -Infinity
  for (const [outer] of polygons) {
    for (const [x, y] of outer) {
      west = Math.min(west, x)
      east = Math.max(east, x)
      south = Math.min(south, y)
      north = Math.max(north, y)
    }
  }
  return [west, south, east, north]
}
