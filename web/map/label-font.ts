// deck.gl's TextLayer draws its glyph atlas once, with whatever font the browser has at that moment.
// The bundled Noto Sans SC is split into unicode-range subsets that load on demand, so the subsets
// holding the label characters must be loaded before the label layer is made.
import { LABEL_FONT_FAMILY, LABEL_FONT_WEIGHT } from '../layers/area-labels'

/** Resolves when the label font covers every character of `text`; never rejects (a fallback font still reads). */
export async function loadLabelFont(text: string): Promise<void> {
  try {
    await document.fonts.load(`${LABEL_FONT_WEIGHT} 16px ${LABEL_FONT_FAMILY}`, text)
  } catch (error) {
    console.warn('loadLabelFont: the bundled font did not load; labels use a system font', error)
  }
}
