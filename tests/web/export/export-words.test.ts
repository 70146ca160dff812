// The print layout's words: every key in both languages with the same placeholders, English free of Chinese
// (names of areas, schemes and categories are data and come in through placeholders), and the layout's
// captions in English.
import { describe, expect, it } from 'vitest'
import { areaLevelWord, EXPORT_WORDS, exportWord, monthOf } from '../../../web/export/export-words'
import { countedUnitsPhrase, sampleNoticeOf, sheetSubtitle } from '../../../web/export/sheet-captions'
import { undrawnNote } from '../../../web/export/sheet-legend'

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('EXPORT_WORDS', () => {
  it('has every word in both languages with the same placeholders', () => {
    for (const [key, words] of Object.entries(EXPORT_WORDS)) {
      expect(words.zh, key).not.toBe('')
      expect(words.en, key).not.toBe('')
      expect(placeholders(words.en), key).toEqual(placeholders(words.zh))
    }
  })

  it('prints no Chinese in English', () => {
    for (const [key, words] of Object.entries(EXPORT_WORDS)) expect(words.en, key).not.toMatch(CJK)
  })

  it('fills placeholders', () => {
    expect(exportWord('zh', 'title', { area: '绥江县' })).toBe('绥江县民族团结进步创建示范单位分布图')
    expect(exportWord('en', 'title', { area: '绥江县' })).toBe('Ethnic Unity Demonstration Units in 绥江县')
    expect(exportWord('en', 'reviewNumber', { number: 'GS(2024)1234' })).toBe('Map review No.: GS(2024)1234')
    expect(exportWord('en', 'unreviewedMarking')).toBe('Internal use only · not reviewed · not for publication')
    expect(exportWord('zh', 'unreviewedMarking')).toBe('内部用图 未经审核 不得公开')
  })

  it('names area levels and months', () => {
    expect(areaLevelWord('zh', 'county')).toBe('县（市、区）')
    expect(areaLevelWord('en', 'township')).toBe('Township')
    expect(areaLevelWord('en', undefined)).toBe('Area')
    expect(monthOf('zh', new Date(2025, 10, 3))).toBe('2025年11月')
    expect(monthOf('en', new Date(2025, 10, 3))).toBe('November 2025')
  })
})

describe('captions in English', () => {
  it('subtitle, counted units, sample data and undrawn notes', () => {
    expect(sheetSubtitle({ schemeName: '七进', categories: ['学校', '社区'], measureTitle: 'Named units (County level and above)', year: 2025 }, 'en')).toBe(
      '七进 · 学校, 社区 · Named units (County level and above) · as of end of 2025',
    )
    expect(countedUnitsPhrase('县级', ['命名', '复查'], 'en')).toBe('named units, County level and above')
    expect(countedUnitsPhrase('市级', ['培育'], 'en')).toBe('units of Prefecture level and above with status 培育')
    expect(sampleNoticeOf({ units: true, corridors: true }, 'en')).toBe('Sample data: unit names and locations, demonstration corridors invented for the demo')
    expect(undrawnNote({ category: '学校', count: 10, drawn: 7, withheld: 2 }, 'en')).toBe(' (of which 2 location not public, 1 without coordinates)')
    expect(undrawnNote({ category: '宗教活动场所', count: 3, drawn: 0, withheld: 3 }, 'en')).toBe(' (location not public)')
  })
})
