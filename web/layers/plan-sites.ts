// The site plan on the map: coverage discs of open and chosen sites, demand points by coverage, chosen sites.
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers'
import type { AreaFeature, AreaProperties } from '../api/responses'
import type { Rgba } from '../data/rgba'

export const PLAN_COLOURS: Readonly<Record<'open' | 'chosen' | 'coveredBefore' | 'newlyCovered' | 'uncovered', Rgba>> = {
  open: [95, 108, 125, 255], // already-named sites and what they covered
  chosen: [31, 111, 178, 255], // the plan's new sites
  coveredBefore: [140, 150, 165, 255],
  newlyCovered: [46, 160, 67, 255],
  uncovered: [214, 48, 49, 255],
}

export interface PlanSite {
  id: string
  name: string
  position: [number, number]
}

export interface PlanDemand extends PlanSite {
  weight: number
  coveredBefore: boolean
  coveredAfter: boolean
}

export function demandCoverageColour(point: Pick<PlanDemand, 'coveredBefore' | 'coveredAfter'>): Rgba {
  if (point.coveredBefore) return PLAN_COLOURS.coveredBefore
  return point.coveredAfter ? PLAN_COLOURS.newlyCovered : PLAN_COLOURS.uncovered
}

/** Discs of the coverage radius, in metres on the ground, so they scale with the map. */
export function siteRadiusLayer(id: 'open-site-radius' | 'chosen-site-radius', sites: PlanSite[], radiusKm: number) {
  const colour = id === 'open-site-radius' ? PLAN_COLOURS.open : PLAN_COLOURS.chosen
  return new ScatterplotLayer<PlanSite>({
    id,
    data: sites,
    getPosition: (s) => s.position,
    getRadius: radiusKm * 1000,
    radiusUnits: 'meters',
    getFillColor: [colour[0], colour[1], colour[2], id === 'open-site-radius' ? 28 : 55],
    stroked: true,
    getLineColor: [colour[0], colour[1], colour[2], 140],
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    updateTriggers: { getRadius: radiusKm },
  })
}

/** Demand points, area proportional to weight: grey already covered, green newly covered, red still uncovered. */
export function demandPointsLayer(points: PlanDemand[], { maxWeight }: { maxWeight: number }) {
  return new ScatterplotLayer<PlanDemand>({
    id: 'plan-demand',
    data: points,
    getPosition: (p) => p.position,
    getRadius: (p) => 2 + 9 * Math.sqrt(p.weight / Math.max(1, maxWeight)),
    radiusUnits: 'pixels',
    getFillColor: demandCoverageColour,
    stroked: true,
    getLineColor: [255, 255, 255, 220],
    getLineWidth: 1,
    lineWidthUnits: 'pixels',
    pickable: true,
    updateTriggers: { getRadius: maxWeight },
  })
}

export function chosenSitesLayer(sites: PlanSite[]) {
  return new ScatterplotLayer<PlanSite>({
    id: 'plan-chosen-sites',
    data: sites,
    getPosition: (s) => s.position,
    getRadius: 9,
    radiusUnits: 'pixels',
    getFillColor: PLAN_COLOURS.chosen,
    stroked: true,
    getLineColor: [255, 255, 255, 255],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    pickable: true,
  })
}

/**
 * The framed area as an invisible, pickable surface: a click on it reports the clicked position, so a
 * planner can add candidate places without a map-level click handler.
 */
export function candidatePickLayer(area: AreaFeature, onPick: (position: [number, number]) => void) {
  return new GeoJsonLayer<AreaProperties>({
    id: 'plan-candidate-pick',
    data: [area],
    filled: true,
    stroked: false,
    getFillColor: [0, 0, 0, 0],
    pickable: true,
    onClick: (info) => {
      if (info.coordinate) onPick([round6(info.coordinate[0]), round6(info.coordinate[1])])
    },
  })
}

/** Places the planner clicked, as hollow rings until the plan picks or leaves them. */
export function pickedCandidatesLayer(points: [number, number][]) {
  return new ScatterplotLayer<[number, number]>({
    id: 'plan-picked-candidates',
    data: points,
    getPosition: (p) => p,
    getRadius: 7,
    radiusUnits: 'pixels',
    filled: false,
    stroked: true,
    getLineColor: PLAN_COLOURS.chosen,
    getLineWidth: 2.5,
    lineWidthUnits: 'pixels',
  })
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6
}
