// The 审图号 rule: what the footer of a map framed on an area prints, from the extent, the configured number
// (ATLAS_MAP_REVIEW_NUMBER) and the layout's own field.
import { describe, expect, it } from 'vitest'
import { extentOf, mapReviewPrint, needsReview } from '../../../server/shared/map-review'

const NONE = { reviewNumber: null, unreviewedMarking: null }
const CONFIGURED = { reviewNumber: 'GS(2024)1234号', unreviewedMarking: null }

describe('mapReviewPrint', () => {
  it('the layout’s number wins over the configured one, at every extent', () => {
    for (const code of ['000000', '530000', '530600', '530626', '530626101']) {
      expect(mapReviewPrint(code, ' 云S(2025)007号 ', CONFIGURED), code).toEqual({ kind: 'number', number: '云S(2025)007号', from: 'layout' })
    }
  })

  it('the configured number when the layout has none, at every extent', () => {
    for (const code of ['000000', '530000', '530600', '530626']) {
      expect(mapReviewPrint(code, null, CONFIGURED), code).toEqual({ kind: 'number', number: 'GS(2024)1234号', from: 'configured' })
      expect(mapReviewPrint(code, '  ', CONFIGURED), code).toEqual({ kind: 'number', number: 'GS(2024)1234号', from: 'configured' })
    }
  })

  it('with neither, national and provincial maps print the marking', () => {
    expect(mapReviewPrint('000000', null, NONE)).toEqual({ kind: 'marking', text: null })
    expect(mapReviewPrint('530000', null, NONE)).toEqual({ kind: 'marking', text: null })
    expect(mapReviewPrint('650000', null, { reviewNumber: null, unreviewedMarking: '内部资料 注意保存' })).toEqual({ kind: 'marking', text: '内部资料 注意保存' })
  })

  it('with neither, prefecture, county and township maps print nothing extra', () => {
    for (const code of ['530600', '530626', '530626101']) expect(mapReviewPrint(code, null, NONE), code).toEqual({ kind: 'none' })
  })
})

describe('extentOf', () => {
  it('the country, then the code’s level', () => {
    expect(extentOf('000000')).toBe('national')
    expect(extentOf('530000')).toBe('province')
    expect(extentOf('530600')).toBe('prefecture')
    expect(needsReview('000000') && needsReview('710000') && !needsReview('530600')).toBe(true)
  })
})
