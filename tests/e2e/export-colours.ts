// What the export tests count in a rendered sheet: the corridor teal and the heatmap ramp's denser half.
import type { ColourCensus } from './harness'

export const CORRIDOR_KEY = '#067' // #006d77 (CORRIDOR_COLOUR) cut to 4 bits per channel, as colourCensus counts it

/**
 * Pixels in the hue of the heatmap ramp's denser half (web/layers/unit-heatmap.ts, d3.interpolateRdPu:
 * magenta to deep purple), blended at the layer's 0.75 over the choropleth: blue well above green, and
 * red too. Nothing else on the sheet has it: YlOrRd's darkest red (#800026) has too little blue, the
 * corridor teal too little red, the 宗教活动场所 mauve (#af7aa1) too much green. (The ramp's pale low end
 * is too close to the basemap and the light classes to count.) Measured at A4 150 DPI: about 2000 pixels
 * for 学校 with the heatmap, none without it.
 */
export function heatmapPixels(census: ColourCensus): number {
  let pixels = 0
  for (const [key, count] of Object.entries(census.pixels)) {
    const [r, g, b] = [1, 2, 3].map((i) => parseInt(key[i], 16) * 17)
    if (b >= 96 && b - g >= 64 && r - g >= 48) pixels += count
  }
  return pixels
}

export const QIJIN = ['机关', '企业', '社区', '乡镇', '学校', '连队', '宗教活动场所']

/** A category's legend row in pdftotext output: its name, its count, and（位置不公开）when counted but not drawn. */
export const legendRow = (category: string) => new RegExp(`(?:^|\\s)${category} (\\d+)(?:（位置不公开）)?(?:\\s|$)`, 'm')
