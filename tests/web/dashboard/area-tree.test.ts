import { describe, expect, it } from 'vitest'
import { areaLevelOfCode, childCodeWithin, childLevelOf, isWithin, parentCodeOf } from '../../../web/dashboard/area-tree'

describe('area tree by code', () => {
  it('reads the level and parent from the digits', () => {
    expect(['530000', '530600', '530626', '530626101', '530626101001'].map(areaLevelOfCode)).toEqual(['province', 'prefecture', 'county', 'township', 'village'])
    expect(['530000', '530600', '530626', '530626101', '530626101001'].map(parentCodeOf)).toEqual([null, '530000', '530600', '530626', '530626101'])
    expect(() => areaLevelOfCode('5306')).toThrow(/5306/)
  })

  it('steps down one level at a time, and stops at the village', () => {
    expect(childLevelOf('prefecture')).toBe('county')
    expect(childLevelOf('county')).toBe('township')
    expect(childLevelOf('village')).toBeNull()
  })

  it('finds the child of an area that a code lies in', () => {
    expect(childCodeWithin('530626101001', '530600')).toBe('530626')
    expect(childCodeWithin('530626101', '530626')).toBe('530626101')
    expect(childCodeWithin('530626', '530626')).toBeNull()
    expect(childCodeWithin('530602101', '530626')).toBeNull()
    expect(isWithin('530626101', '530600')).toBe(true)
    expect(isWithin('530602101', '530626')).toBe(false)
  })
})
