// Chinese numerals in dates → Arabic digits, as ledgers written in a 公文 style spell them:
// "二〇二一年" → "2021年", "二零二一年十二月三十一日" → "2021年12月31日". A year is written digit by digit
// (〇 and 零 are 0; ○ and ◯, typed for 〇 when the font lacks it, are too); a month or a day is a number
// up to 99 written with 十 ("十" 10, "十二" 12, "二十" 20, "三十一" 31). Nothing else is touched.

const DIGITS: Readonly<Record<string, number>> = {
  '〇': 0, '○': 0, '◯': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

const NUMERAL_RUN = /[〇○◯零一二两三四五六七八九十]+/g

/** `text` with every run of Chinese numerals written in Arabic digits; a run it cannot read is kept as written. */
export function arabicNumerals(text: string): string {
  return text.replace(NUMERAL_RUN, (run) => {
    const value = numeralValue(run)
    return value === null ? run : value
  })
}

/** "二〇二一" → "2021" (digit by digit), "十二" → "12", "三十一" → "31"; null for what is neither. */
export function numeralValue(run: string): string | null {
  const chars = [...run]
  if (!chars.includes('十')) return chars.map((c) => DIGITS[c]).join('')
  const [tens, ones, ...rest] = run.split('十')
  if (rest.length > 0 || [...tens].length > 1 || [...ones].length > 1) return null // 十十, 二二十: not a number
  return String((tens === '' ? 1 : DIGITS[tens]) * 10 + (ones === '' ? 0 : DIGITS[ones]))
}
