import { describe, expect, it } from 'vitest'
import type { Area, Unit } from '../../../server/shared/domain'
import { ancestorsOf, buildAreaIndex, joinUnitsToAreas, type JoinResult } from '../../../server/geo/join'
import { areas, unit } from '../../fixtures/geo/areas'

const index = buildAreaIndex(areas)

const inZhongcheng: [number, number] = [103.9, 28.6] // 中城镇, a schematic cell of 绥江县
const inNan_an: [number, number] = [104.05, 28.6] // 南岸镇, the other schematic cell of 绥江县
const inZhenxiong: [number, number] = [104.2, 28.6] // 镇雄县, surveyed, no township cells
const inJiaokui: [number, number] = [104.45, 28.6] // 角奎镇, a surveyed township of 彝良县
const nowhere: [number, number] = [110, 30]

function joinOne(u: Unit): JoinResult {
  return joinUnitsToAreas([u], areas, index)
}

describe('buildAreaIndex', () => {
  it('indexes the deepest areas with geometry in each branch', () => {
    expect(index.leaves.map((leaf) => leaf.code)).toEqual(['530626101', '530626102', '530627', '530628100', '530628101'])
    expect(index.areasByCode.get('530626101201')?.name).toBe('中城社区')
  })

  it('names an area whose geometry cannot be indexed', () => {
    const broken: Area = {
      ...areas[6],
      geometry: { type: 'MultiPolygon', coordinates: [[[[104.1, 28.5], [104.4, Number.POSITIVE_INFINITY], [104.1, 28.5]]]] },
    }
    expect(() => buildAreaIndex(areas.map((a) => (a.code === broken.code ? broken : a)))).toThrow(
      'area 530627 镇雄县: geometry part 0, ring 0, position 1: [104.4, Infinity] is not a finite lon/lat pair',
    )
  })

  it('names a code used twice', () => {
    const twice: Area = { ...areas[2], name: '绥江' }
    expect(() => buildAreaIndex([...areas, twice])).toThrow('area code 530626 is used twice: 绥江县 and 绥江')
  })
})

describe('ancestorsOf', () => {
  it('lists the parent chain, parent first', () => {
    expect(ancestorsOf('530626101201', index.areasByCode).map((a) => a.code)).toEqual([
      '530626101',
      '530626',
      '530600',
      '530000',
    ])
    expect(ancestorsOf('530000', index.areasByCode)).toEqual([])
  })

  it('stops where a parent code is not a known area', () => {
    const orphan: Area = { ...areas[6], code: '999999', parent: '990000' }
    expect(ancestorsOf('999999', new Map([['999999', orphan]]))).toEqual([])
  })

  it('names a parent chain that loops', () => {
    const looping = new Map<string, Area>([
      ['1', { ...areas[0], code: '1', parent: '2' }],
      ['2', { ...areas[0], code: '2', parent: '1' }],
    ])
    expect(() => ancestorsOf('1', looping)).toThrow('the parent chain of area 1 loops: 1 → 2 → 1')
  })
})

