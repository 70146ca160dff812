// deck.gl takes colours as [r, g, b, a] (0–255); CSS and the legend take strings. One conversion each way.
import { color, rgb } from 'd3'

export type Rgba = [number, number, number, number]

/** A CSS colour as deck.gl's [r, g, b, a]; throws on a string that is not a colour. */
export function rgbaOf(css: string): Rgba {
  const parsed = color(css)
  if (!parsed) throw new Error(`rgbaOf: ${JSON.stringify(css)} is not a CSS colour (expected e.g. "#4e79a7")`)
  const { r, g, b, opacity } = parsed.rgb()
  return [Math.round(r), Math.round(g), Math.round(b), Math.round(opacity * 255)]
}

/** The CSS for an Rgba: #rrggbb when opaque, so it compares equal to the hex it came from. */
export function cssOf([r, g, b, a]: Rgba): string {
  return a === 255 ? rgb(r, g, b).formatHex() : rgb(r, g, b, a / 255).formatRgb()
}
