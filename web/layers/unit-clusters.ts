import { ScatterplotLayer, TextLayer } from '@deck.gl/layers'
import type { Rgba } from '../data/rgba'
import type { UnitCluster } from '../data/unit-clusters'

/** Stable: deck.gl diffs layers by id, and hover handling tells layers apart by it. */
export const UNIT_CLUSTERS_ID = 'unit-clusters'
export const UNIT_CLUSTER_COUNTS_ID = 'unit-cluster-counts'

export interface UnitClustersOptions {
  colourOf: (category: string) => Rgba // the category palette: a cluster takes its most common category's colour
  visible?: boolean // true
  opacity?: number // 1
}

/** Disc radius in pixels: the smallest cluster, and the largest (half the 48 px grid cell, so discs barely touch). */
export const CLUSTER_RADIUS_PIXELS = { min: 6, max: 24 }

/** A cluster's radius: area grows with the count, relative to the largest cluster shown. */
export function clusterRadius(count: number, largest: number): number {
  const { min, max } = CLUSTER_RADIUS_PIXELS
  return largest <= 1 ? min : min + (max - min) * Math.sqrt((count - 1) / (largest - 1))
}

/**
 * Aggregated units: one disc per grid cell, area growing with the count (scaled to the largest, so 100 000
 * units do not draw discs hundreds of pixels wide), the count written on it.
 */
export function unitClustersLayers(clusters: UnitCluster[], { colourOf, visible = true, opacity = 1 }: UnitClustersOptions) {
  const largest = clusters.reduce((m, c) => Math.max(m, c.count), 1)
  const radius = (c: UnitCluster) => clusterRadius(c.count, largest)
  return [
    new ScatterplotLayer<UnitCluster>({
      id: UNIT_CLUSTERS_ID,
      data: clusters,
      visible,
      opacity,
      getPosition: (c) => c.position,
      getRadius: radius,
      radiusUnits: 'pixels',
      updateTriggers: { getRadius: largest, getFillColor: colourOf },
      getFillColor: (c) => colourOf(c.dominant),
      stroked: true,
      getLineColor: [255, 255, 255, 255],
      getLineWidth: 1.5,
      lineWidthUnits: 'pixels',
      pickable: true,
      autoHighlight: true,
    }),
    new TextLayer<UnitCluster>({
      id: UNIT_CLUSTER_COUNTS_ID,
      data: clusters.filter((c) => c.count > 1),
      visible,
      getPosition: (c) => c.position,
      getText: (c) => String(c.count),
      getSize: 11,
      sizeUnits: 'pixels',
      getColor: [255, 255, 255, 255],
      fontWeight: 700,
      outlineWidth: 2,
      outlineColor: [0, 0, 0, 140],
      fontSettings: { sdf: true },
      getTextAnchor: 'middle',
      getAlignmentBaseline: 'center',
    }),
  ]
}