describe('joinUnitsToAreas', () => {
  it('takes the located area when the ledger names none', () => {
    expect(joinOne(unit(1, '中城镇第一小学', inZhongcheng, null))).toEqual({
      joins: [{ unitId: 1, areaCode: '530626101', method: 'point' }],
      issues: [],
    })
  })

  it('takes the located area and reports a claimed code that is not a known area', () => {
    expect(joinOne(unit(2, '中城镇卫生院', inZhongcheng, '530699'))).toEqual({
      joins: [{ unitId: 2, areaCode: '530626101', method: 'point' }],
      issues: [
        {
          unitId: 2,
          kind: 'unknown-area',
          claimed: '530699',
          located: '530626101',
          message:
            "unit 2 (中城镇卫生院): the ledger's area code 530699 is not a known area; point 103.9, 28.6 lies in 530626101 中城镇",
        },
      ],
    })
  })

  it('agrees when the ledger names the located area or one of its ancestors, and takes the located area', () => {
    const units = [
      unit(3, '甲', inZhongcheng, '530626101'),
      unit(4, '乙', inZhongcheng, '530626'),
      unit(5, '丙', inZhenxiong, '530000'),
    ]
    expect(joinUnitsToAreas(units, areas, index)).toEqual({
      joins: [
        { unitId: 3, areaCode: '530626101', method: 'point' },
        { unitId: 4, areaCode: '530626101', method: 'point' },
        { unitId: 5, areaCode: '530627', method: 'point' },
      ],
      issues: [],
    })
  })

  it('agrees when the ledger names an area inside the located one, and takes the deeper claimed area', () => {
    const units = [unit(6, '乌峰街道社区', inZhenxiong, '530627001'), unit(7, '中城社区居委会', inZhongcheng, '530626101201')]
    expect(joinUnitsToAreas(units, areas, index)).toEqual({
      joins: [
        { unitId: 6, areaCode: '530627001', method: 'code' },
        { unitId: 7, areaCode: '530626101201', method: 'code' },
      ],
      issues: [],
    })
  })

  it('trusts the ledger over a schematic cell of the same county', () => {
    expect(joinOne(unit(8, '南岸镇中学', inZhongcheng, '530626102'))).toEqual({
      joins: [{ unitId: 8, areaCode: '530626102', method: 'code' }],
      issues: [],
    })
  })

  it('trusts the ledger naming a village of another schematic cell of the same county', () => {
    expect(joinOne(unit(19, '中城社区文化室', inNan_an, '530626101201'))).toEqual({
      joins: [{ unitId: 19, areaCode: '530626101201', method: 'code' }],
      issues: [],
    })
  })

  it('takes the surveyed point over a ledger naming a sibling of a surveyed township, and reports it', () => {
    const { joins, issues } = joinOne(unit(20, '洛泽河小学', inJiaokui, '530628101'))
    expect(joins).toEqual([{ unitId: 20, areaCode: '530628100', method: 'point' }])
    expect(issues.map(({ kind, claimed, located }) => ({ kind, claimed, located }))).toEqual([
      { kind: 'area-mismatch', claimed: '530628101', located: '530628100' },
    ])
  })

  it('takes the surveyed point over a ledger naming another county, and reports the mismatch', () => {
    expect(joinOne(unit(17, '绥江县中城镇民族小学', inZhenxiong, '530626101'))).toEqual({
      joins: [{ unitId: 17, areaCode: '530627', method: 'point' }],
      issues: [
        {
          unitId: 17,
          kind: 'area-mismatch',
          claimed: '530626101',
          located: '530627',
          message: 'unit 17 (绥江县中城镇民族小学): point 104.2, 28.6 lies in 530627 镇雄县 but the ledger says 530626101 中城镇',
        },
      ],
    })
  })

  it('reports a mismatch between a schematic cell and a ledger naming another county', () => {
    const { joins, issues } = joinOne(unit(9, '乌峰小学', inZhongcheng, '530627001'))
    expect(joins).toEqual([{ unitId: 9, areaCode: '530626101', method: 'point' }])
    expect(issues.map(({ kind, claimed, located }) => ({ kind, claimed, located }))).toEqual([
      { kind: 'area-mismatch', claimed: '530627001', located: '530626101' },
    ])
  })

  it('falls back on a known claimed area for a point outside every area, and reports it', () => {
    expect(joinOne(unit(10, '外地企业', nowhere, '530627'))).toEqual({
      joins: [{ unitId: 10, areaCode: '530627', method: 'code' }],
      issues: [
        {
          unitId: 10,
          kind: 'outside-all-areas',
          claimed: '530627',
          located: null,
          message: "unit 10 (外地企业): point 110, 30 lies outside every area; using the ledger's 530627 镇雄县",
        },
      ],
    })
  })

  it('gives no area to a point outside every area without a known claimed area', () => {
    const { joins, issues } = joinUnitsToAreas(
      [unit(11, '无码单位', nowhere, null), unit(12, '错码单位', nowhere, '999999')],
      areas,
      index,
    )
    expect(joins).toEqual([
      { unitId: 11, areaCode: null, method: 'none' },
      { unitId: 12, areaCode: null, method: 'none' },
    ])
    expect(issues.map(({ unitId, kind }) => ({ unitId, kind }))).toEqual([
      { unitId: 11, kind: 'outside-all-areas' },
      { unitId: 12, kind: 'outside-all-areas' },
      { unitId: 12, kind: 'unknown-area' },
    ])
  })

  it('takes a known claimed area for a unit without coordinates', () => {
    expect(joinOne(unit(13, '无坐标学校', null, '530626102'))).toEqual({
      joins: [{ unitId: 13, areaCode: '530626102', method: 'code' }],
      issues: [],
    })
  })

  it('reports an unknown claimed area for a unit without coordinates', () => {
    expect(joinOne(unit(14, '无坐标医院', null, '530699'))).toEqual({
      joins: [{ unitId: 14, areaCode: null, method: 'none' }],
      issues: [
        {
          unitId: 14,
          kind: 'unknown-area',
          claimed: '530699',
          located: null,
          message: "unit 14 (无坐标医院): the ledger's area code 530699 is not a known area, and the unit has no coordinates",
        },
      ],
    })
  })

  it('reports a unit with neither coordinates nor area code', () => {
    expect(joinOne(unit(15, '无名单位', null, null))).toEqual({
      joins: [{ unitId: 15, areaCode: null, method: 'none' }],
      issues: [
        { unitId: 15, kind: 'no-location', claimed: null, located: null, message: 'unit 15 (无名单位): no coordinates and no area code' },
      ],
    })
  })

  it('treats half a coordinate pair, or one that is not a number, as no coordinates', () => {
    const half = { ...unit(16, '半坐标', inZhenxiong, null), lat: null }
    const notANumber = { ...unit(18, '坏坐标', inZhenxiong, '530626'), lon: Number.NaN }
    expect(joinUnitsToAreas([half, notANumber], areas, index).joins).toEqual([
      { unitId: 16, areaCode: null, method: 'none' },
      { unitId: 18, areaCode: '530626', method: 'code' },
    ])
  })

  it('refuses an index built from another list of areas', () => {
    expect(() => joinUnitsToAreas([], areas.slice(1), index)).toThrow(
      'the area index was built from another list of areas (11 areas) than the one given (10 areas)',
    )
  })
})
