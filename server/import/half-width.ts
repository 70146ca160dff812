// Full-width (全角) forms to their ASCII (半角) equivalents, as typed by a Chinese IME in full-width mode:
// "１０４．２" → "104.2", "（州）" → "(州)", "　" (ideographic space) → " ".

const FULL_WIDTH_FIRST = 0xff01 // ！
const FULL_WIDTH_LAST = 0xff5e // ～
const FULL_TO_ASCII = 0xfee0
const IDEOGRAPHIC_SPACE = 0x3000

export function toHalfWidth(text: string): string {
  let out = ''
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    if (code >= FULL_WIDTH_FIRST && code <= FULL_WIDTH_LAST) out += String.fromCodePoint(code - FULL_TO_ASCII)
    else if (code === IDEOGRAPHIC_SPACE) out += ' '
    else out += char
  }
  return out
}

/** Half-width, without any whitespace (including no-break and zero-width spaces). */
export function compactText(text: string): string {
  return toHalfWidth(text).replace(/[\s\u200b\ufeff]+/g, '')
}
