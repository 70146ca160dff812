// How the 1920×1080 design canvas is placed on a real display. Pure: (viewport, mode) → a box and a scale.

export const DESIGN_WIDTH = 1920
export const DESIGN_HEIGHT = 1080

/**
 * fit:        one scale, the whole canvas visible, centred; bars on the long sides (letterbox).
 * fill-width: one scale, no bars: the canvas is widened (or heightened) to the display's shape and the
 *             extra room goes to the map; side panels keep their designed size. For 32:9 walls.
 * stretch:    the canvas is scaled to the display on each axis separately (text is distorted).
 */
export const FIT_MODES = ['fit', 'fill-width', 'stretch'] as const
export type FitMode = (typeof FIT_MODES)[number]

export interface Viewport {
  width: number
  height: number
}

export interface Stage {
  width: number // the canvas size in design pixels (1920×1080 except in fill-width)
  height: number
  scaleX: number // display pixels per design pixel
  scaleY: number
  left: number // display pixels from the viewport's top-left to the canvas
  top: number
}

export function fitModeOf(text: string | null | undefined): FitMode {
  return FIT_MODES.find((m) => m === text) ?? 'fit'
}

export function stageOf({ width, height }: Viewport, mode: FitMode, design: Viewport = { width: DESIGN_WIDTH, height: DESIGN_HEIGHT }): Stage {
  if (!(width > 0 && height > 0)) return { width: design.width, height: design.height, scaleX: 1, scaleY: 1, left: 0, top: 0 }
  if (mode === 'stretch') {
    return { width: design.width, height: design.height, scaleX: width / design.width, scaleY: height / design.height, left: 0, top: 0 }
  }
  const scale = Math.min(width / design.width, height / design.height)
  if (mode === 'fill-width') {
    return { width: width / scale, height: height / scale, scaleX: scale, scaleY: scale, left: 0, top: 0 }
  }
  return {
    width: design.width,
    height: design.height,
    scaleX: scale,
    scaleY: scale,
    left: (width - design.width * scale) / 2,
    top: (height - design.height * scale) / 2,
  }
}

/** The CSS transform for a stage whose origin is the top-left corner. */
export function stageTransformCss(stage: Stage): string {
  return `translate(${stage.left}px, ${stage.top}px) scale(${stage.scaleX}, ${stage.scaleY})`
}
