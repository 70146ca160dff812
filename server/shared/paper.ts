// Page sizes: paper in millimetres, output in pixels, and how a page is laid out and captured.
// The layout is designed at 150 CSS px per inch whatever the output: a 300 DPI page is the same layout
// captured at deviceScaleFactor ≈ 2, so text and lines stay sharp and nothing moves between DPIs.

export const PAPERS = ['A4', 'A3'] as const
export type PaperName = (typeof PAPERS)[number]
export const ORIENTATIONS = ['landscape', 'portrait'] as const
export type Orientation = (typeof ORIENTATIONS)[number]
export const DPIS = [150, 300] as const
export type Dpi = (typeof DPIS)[number]

/** ISO 216, long side × short side. */
export const PAPER_MM: Readonly<Record<PaperName, readonly [number, number]>> = { A4: [297, 210], A3: [420, 297] }

/** CSS px per inch of the layout. */
export const LAYOUT_PX_PER_INCH = 150
/** CSS px per inch when Chromium prints (the CSS reference pixel). */
export const PRINT_PX_PER_INCH = 96
export const MM_PER_INCH = 25.4

/** What a page is: a paper at a DPI, or a bare pixel size (a 16:9 slide). */
export type PageSpec =
  | { kind: 'paper'; paper: PaperName; orientation: Orientation; dpi: Dpi }
  | { kind: 'pixels'; width: number; height: number }

export interface PageSize {
  widthPx: number // of the output PNG
  heightPx: number
  widthMm: number // of the PDF page
  heightMm: number
  scale: number // output px per layout CSS px before rounding: dpi / 150, or 1 for a pixel size
}

/** Output pixels of a paper: round(mm / 25.4 × dpi); A4 landscape at 300 DPI is 3508 × 2480. */
export function paperPixels(paper: PaperName, orientation: Orientation, dpi: number): { width: number; height: number } {
  const [long, short] = PAPER_MM[paper]
  const [wMm, hMm] = orientation === 'landscape' ? [long, short] : [short, long]
  return { width: Math.round((wMm / MM_PER_INCH) * dpi), height: Math.round((hMm / MM_PER_INCH) * dpi) }
}

export function pageSizeOf(spec: PageSpec): PageSize {
  if (spec.kind === 'pixels') {
    const mm = (px: number) => (px / LAYOUT_PX_PER_INCH) * MM_PER_INCH
    return { widthPx: spec.width, heightPx: spec.height, widthMm: mm(spec.width), heightMm: mm(spec.height), scale: 1 }
  }
  const { width, height } = paperPixels(spec.paper, spec.orientation, spec.dpi)
  const [long, short] = PAPER_MM[spec.paper]
  const [widthMm, heightMm] = spec.orientation === 'landscape' ? [long, short] : [short, long]
  return { widthPx: width, heightPx: height, widthMm, heightMm, scale: spec.dpi / LAYOUT_PX_PER_INCH }
}

export interface CaptureGeometry {
  cssWidth: number // whole CSS px: the browser's viewport and the layout's size
  cssHeight: number
  deviceScaleFactor: number // cssWidth × dsf and cssHeight × dsf round to the output size exactly
}

/**
 * The viewport and deviceScaleFactor that make Chromium capture exactly `widthPx` × `heightPx`.
 * Viewports are whole CSS px and Chromium rounds CSS × dsf, so an odd size such as A3 @ 300 DPI
 * (4961 px) needs a factor a hair above 2 (2480 CSS px × 2.00024 → 4961, 1754 × 2.00024 → 3508).
 */
export function captureGeometry(widthPx: number, heightPx: number, scale: number): CaptureGeometry {
  for (const [dw, dh] of [[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1], [1, 1], [-1, -1]]) {
    const cssWidth = Math.max(1, Math.round(widthPx / scale) + dw)
    const cssHeight = Math.max(1, Math.round(heightPx / scale) + dh)
    // Factors that round each side to its target, with a margin for float32 inside Chromium.
    const low = Math.max((widthPx - 0.45) / cssWidth, (heightPx - 0.45) / cssHeight)
    const high = Math.min((widthPx + 0.45) / cssWidth, (heightPx + 0.45) / cssHeight)
    if (low <= high) {
      const exact = Math.abs(scale - Math.round(scale)) < 1e-9 && low <= scale && scale <= high
      return { cssWidth, cssHeight, deviceScaleFactor: exact ? scale : (low + high) / 2 }
    }
  }
  throw new RangeError(`captureGeometry: no viewport captures ${widthPx}×${heightPx} px at about ${scale}× (try another size)`)
}

/** Chromium's page.pdf() scale that fits a `cssWidth` × `cssHeight` layout on the page, a hair under so no blank page follows. */
export function pdfScale(size: PageSize, cssWidth: number, cssHeight: number): number {
  const pageWidth = (size.widthMm / MM_PER_INCH) * PRINT_PX_PER_INCH
  const pageHeight = (size.heightMm / MM_PER_INCH) * PRINT_PX_PER_INCH
  return Math.min(pageWidth / cssWidth, pageHeight / cssHeight) * 0.998
}
