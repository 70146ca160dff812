import { describe, expect, it } from 'vitest'
import { PlanningInputError } from '../../../../server/geo/planning/input-checks'
import { categoryPromotions } from '../../../../server/geo/planning/category-completeness'

describe('categoryPromotions', () => {
  it('fills each gap once, with the preferred candidate, and lists the gaps nothing can fill', () => {
    // 盐津县 lacks 学校 and 企业; 绥江县 lacks 社区.
    // 学校 in 盐津县: u3 has priority 2, u1 none (0): u3. 企业: u10 and u2, equal priority: the lower id, and
    // as strings "u10" < "u2". 社区 in 绥江县: only a 机关 candidate there and a 社区 one elsewhere: unfillable.
    const result = categoryPromotions({
      areas: [
        { areaCode: '530623', missing: ['学校', '企业'] },
        { areaCode: '530626', missing: ['社区'] },
      ],
      candidates: [
        { id: 'u1', areaCode: '530623', category: '学校' },
        { id: 'u2', areaCode: '530623', category: '企业', priority: 1 },
        { id: 'u3', areaCode: '530623', category: '学校', priority: 2 },
        { id: 'u10', areaCode: '530623', category: '企业', priority: 1 },
        { id: 'u5', areaCode: '530626', category: '机关' },
        { id: 'u9', areaCode: '530602', category: '社区' },
      ],
    })
    expect(result).toEqual({
      promotions: [
        { candidateId: 'u3', areaCode: '530623', category: '学校' },
        { candidateId: 'u10', areaCode: '530623', category: '企业' },
      ],
      unfillable: [{ areaCode: '530626', category: '社区' }],
      gapCount: 3,
      filledCount: 2,
    })
  })

  it('counts a category listed twice as one gap', () => {
    const result = categoryPromotions({
      areas: [{ areaCode: 'A', missing: ['学校', '学校'] }],
      candidates: [{ id: 'x', areaCode: 'A', category: '学校' }],
    })
    expect(result).toMatchObject({ gapCount: 1, filledCount: 1, unfillable: [] })
  })

  it('answers no areas with no promotions', () => {
    expect(categoryPromotions({ areas: [], candidates: [] })).toEqual({
      promotions: [],
      unfillable: [],
      gapCount: 0,
      filledCount: 0,
    })
  })

  it('names duplicate areas and candidates', () => {
    expect(() =>
      categoryPromotions({ areas: [{ areaCode: 'A', missing: [] }, { areaCode: 'A', missing: ['学校'] }], candidates: [] }),
    ).toThrow(new PlanningInputError('area 1: areaCode "A" is already listed as area 0 (expected each area once)'))
    expect(() =>
      categoryPromotions({
        areas: [],
        candidates: [
          { id: 'x', areaCode: 'A', category: '学校' },
          { id: 'x', areaCode: 'B', category: '学校' },
        ],
      }),
    ).toThrow(new PlanningInputError('candidate 1: id "x" is already used by candidate 0 (expected unique ids)'))
  })
})
