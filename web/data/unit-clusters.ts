// Units aggregated on a screen-space grid for low zoom levels: dots that would overlap become one
// cluster, coloured by its most common category. Pure, in the spirit of supercluster's grid pass.

export interface ClusterInput {
  id: number
  category: string
  position: [number, number] // lon, lat (WGS84)
}

export interface UnitCluster {
  key: string // the grid cell, stable for a zoom level
  position: [number, number] // mean lon, lat of the members
  count: number
  byCategory: Record<string, number>
  dominant: string // the most common category; ties go to the first seen
  ids: number[]
}

export interface ClusterOptions {
  cellPixels?: number // 48: grid cell size on screen; bigger = fewer, larger clusters
  tileSize?: number // 512: MapLibre's world size in pixels at zoom 0
}

/** Web Mercator world pixels at `zoom` for a lon/lat. */
export function worldPixels([lon, lat]: [number, number], zoom: number, tileSize = 512): [number, number] {
  const scale = tileSize * 2 ** zoom
  const sin = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180)
  return [((lon + 180) / 360) * scale, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale]
}

export function clusterUnits(units: readonly ClusterInput[], zoom: number, { cellPixels = 48, tileSize = 512 }: ClusterOptions = {}): UnitCluster[] {
  const cells = new Map<string, { lon: number; lat: number; ids: number[]; byCategory: Map<string, number> }>()
  const z = Math.floor(zoom)
  for (const unit of units) {
    const [x, y] = worldPixels(unit.position, z, tileSize)
    const key = `${z}/${Math.floor(x / cellPixels)}/${Math.floor(y / cellPixels)}`
    let cell = cells.get(key)
    if (!cell) {
      cell = { lon: 0, lat: 0, ids: [], byCategory: new Map() }
      cells.set(key, cell)
    }
    cell.lon += unit.position[0]
    cell.lat += unit.position[1]
    cell.ids.push(unit.id)
    cell.byCategory.set(unit.category, (cell.byCategory.get(unit.category) ?? 0) + 1)
  }
  return [...cells].map(([key, cell]) => {
    let dominant = ''
    let best = 0
    for (const [category, n] of cell.byCategory) {
      if (n > best) {
        best = n
        dominant = category
      }
    }
    const count = cell.ids.length
    return { key, position: [cell.lon / count, cell.lat / count], count, byCategory: Object.fromEntries(cell.byCategory), dominant, ids: cell.ids }
  })
}
