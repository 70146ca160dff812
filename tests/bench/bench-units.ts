// Stores for the benchmarks: the demo (昭通市, 11 counties, schematic townships) plus `count` seeded units at
// random points inside random townships, marked 示例数据 (sample).
import { booleanPointInPolygon } from '@turf/turf'
import type { AtlasStore } from '../../server/db/store'
import { pick, seededRandom } from '../../server/geo/prng'
import { seedDemo } from '../../server/seed/seed-store'
import { HONOUR_LEVELS, type Area, type HonourLevel, type Unit, type UnitStatus } from '../../server/shared/domain'

/** Seeds the demo and `count` more units into `store`; the number of townships they were spread over. */
export function seedDemoWithUnits(store: AtlasStore, count: number): number {
  seedDemo(store, new Date().toISOString().slice(0, 10))
  const townships = store
    .snapshot()
    .areas.filter((a) => a.level === 'township' && a.geometry !== null)
    .map((a) => ({ code: a.code, geometry: a.geometry as NonNullable<typeof a.geometry> }))
  store.loadDataset({ areas: [], schemes: [], units: loadUnits(townships, count), targets: [], inspections: [] }, 'bench')
  return townships.length
}

const CATEGORIES = ['机关', '企业', '社区', '乡镇', '学校', '连队', '宗教活动场所']
const STATUSES: UnitStatus[] = ['命名', '命名', '命名', '复查', '培育', '申报', '推荐', '撤销']

/** `count` units at random points inside random townships, seeded. */
function loadUnits(townships: { code: string; geometry: NonNullable<Area['geometry']> }[], count: number): Unit[] {
  const random = seededRandom(100_000)
  const units: Unit[] = []
  for (let i = 0; i < count; i++) {
    const town = pick(random, townships)
    const [minX, minY, maxX, maxY] = bboxOf(town.geometry)
    let lon = 0
    let lat = 0
    for (let tries = 0; tries < 1000; tries++) {
      lon = minX + random() * (maxX - minX)
      lat = minY + random() * (maxY - minY)
      if (booleanPointInPolygon([lon, lat], town.geometry)) break
    }
    const status = pick(random, STATUSES)
    const named = status === '命名' || status === '复查' || status === '撤销'
    const level: HonourLevel | null = named ? HONOUR_LEVELS[Math.min(3, Math.floor(-Math.log2(random() + 1e-9) * 0.8))] : null
    const yearNamed = named ? 2012 + Math.floor(random() * 14) : null
    units.push({
      id: i + 1,
      name: `负载单位${i + 1}`,
      category: pick(random, CATEGORIES),
      level,
      status,
      yearNamed,
      lon: Math.round(lon * 1e6) / 1e6,
      lat: Math.round(lat * 1e6) / 1e6,
      areaCode: town.code,
      address: '',
      contact: '',
      notes: '负载测试数据',
      sample: true,
      history: yearNamed ? [{ at: `${yearNamed}-06-01`, from: null, to: '命名', by: 'bench', reason: '' }] : [],
    })
  }
  return units
}

function bboxOf(geometry: { coordinates: number[][][][] }): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const polygon of geometry.coordinates) for (const [x, y] of polygon[0]) {
    minX = Math.min(minX, x)
    minY = Math.min(minY, y)
    maxX = Math.max(maxX, x)
    maxY = Math.max(maxY, y)
  }
  return [minX, minY, maxX, maxY]
}
