// Units counted in pointy-top hexagons of a fixed ground size, for the density layer. Pure; lon/lat are
// projected with a local equirectangular projection around `origin`, exact enough at prefecture scale.

export interface HexBin {
  key: string // "q,r" axial coordinates
  centre: [number, number] // lon, lat
  ring: [number, number][] // the 6 corners, lon/lat, closed (7 points)
  count: number
}

export interface HexBinOptions {
  radiusKm?: number // 5: centre-to-corner distance
  origin?: [number, number] // the first point: where the projection is true to scale
}

const KM_PER_DEGREE_LAT = 110.574
const KM_PER_DEGREE_LON_AT_EQUATOR = 111.32

export function hexBins(points: readonly [number, number][], { radiusKm = 5, origin }: HexBinOptions = {}): HexBin[] {
  if (points.length === 0) return []
  const [lon0, lat0] = origin ?? points[0]
  const kx = KM_PER_DEGREE_LON_AT_EQUATOR * Math.cos((lat0 * Math.PI) / 180)
  const ky = KM_PER_DEGREE_LAT
  const size = radiusKm
  const counts = new Map<string, { q: number; r: number; count: number }>()
  for (const [lon, lat] of points) {
    const x = (lon - lon0) * kx
    const y = (lat - lat0) * ky
    const [q, r] = axialRound(((Math.sqrt(3) / 3) * x - (1 / 3) * y) / size, ((2 / 3) * y) / size)
    const key = `${q},${r}`
    const bin = counts.get(key)
    if (bin) bin.count++
    else counts.set(key, { q, r, count: 1 })
  }
  const toLonLat = (x: number, y: number): [number, number] => [lon0 + x / kx, lat0 + y / ky]
  return [...counts].map(([key, { q, r, count }]) => {
    const cx = size * Math.sqrt(3) * (q + r / 2)
    const cy = size * 1.5 * r
    const ring = Array.from({ length: 7 }, (_, i) => {
      const angle = (Math.PI / 3) * (i % 6) + Math.PI / 6
      return toLonLat(cx + size * Math.cos(angle), cy + size * Math.sin(angle))
    })
    return { key, centre: toLonLat(cx, cy), ring, count }
  })
}

/** Rounds fractional axial coordinates to the hexagon that contains them (via cube coordinates). */
function axialRound(q: number, r: number): [number, number] {
  const s = -q - r
  let rq = Math.round(q)
  let rr = Math.round(r)
  const rs = Math.round(s)
  const dq = Math.abs(rq - q)
  const dr = Math.abs(rr - r)
  const ds = Math.abs(rs - s)
  if (dq > dr && dq > ds) rq = -rr - rs
  else if (dr > ds) rr = -rq - rs
  return [rq + 0, rr + 0] // + 0 turns -0 into 0 for the key
}
