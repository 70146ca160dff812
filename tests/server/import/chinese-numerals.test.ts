// Years as ledgers write them in 公文 style: Chinese numerals read digit by digit, months and days with 十.
// A golden table of cells and what parseYear makes of each: a year, or the reason naming the cell.
import { describe, expect, it } from 'vitest'
import { arabicNumerals, numeralValue } from '../../../server/import/chinese-numerals'
import { parseYear } from '../../../server/import/values'

const REPORTING_YEAR = 2024

/** cell → the year read, or the reason it is refused. */
const GOLDEN: readonly [string, number | string][] = [
  ['二〇二一年', 2021],
  ['二零二一年', 2021],
  ['二○二一年', 2021], // ○ (U+25CB), typed for 〇 where the font lacks it
  ['二〇二一', 2021],
  ['二〇二一年度', 2021],
  ['二〇二一年五月', 2021],
  ['二〇二一年十二月三十一日', 2021],
  ['二〇一九年十月一日', 2019],
  ['2021年', 2021],
  ['２０２１', 2021],
  ['２０２１年', 2021],
  [' 二〇二一 年 ', 2021],
  ['一九八八年', 1988],
  ['二〇二四年', 2024],
  // refused, each naming the cell as written and what was expected
  ['二〇二', '命名年份“二〇二”无法识别（应为 4 位年份，如 2021、2021年、二〇二一年、2021-05-01）'],
  ['二十一年', '命名年份“二十一年”无法识别（应为 4 位年份，如 2021、2021年、二〇二一年、2021-05-01）'],
  ['二〇二一年十三月', '命名年份“二〇二一年十三月”不是有效日期'],
  ['二〇二一年二十二月', '命名年份“二〇二一年二十二月”不是有效日期'],
  ['二〇二一年十十月', '命名年份“二〇二一年十十月”无法识别（应为 4 位年份，如 2021、2021年、二〇二一年、2021-05-01）'],
  ['前年', '命名年份“前年”无法识别（应为 4 位年份，如 2021、2021年、二〇二一年、2021-05-01）'],
  ['一九八五年', '命名年份 1985 早于 1988 年（首次全国民族团结进步表彰），不可能'],
  ['二〇三〇年', '命名年份 2030 晚于报告年份 2024，不可能'],
]

describe('parseYear with Chinese numerals and full-width digits (golden)', () => {
  it.each(GOLDEN)('%s → %s', (cell, expected) => {
    const parsed = parseYear(cell, REPORTING_YEAR)
    expect(parsed.ok ? parsed.value : parsed.reason).toBe(expected)
  })
})

describe('arabicNumerals', () => {
  it('writes digit-by-digit years, and months and days with 十, in Arabic digits', () => {
    expect(arabicNumerals('二〇二一年十二月三十一日')).toBe('2021年12月31日')
    expect(arabicNumerals('二零二一年五月')).toBe('2021年5月')
    expect(arabicNumerals('十月')).toBe('10月')
    expect(arabicNumerals('二十日')).toBe('20日')
  })

  it('keeps what is not a numeral, and a run it cannot read, as written', () => {
    expect(arabicNumerals('2021年度')).toBe('2021年度')
    expect(arabicNumerals('去年')).toBe('去年')
    expect(arabicNumerals('十十月')).toBe('十十月')
    expect(numeralValue('二二十')).toBeNull()
    expect(numeralValue('十')).toBe('10')
    expect(numeralValue('〇')).toBe('0')
  })
})
