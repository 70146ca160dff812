import type { MultiPolygon, Position } from 'geojson'
import { describe, expect, it } from 'vitest'
import { distanceKm, isInTaiwanProvince, sanshaUnit, splitSansha } from '../../geodata/build/islands.ts'

const around = ([x, y]: Position, d = 0.01): Position[] => [[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]]

describe('三沙市 split into its NBS 2023 units', () => {
  it('puts each reef in 西沙, 中沙 or 南沙 by where it lies', () => {
    expect(sanshaUnit(around([112.34, 16.83]))).toBe('460321') // 永兴岛
    expect(sanshaUnit(around([117.77, 15.16]))).toBe('460323') // 黄岩岛
    expect(sanshaUnit(around([114.2, 15.8]))).toBe('460323') // 中沙大环礁
    expect(sanshaUnit(around([113.86, 19.2]))).toBe('460323') // 一统暗沙
    expect(sanshaUnit(around([112.27, 3.96]))).toBe('460322') // 曾母暗沙
    expect(sanshaUnit(around([114.36, 10.38]))).toBe('460322') // 太平岛
  })

  it('keeps every polygon', () => {
    const sansha: MultiPolygon = { type: 'MultiPolygon', coordinates: [[around([112.34, 16.83])], [around([117.77, 15.16])], [around([112.27, 3.96])], [around([114.36, 10.38])]] }
    const units = splitSansha(sansha)
    expect([...units.keys()].sort()).toEqual(['460321', '460322', '460323'])
    expect([...units.values()].reduce((n, u) => n + u.coordinates.length, 0)).toBe(4)
  })
})

describe('台湾省 as NBS counts it', () => {
  it('holds 台湾岛, 澎湖, 钓鱼岛 and 赤尾屿 but not 东沙岛 or 太平岛', () => {
    expect(isInTaiwanProvince(around([121, 23.5]))).toBe(true)
    expect(isInTaiwanProvince(around([119.6, 23.6]))).toBe(true)
    expect(isInTaiwanProvince(around([123.47, 25.74]))).toBe(true)
    expect(isInTaiwanProvince(around([124.56, 25.92]))).toBe(true)
    expect(isInTaiwanProvince(around([116.72, 20.7]))).toBe(false)
    expect(isInTaiwanProvince(around([114.36, 10.37]))).toBe(false)
  })

  it('measures distance in km', () => {
    expect(distanceKm([0, 0], [0, 1])).toBeCloseTo(111.2, 1)
  })
})
