import { describe, expect, it } from 'vitest'
import { areaChainAt } from '../../../server/geo/area-query'
import { buildAreaIndex } from '../../../server/geo/join'
import { areas } from '../../fixtures/geo/areas'

const index = buildAreaIndex(areas)

describe('areaChainAt', () => {
  it('lists the deepest area holding the point, then its ancestors', () => {
    expect(areaChainAt(index, 103.9, 28.6)).toEqual([
      { code: '530626101', name: '中城镇', level: 'township', schematic: true },
      { code: '530626', name: '绥江县', level: 'county', schematic: false },
      { code: '530600', name: '昭通市', level: 'prefecture', schematic: false },
      { code: '530000', name: '云南省', level: 'province', schematic: false },
    ])
  })

  it('stops at a county without township geometry', () => {
    expect(areaChainAt(index, 104.2, 28.6).map((a) => a.code)).toEqual(['530627', '530600', '530000'])
  })

  it('is empty outside every area', () => {
    expect(areaChainAt(index, 110, 30)).toEqual([])
  })
})
