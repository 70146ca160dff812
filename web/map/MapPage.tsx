// The first map page: counties coloured by a coverage measure, units as dots, legend and headline figures.
import type { LayersList } from '@deck.gl/core'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { HONOUR_LEVELS, type HonourLevel } from '../../server/domain'
import type { CoverageArea } from '../api/responses'
import { categoryPalette } from '../data/category-colours'
import { kpisOf } from '../data/kpis'
import { measureById, measureScale, type MeasureId } from '../data/measures'
import { countsByCategory, levelRank } from '../data/units'
import { areaLabelsLayer } from '../layers/area-labels'
import { COVERAGE_CHOROPLETH_ID, coverageChoroplethLayer } from '../layers/coverage-choropleth'
import { UNIT_POINTS_ID, unitPointsLayer } from '../layers/unit-points'
import { Header } from '../panels/Header'
import { Legend } from '../panels/Legend'
import { MapControls } from '../panels/MapControls'
import { SampleNotice } from '../panels/SampleNotice'
import { Tooltip, type HoverTarget } from '../panels/Tooltip'
import type { ViewState } from '../data/view-state'
import { ExportLink } from '../export/ExportLink'
import { replaceUrlView } from '../export/url-view'
import { AtlasMap, type MapHit } from './AtlasMap'
import type { CoverageData, PlaceData } from './map-page-data'

export interface MapPageProps {
  place: PlaceData
  data: CoverageData
  loading: boolean // newer data is on its way: the map is not "ready" meanwhile
  year: number
  minLevel: HonourLevel // the level chosen; the figures shown follow data.coverage.minLevel until it loads
  onMinLevel(level: HonourLevel): void
  onError(message: string): void
  view: ViewState // the view the URL asked for: the measure and layers start from it
}

export function MapPage({ place, data, loading, year, minLevel, onMinLevel, onError, view }: MapPageProps) {
  const [measureId, setMeasureId] = useState<MeasureId>(view.measure)
  const currentView: ViewState = useMemo(() => ({ ...view, minLevel, measure: measureId }), [view, minLevel, measureId])
  useEffect(() => replaceUrlView(currentView), [currentView])
  const [hit, setHit] = useState<MapHit | null>(null)
  const { coverage, units } = data
  const schemeName = coverage.scheme.name

  const measure = measureById(measureId)
  const scale = useMemo(() => measureScale(measure, coverage), [measure, coverage])
  const coverageByCode = useMemo(() => new Map(coverage.areas.map((a) => [a.code, a])), [coverage])
  const fillOf = useCallback(
    (code: string) => {
      const area = coverageByCode.get(code)
      return scale.colourOf(area ? measure.valueOf(area) : null)
    },
    [coverageByCode, scale, measure],
  )
  const palette = useMemo(() => categoryPalette(coverage.scheme.categories), [coverage.scheme.categories])

  const layers: LayersList = useMemo(
    () => [
      coverageChoroplethLayer(place.areas, { fillOf, visible: view.layers.choropleth }),
      unitPointsLayer(units, { colourOf: palette.colourOf, visible: view.layers.units }),
      areaLabelsLayer(place.labels, { visible: view.layers.labels }),
    ],
    [place.areas, place.labels, units, fillOf, palette, view.layers],
  )

  const kpis = useMemo(() => kpisOf(coverage), [coverage])
  const categoryCounts = useMemo(() => countsByCategory(units, coverage.scheme.categories), [units, coverage.scheme.categories])
  const levelsShown = [...HONOUR_LEVELS].reverse().filter((l) => levelRank(l) >= levelRank(coverage.minLevel))
  const hover = hoverTargetOf(hit, place, data, coverageByCode)

  return (
    <>
      <Header placeName={place.place.properties.name} schemeName={schemeName} year={year} minLevel={coverage.minLevel} kpis={kpis} />
      <main className="map-area">
        <AtlasMap outline={place.place} boundaries={place.areas} layers={layers} pending={loading} onHover={setHit} onError={onError} />
        <SampleNotice sample={coverage.sample} schematic={place.areas.some((a) => a.properties.schematic)} />
        <ExportLink view={currentView} />
        <MapControls measureId={measureId} minLevel={minLevel} onMeasure={setMeasureId} onMinLevel={onMinLevel} />
        <Legend scale={scale} schemeName={schemeName} categories={categoryCounts} palette={palette} levels={levelsShown} />
        {hover && <Tooltip target={hover} schemeName={schemeName} />}
      </main>
    </>
  )
}

/** The object under the pointer, found by its index in the data the hit layer was given. */
function hoverTargetOf(
  hit: MapHit | null,
  place: PlaceData,
  data: CoverageData,
  coverageByCode: ReadonlyMap<string, CoverageArea>,
): HoverTarget | null {
  if (!hit) return null
  if (hit.layerId === UNIT_POINTS_ID) {
    const unit = data.units[hit.index]
    return unit ? { kind: 'unit', unit, x: hit.x, y: hit.y } : null
  }
  if (hit.layerId === COVERAGE_CHOROPLETH_ID) {
    const area = coverageByCode.get(place.areas[hit.index]?.properties.code ?? '')
    return area ? { kind: 'area', area, x: hit.x, y: hit.y } : null
  }
  return null
}
