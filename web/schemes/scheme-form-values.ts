// What the /schemes forms hold, read into what the API takes. Pure: no React, no requests.

/** Words typed into one box, split on 、 , ， ; ； and line breaks, trimmed, each once, in order: "机关、学校, 社区" → [机关, 学校, 社区]. */
export function wordsOf(text: string): string[] {
  return [...new Set(text.split(/[、,，;；\n]+/).map((word) => word.trim()).filter((word) => word !== ''))]
}

/** `categories` with the one at `index` moved `by` places (−1: up, +1: down); the same array when it cannot move. */
export function movedCategory(categories: readonly string[], index: number, by: -1 | 1): readonly string[] {
  const to = index + by
  if (index < 0 || index >= categories.length || to < 0 || to >= categories.length) return categories
  const moved = [...categories]
  ;[moved[index], moved[to]] = [moved[to], moved[index]]
  return moved
}

/** What a new scheme's form holds: text as typed. */
export interface NewSchemeValues {
  id: string
  name: string
  note: string
  categories: string // 、 or comma separated, in order
  visitsPerYear: string
}

export const EMPTY_NEW_SCHEME: NewSchemeValues = { id: '', name: '', note: '', categories: '', visitsPerYear: '3' }

/** The form as the API takes it; the server checks the values and names what is wrong. */
export function newSchemeOf(values: NewSchemeValues) {
  return {
    id: values.id.trim(),
    name: values.name.trim(),
    note: values.note.trim(),
    categories: wordsOf(values.categories),
    visitsPerYear: Number(values.visitsPerYear),
  }
}

/** "4 个单位、1 个目标随之改名" and the other schemes that renamed the word too. */
export function renameSummary(renamed: { from: string; to: string; schemes: readonly string[]; units: number; targets: number }, nameOf: (id: string) => string): string {
  const others = renamed.schemes.slice(1).map(nameOf)
  const alsoIn = others.length > 0 ? `；方案 ${others.join('、')} 中的“${renamed.from}”也一并改名（单位共用类别名称）` : ''
  return `已将“${renamed.from}”改名为“${renamed.to}”：${renamed.units} 个单位、${renamed.targets} 个目标随之改名，“${renamed.from}”保留为同义词${alsoIn}`
}
