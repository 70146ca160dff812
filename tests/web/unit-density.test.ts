import { describe, expect, it } from 'vitest'
import { DENSITY_HEX_RADIUS_KM, unitDensity } from '../../web/data/unit-density'

// Three units within a few km of each other, two more together 55 km to the north-east, one alone.
const POINTS = [
  [104, 28],
  [104.01, 28.005],
  [104.02, 28],
  [104.5, 28.3],
  [104.51, 28.3],
  [103.8, 27.9],
].map((position) => ({ position: position as [number, number] }))

describe('unitDensity', () => {
  it('counts units per 6 km hexagon', () => {
    expect(DENSITY_HEX_RADIUS_KM).toBe(6)
    const { bins } = unitDensity(POINTS, 'zh')
    expect(bins.map((b) => [b.key, b.count])).toEqual([
      ['0,0', 3],
      ['3,4', 2],
      ['-1,-1', 1],
    ])
  })

  it('classes the counts on PuBuGn, one legend row per class, the same object colouring the hexagons', () => {
    const { scale } = unitDensity(POINTS, 'zh')
    expect(scale.legend.map((row) => [row.label, row.css])).toEqual([
      ['1', '#dbd8ea'],
      ['2', '#4a9ac5'],
      ['3', '#015544'],
    ])
    expect(scale.colourOf(3)).toEqual(scale.legend[2].rgba)
  })

  it('titles the legend in the view’s language', () => {
    expect(unitDensity(POINTS, 'zh').scale.title).toBe('单位密度（每六边形，半径 6 km）')
    expect(unitDensity(POINTS, 'en').scale.title).toBe('Unit density (per hexagon, 6 km)')
  })

  it('no units: no hexagons and no legend rows', () => {
    const { bins, scale } = unitDensity([], 'zh')
    expect(bins).toEqual([])
    expect(scale.legend).toEqual([])
  })
})
