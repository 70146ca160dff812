// One area hierarchy for server and web: golden codes of every length and kind.
import { describe, expect, test } from 'vitest'
import {
  ancestorCodesOf, AreaCodeError, childCodeWithin, childLevelOf, compareLevels, isWithin, levelOfCode, parentCodeOf,
  parentLookup, townshipKindOfCode,
} from '../../../server/shared/area-codes'

describe('levelOfCode and parentCodeOf (GB/T 2260 digits)', () => {
  test.each([
    ['000000', 'country', null], // the synthetic root of a national store
    ['530000', 'province', null],
    ['530600', 'prefecture', '530000'],
    ['530626', 'county', '530600'],
    ['530602', 'county', '530600'], // 昭阳区: a 市辖区 is a county-level area
    ['429004', 'county', '429000'], // 仙桃市 under 省直辖县级行政区划
    ['110101', 'county', '110100'], // 东城区 under 北京 市辖区
    ['110100', 'prefecture', '110000'],
    ['530626101', 'township', '530626'],
    ['530602001', 'township', '530602'], // a 街道
    ['530626101001', 'village', '530626101'],
  ] as const)('%s is a %s in %s', (code, level, parent) => {
    expect(levelOfCode(code)).toBe(level)
    expect(parentCodeOf(code)).toBe(parent)
  })

  test.each(['53062', '5306261', '53062610100', 'abcdef', '', '530626101001001'])('%j is refused with a message naming it', (code) => {
    expect(() => levelOfCode(code)).toThrow(AreaCodeError)
    expect(() => levelOfCode(code)).toThrow(JSON.stringify(code))
  })
})

describe('townshipKindOfCode', () => {
  test.each([
    ['530602001', '街道'],
    ['530602099', '街道'],
    ['530626101', '镇'],
    ['530626201', '乡'],
    ['530626400', '其他'],
  ] as const)('%s is a %s', (code, kind) => expect(townshipKindOfCode(code)).toBe(kind))

  test('a county code is not a township', () => expect(() => townshipKindOfCode('530626')).toThrow('530626 is not a township code'))
})

describe('level order', () => {
  test('province above prefecture above county above township above village', () => {
    expect(compareLevels('province', 'county')).toBeLessThan(0)
    expect(compareLevels('village', 'township')).toBeGreaterThan(0)
    expect(compareLevels('county', 'county')).toBe(0)
    expect(childLevelOf('county')).toBe('township')
    expect(childLevelOf('country')).toBe('province')
    expect(compareLevels('country', 'province')).toBeLessThan(0)
    expect(childLevelOf('village')).toBeNull()
  })
})

describe('isWithin', () => {
  test('by digits', () => {
    expect(isWithin('530626101001', '530000')).toBe(true)
    expect(isWithin('530626101', '530626')).toBe(true)
    expect(isWithin('530626', '530626')).toBe(true)
    expect(isWithin('530628', '530626')).toBe(false)
    expect(isWithin('530626', '530626101')).toBe(false)
    expect(isWithin('429004', '420000')).toBe(true)
    expect(ancestorCodesOf('530626101')).toEqual(['530626101', '530626', '530600', '530000'])
  })

  test('a national store links its provinces to the country', () => {
    const parentOf = parentLookup(new Map([['530000', { parent: '000000' }], ['000000', { parent: null }]]))
    expect(ancestorCodesOf('530626', parentOf)).toEqual(['530626', '530600', '530000', '000000'])
  })

  test('stored parent links win over digits; unknown codes fall back to digits', () => {
    // An imported development zone hung under a county whose digits it does not share.
    const parentOf = parentLookup(new Map([
      ['530699', { parent: '530626' }],
      ['530626', { parent: '530600' }],
    ]))
    expect(isWithin('530699', '530626', parentOf)).toBe(true)
    expect(isWithin('530699', '530626')).toBe(false)
    expect(isWithin('530626101', '530626', parentOf)).toBe(true)
  })

  test('a cycle in stored parents ends', () => {
    const parentOf = parentLookup(new Map([['530626', { parent: '530602' }], ['530602', { parent: '530626' }]]))
    expect(isWithin('530626', '530000', parentOf)).toBe(false)
  })

  test('childCodeWithin names the child of the parent on the way up', () => {
    expect(childCodeWithin('530626101001', '530600')).toBe('530626')
    expect(childCodeWithin('530626', '530626')).toBeNull()
    expect(childCodeWithin('530628101', '530626')).toBeNull()
  })
})
