import { describe, expect, it } from 'vitest'
import { formatDate, formatNumber, levelName, measureLabel, measureTitleEn, MESSAGES, statusName, t } from '../../../web/dashboard/i18n'
import { MEASURES } from '../../../web/data/measures'

describe('i18n', () => {
  it('has every message in both languages', () => {
    for (const [key, message] of Object.entries(MESSAGES)) {
      expect(message.zh, key).not.toBe('')
      expect(message.en, key).not.toBe('')
      // The same placeholders in both languages.
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
      expect(names(message.en), key).toEqual(names(message.zh))
    }
  })

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('zh', 'asOf', { year: 2024 })).toBe('截至 2024 年底')
    expect(t('en', 'asOf', { year: 2024 })).toBe('as of end of 2024')
    expect(t('en', 'asOf')).toBe('as of end of {year}')
  })

  it('translates levels, statuses and measures, not categories', () => {
    expect(levelName('zh', '省级')).toBe('省级')
    expect(levelName('en', '省级')).toBe('Provincial')
    expect(statusName('en', '培育')).toBe('Cultivating')
    for (const m of MEASURES) {
      expect(measureLabel('zh', m.id, m.label)).toBe(m.label)
      expect(measureLabel('en', m.id, m.label)).toMatch(/^[A-Z]/)
    }
    expect(measureTitleEn('categoriesCovered', '县级', '七进', 7)).toBe('七进 categories covered (of 7)')
  })

  it('formats numbers and dates for the locale', () => {
    expect(formatNumber('en', 12345.678, 1)).toBe('12,345.7')
    expect(formatNumber('zh', 12345)).toBe('12,345')
    expect(formatDate('zh', '2027-03-05')).toBe('2027年3月5日')
    expect(formatDate('en', '2027-03-05')).toBe('5 Mar 2027')
  })
})
