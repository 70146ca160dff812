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

/** Aggregated units: one disc per grid cell, area proportional to the count, the count written on it. */
export function unitClustersLayers(clusters: UnitCluster[], { colourOf, visible = true, opacity = 1 }: UnitClustersOptions) {
  const radius = (c: UnitCluster) => 6 + 3 * Math.sqrt(c.count)
  return [
    new ScatterplotLayer<UnitCluster>({
      id: UNIT_CLUSTERS_ID,
      data: clusters,
      visible,
      opacity,
      getPosition: (c) => c.position,
      getRadius: radius,
      radiusUnits: 'pixels',
      getFillColor: (c) => colourOf(c.dominant),
      stroked: true,
      getLineColor: [255, 255, 255, 255],
      getLineWidth: 1.5,
      lineWidthUnits: 'pixels',
      pickable: true,
      autoHighlight: true,
      updateTriggers: { getFillColor: colourOf },
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
