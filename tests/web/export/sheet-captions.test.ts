import { describe, expect, it } from 'vitest'
import { countedUnitsPhrase, sampleNoticeOf, sheetSubtitle } from '../../../web/export/sheet-captions'

describe('sheetSubtitle', () => {
  const parts = { schemeName: '七进', measureTitle: '示范单位总数 (县级及以上)', year: 2025 }

  it('names no categories without a filter', () => {
    expect(sheetSubtitle({ ...parts, categories: null })).toBe('七进 · 示范单位总数 (县级及以上) · 截至 2025 年底')
  })

  it('names the categories shown when filtered', () => {
    expect(sheetSubtitle({ ...parts, categories: ['学校', '社区'] })).toBe('七进 · 学校、社区 · 示范单位总数 (县级及以上) · 截至 2025 年底')
  })
})

describe('sampleNoticeOf', () => {
  it('says what is made up, or nothing', () => {
    expect(sampleNoticeOf({ units: false, corridors: false })).toBeNull()
    expect(sampleNoticeOf({ units: true, corridors: false })).toBe('示例数据：单位名称与位置为演示用虚构数据')
    expect(sampleNoticeOf({ units: false, corridors: true })).toBe('示例数据：示范走廊为演示用虚构数据')
    expect(sampleNoticeOf({ units: true, corridors: true })).toBe('示例数据：单位名称与位置、示范走廊为演示用虚构数据')
  })
})

describe('countedUnitsPhrase', () => {
  it('the named statuses read as 已命名; others are listed', () => {
    expect(countedUnitsPhrase('县级', ['命名', '复查'])).toBe('县级及以上已命名单位')
    expect(countedUnitsPhrase('市级', ['复查', '命名'])).toBe('市级及以上已命名单位')
    expect(countedUnitsPhrase('县级', ['培育', '申报'])).toBe('县级及以上、状态为培育、申报的单位')
    expect(countedUnitsPhrase('县级', ['命名'])).toBe('县级及以上、状态为命名的单位')
  })
})
