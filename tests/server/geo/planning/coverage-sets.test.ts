import { describe, expect, it } from 'vitest'
import { PlanningInputError } from '../../../../server/geo/planning/input-checks'
import { coverageSets, coveredBy, coverersOf } from '../../../../server/geo/planning/coverage-sets'
import { boxesWithinKm, EARTH_RADIUS_KM, greatCircleKm, type LonLat } from '../../../../server/geo/planning/distance'
import { seededRandom } from '../../../../server/geo/prng'
import { bruteCoverage } from './random-instances'

describe('greatCircleKm', () => {
  // On a sphere of radius R, an arc of θ radians is R·θ long.
  const degree = (EARTH_RADIUS_KM * Math.PI) / 180 // 111.19508… km
  it.each<[string, LonLat, LonLat, number]>([
    ['one degree of latitude', [103, 27], [103, 28], degree],
    ['one degree of longitude on the equator', [0, 0], [1, 0], degree],
    ['a quarter of the equator', [0, 0], [90, 0], (EARTH_RADIUS_KM * Math.PI) / 2],
    ['antipodes', [0, 0], [180, 0], EARTH_RADIUS_KM * Math.PI],
    ['pole to pole', [0, 90], [0, -90], EARTH_RADIUS_KM * Math.PI],
    ['across the antimeridian, 0.2° apart', [179.9, 0], [-179.9, 0], 0.2 * degree],
    // At latitude 60° a degree of longitude is half as long; the great circle cuts a little shorter:
    // 2R·asin(cos 60° · sin 0.5°) = 55.5968… km, against 55.5975 along the parallel.
    ['one degree of longitude at 60°N', [10, 60], [11, 60], 2 * EARTH_RADIUS_KM * Math.asin(0.5 * Math.sin(Math.PI / 360))],
  ])('%s', (_, a, b, expected) => {
    expect(greatCircleKm(a, b)).toBeCloseTo(expected, 6)
    expect(greatCircleKm(b, a)).toBeCloseTo(expected, 6)
  })

  it('is zero from a point to itself', () => {
    expect(greatCircleKm([103.7, 27.3], [103.7, 27.3])).toBe(0)
  })
})

describe('boxesWithinKm', () => {
  const inAnyBox = ([lon, lat]: LonLat, boxes: ReturnType<typeof boxesWithinKm>) =>
    boxes.some(([w, s, e, n]) => lon >= w && lon <= e && lat >= s && lat <= n)

  it('holds every point within the radius, at any latitude and across the antimeridian', () => {
    const random = seededRandom(7)
    const missed: string[] = []
    for (let trial = 0; trial < 2_000; trial++) {
      const center: LonLat = [-180 + random() * 360, -89 + random() * 178]
      const radiusKm = [1, 10, 200, 3_000][trial % 4]
      const boxes = boxesWithinKm(center, radiusKm)
      // Points on the circle itself, in every direction: the extreme case for the box.
      for (let k = 0; k < 16; k++) {
        const bearing = (k / 16) * 2 * Math.PI + random()
        const point = destination(center, bearing, radiusKm * 0.999_999)
        if (!inAnyBox(point, boxes)) missed.push(`${center} r ${radiusKm} → ${point}`)
      }
    }
    expect(missed).toEqual([])
  })

  it('splits at the antimeridian and spans every longitude around a pole', () => {
    expect(boxesWithinKm([179.95, 0], 20)).toHaveLength(2)
    expect(boxesWithinKm([0, 89.95], 20)).toEqual([[-180, expect.closeTo(89.77, 1), 180, 90]])
    expect(boxesWithinKm([0, 0], 30_000)).toEqual([[-180, -90, 180, 90]])
  })
})

