// Category colours stay fixed per category name, so a 学校 dot is the same green in every scheme, view
// and export, and a reader who learnt the colours once never has to relearn them.
import { hsl } from 'd3'
import { cssOf, rgbaOf, type Rgba } from './rgba'

/** The 七进 in Tableau 10 order: distinct in hue and readable on the light basemap. */
const FIXED_COLOURS: Readonly<Record<string, string>> = {
  机关: '#4e79a7',
  企业: '#f28e2c',
  社区: '#e15759',
  乡镇: '#76b7b2',
  学校: '#59a14f',
  连队: '#edc949',
  宗教活动场所: '#af7aa1',
}

/** For categories outside the 七进, in the order a scheme lists them; none repeats a fixed colour. */
const EXTRA_COLOURS = ['#ff9da7', '#9c755f', '#17becf', '#bcbd22', '#8c564b', '#e377c2', '#1f77b4', '#2ca02c', '#d62728', '#9467bd']

/** Units whose category the scheme does not list (a ledger typo, an old scheme) are drawn neutral grey. */
export const UNKNOWN_CATEGORY_COLOUR = '#8c8c8c'

export interface CategoryPalette {
  categories: readonly string[]
  cssOf(category: string): string
  colourOf(category: string): Rgba
}

export function categoryPalette(categories: readonly string[]): CategoryPalette {
  const css = new Map<string, string>()
  let extra = 0
  for (const category of categories) {
    if (css.has(category)) continue
    css.set(category, FIXED_COLOURS[category] ?? extraColour(extra++))
  }
  const rgba = new Map([...css].map(([category, c]) => [category, rgbaOf(c)]))
  const unknown = rgbaOf(UNKNOWN_CATEGORY_COLOUR)
  return {
    categories: [...css.keys()],
    cssOf: (category) => css.get(category) ?? UNKNOWN_CATEGORY_COLOUR,
    colourOf: (category) => rgba.get(category) ?? unknown,
  }
}

/** Past the listed extras, hues step by the golden angle so that neighbours still differ. */
function extraColour(index: number): string {
  return EXTRA_COLOURS[index] ?? cssOf(rgbaOf(hsl((index * 137.508) % 360, 0.55, 0.5).formatHex()))
}
