// Text that people type and others read — unit names, addresses, corridor and scenario names, usernames —
// must be plain: no control characters, which corrupt exports and logs, and no bidirectional formatting
// characters, which make a name display as something other than what it is (U+202E turns "gpj.exe" into
// "exe.jpg" on screen; 中城镇中学 with an override can read like another unit's name). One rule for the
// import's row checks and for the JSON bodies' schemas.
import { z } from 'zod'

export interface PlainTextOptions {
  lineBreaks?: boolean // false: tab, line feed and carriage return are refused too (a name); true: allowed (a note)
}

export interface ControlCharacter {
  codePoint: string // "U+202E"
  description: string // "bidi control: right-to-left override"
  index: number // UTF-16 index in the text
}

const BIDI_NAMES: Readonly<Record<number, string>> = {
  0x061c: 'Arabic letter mark',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
}

const C0_NAMES: Readonly<Record<number, string>> = { 0x00: 'null', 0x09: 'tab', 0x0a: 'line feed', 0x0d: 'carriage return', 0x1b: 'escape' }

// C0 controls, DEL, C1 controls, and the bidi formatting characters above.
const SUSPECT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** The first control or bidi formatting character in `text`, or null when there is none. */
export function controlCharacterIn(text: string, { lineBreaks = false }: PlainTextOptions = {}): ControlCharacter | null {
  for (const match of text.matchAll(SUSPECT)) {
    const code = match[0].charCodeAt(0)
    if (lineBreaks && (code === 0x09 || code === 0x0a || code === 0x0d)) continue
    return { codePoint: `U+${code.toString(16).toUpperCase().padStart(4, '0')}`, description: describe(code), index: match.index }
  }
  return null
}

function describe(code: number): string {
  const bidi = BIDI_NAMES[code]
  if (bidi !== undefined) return `bidi control: ${bidi}`
  if (code <= 0x1f) return `C0 control${C0_NAMES[code] === undefined ? '' : `: ${C0_NAMES[code]}`}`
  if (code === 0x7f) return 'delete'
  return 'C1 control'
}

/** "contains the control character U+202E (bidi control: right-to-left override); remove it", or null. */
export function plainTextProblem(text: string, options: PlainTextOptions = {}): string | null {
  const found = controlCharacterIn(text, options)
  return found === null ? null : `contains the control character ${found.codePoint} (${found.description}); remove it`
}

/**
 * `schema` refusing control and bidi formatting characters, with a message naming the code point (the
 * validator prefixes the field's path). Use for every free-text field of a JSON write body.
 */
export function plainText<T extends z.ZodString>(schema: T, options: PlainTextOptions = {}): T {
  return schema.superRefine((text, ctx) => {
    const problem = plainTextProblem(text, options)
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
  })
}

/** `text` with every control and bidi formatting character written as \uXXXX: safe to echo in a message. */
export function escapeControlCharacters(text: string): string {
  return text.replace(SUSPECT, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