describe('coverageSets', () => {
  it('agrees with the pairwise test, including near the antimeridian and a pole', () => {
    const boxes: [number, number, number, number][] = [
      [103, 27, 103.5, 27.5], // a county in 云南
      [179.8, -10, 180, -9.8], // with sites just across the antimeridian
      [-30, 88.5, 30, 90], // around the North Pole
    ]
    const random = seededRandom(11)
    for (const [west, south, east, north] of boxes) {
      for (const radiusKm of [2, 8, 40]) {
        const at = (): LonLat => [west + random() * (east - west), south + random() * (north - south)]
        const demand = Array.from({ length: 400 }, (_, i) => ({ id: `d${i}`, position: at() }))
        const sites = Array.from({ length: 60 }, (_, j) => {
          const [lon, lat] = at()
          // Some sites on the other side of the antimeridian.
          return { id: `s${j}`, position: [lon > 179.9 && j % 2 === 0 ? lon - 360 + 0.15 : lon, lat] as LonLat }
        })
        const sets = coverageSets(demand, sites, radiusKm)
        const expected = bruteCoverage(demand, sites, radiusKm)
        for (let j = 0; j < sites.length; j++) expect(Array.from(coveredBy(sets, j))).toEqual([...expected[j]].sort((a, b) => a - b))
      }
    }
  })

  it('inverts to the sites covering each demand point', () => {
    const demand = [0, 0.1, 0.2].map((lon, i) => ({ id: `d${i}`, position: [lon, 0] as LonLat }))
    const sites = [0.05, 0.15].map((lon, j) => ({ id: `s${j}`, position: [lon, 0] as LonLat }))
    // 0.05° on the equator is 5.56 km, 0.15° is 16.7 km: each site reaches its two neighbours within 6 km.
    const sets = coverageSets(demand, sites, 6)
    expect(Array.from(coveredBy(sets, 0))).toEqual([0, 1])
    expect(Array.from(coveredBy(sets, 1))).toEqual([1, 2])
    const { starts, sites: coverers } = coverersOf(sets)
    expect(Array.from(starts)).toEqual([0, 1, 3, 4])
    expect(Array.from(coverers)).toEqual([0, 0, 1, 1])
  })

  it('handles no demand and no sites', () => {
    expect(coverageSets([], [{ id: 's', position: [0, 0] }], 5).demand).toHaveLength(0)
    expect(coverageSets([{ id: 'd', position: [0, 0] }], [], 5).starts).toEqual(new Int32Array([0]))
  })

  it('names the bad item, its value and what was expected', () => {
    const good = { id: 'ok', position: [103, 27] as LonLat }
    const demand = Array.from({ length: 15 }, () => good)
    demand[14] = { id: 'x', position: [1031.2, 27] }
    expect(() => coverageSets(demand, [], 5)).toThrow(
      new PlanningInputError('demand point 14 (id "x"): longitude 1031.2 is not a longitude (expected −180…180)'),
    )
    expect(() => coverageSets([good], [good, { id: 'y', position: [103, -91] }], 5, { siteKind: 'candidate' })).toThrow(
      new PlanningInputError('candidate 1 (id "y"): latitude -91 is not a latitude (expected −90…90)'),
    )
    expect(() => coverageSets([{ id: 'z', position: [NaN, 0] }], [], 5)).toThrow(
      'demand point 0 (id "z"): longitude NaN is not a longitude (expected −180…180)',
    )
    expect(() => coverageSets([{ id: 'w' } as never], [], 5)).toThrow(
      'demand point 0 (id "w"): position undefined is not a [longitude, latitude] pair',
    )
    expect(() => coverageSets([good], [], 0)).toThrow(new PlanningInputError('radius 0 km is not a radius (expected a finite number > 0)'))
    expect(() => coverageSets([good], [], NaN)).toThrow('radius NaN km is not a radius')
  })

  // Speed is measured by `npm run bench:plan`; here the size only has to finish within the test timeout.
  it('builds 100 000 × 10 000 (a pairwise test would be 10⁹ haversines)', () => {
    const random = seededRandom(3)
    const at = (): LonLat => [100 + random() * 6, 24 + random() * 5]
    const demand = Array.from({ length: 100_000 }, (_, i) => ({ id: `d${i}`, position: at() }))
    const sites = Array.from({ length: 10_000 }, (_, j) => ({ id: `s${j}`, position: at() }))
    const sets = coverageSets(demand, sites, 5)
    // π·5² km² of a ≈ 600 × 555 km box: about 0.024 % of it, so about 24 demand points a site.
    expect(sets.demand.length / sites.length).toBeGreaterThan(15)
    expect(sets.demand.length / sites.length).toBeLessThan(35)
  }, 60_000)
})

/** The point `distanceKm` from `from` along the initial bearing (radians from north). */
function destination([lon, lat]: LonLat, bearing: number, distanceKm: number): LonLat {
  const angle = distanceKm / EARTH_RADIUS_KM
  const phi = (lat * Math.PI) / 180
  const lambda = (lon * Math.PI) / 180
  const phi2 = Math.asin(Math.sin(phi) * Math.cos(angle) + Math.cos(phi) * Math.sin(angle) * Math.cos(bearing))
  const lambda2 =
    lambda + Math.atan2(Math.sin(bearing) * Math.sin(angle) * Math.cos(phi), Math.cos(angle) - Math.sin(phi) * Math.sin(phi2))
  const lon2 = ((((lambda2 * 180) / Math.PI + 540) % 360) + 360) % 360 - 180
  return [lon2, (phi2 * 180) / Math.PI]
}
