import { TextLayer } from '@deck.gl/layers'
import type { AreaLabel } from '../data/area-geometry'

/** A name, moved off its point by `offset` CSS px when label-placement.ts placed it beside a neighbour. */
export type DrawnLabel = AreaLabel & { offset?: [number, number] }

/** Stable: deck.gl diffs layers by id, and hover handling tells layers apart by it. */
export const AREA_LABELS_ID = 'area-labels'

/** The family the page bundles (@fontsource/noto-sans-sc); load it before making this layer. */
export const LABEL_FONT_FAMILY = '"Noto Sans SC", sans-serif'
export const LABEL_FONT_WEIGHT = 600

export interface AreaLabelsOptions {
  visible?: boolean // true
  size?: number // 14: pixels
  onTop?: boolean // false: drawn without the depth test, so names stay readable in front of 3D columns
}

/**
 * Area names. `characterSet: 'auto'` builds the glyph atlas from the labels themselves, so Chinese names
 * render without a prebuilt atlas; the font must already be loaded or the atlas is drawn in a fallback.
 */
export function areaLabelsLayer(labels: readonly DrawnLabel[], { visible = true, size = 14, onTop = false }: AreaLabelsOptions = {}) {
  return new TextLayer<DrawnLabel>({
    id: AREA_LABELS_ID,
    data: labels,
    visible,
    getPosition: (l) => l.position,
    getPixelOffset: (l) => l.offset ?? [0, 0],
    getText: (l) => l.name,
    getSize: size,
    sizeUnits: 'pixels',
    getColor: [38, 44, 52, 255],
    fontFamily: LABEL_FONT_FAMILY,
    fontWeight: LABEL_FONT_WEIGHT,
    characterSet: 'auto',
    // A translucent white plate keeps names readable over any fill and over dense unit dots; an SDF halo
    // at 14 px is too thin to do that.
    background: true,
    getBackgroundColor: [255, 255, 255, 205],
    backgroundPadding: [5, 2],
    backgroundBorderRadius: 3,
    getTextAnchor: 'middle',
    getAlignmentBaseline: 'center',
    pickable: false,
    ...(onTop ? { parameters: { depthCompare: 'always' } as const } : {}),
  })
}
