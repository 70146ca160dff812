// The analyst dashboard on the map page: filters and layers on the left, the map with its legend in the
// middle, linked charts and detail panels on the right. Everything shown is a function of the URL's view
// state (view-state.ts) and the data loaded for it; every change goes through `navigate`.
import type { LayersList } from '@deck.gl/core'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { HONOUR_LEVELS, type HonourLevel } from '../../server/domain'
import type { CorridorItem, UnitDetailResponse } from '../api/client'
import type { CoverageArea, Scheme } from '../api/responses'
import { categoryPalette } from '../data/category-colours'
import { measureById, measureScale } from '../data/measures'
import { cssOf, type Rgba } from '../data/rgba'
import { clusterUnits } from '../data/unit-clusters'
import { unitDensity } from '../data/unit-density'
import { countsByCategory, levelRank } from '../data/units'
import {
  VIEW_OPACITY_IDS,
  type ViewLanguage,
  type ViewLayerId,
  type ViewOpacityId,
  type ViewOverlayId,
  type ViewState,
} from '../data/view-state'
import { labelPointOf } from '../data/area-geometry'
import { ExportLink } from '../export/ExportLink'
import { areaColumnsLayer, AREA_COLUMNS_ID } from '../layers/area-columns'
import { areaHighlightLayer } from '../layers/area-highlight'
import { areaLabelsLayer } from '../layers/area-labels'
import { CORRIDORS_ID, corridorsLayers } from '../layers/demo-corridors'
import { heatmapLegendStops, unitHeatmapLayer } from '../layers/unit-heatmap'
import { COVERAGE_CHOROPLETH_ID, coverageChoroplethLayer } from '../layers/coverage-choropleth'
import { UNIT_CLUSTERS_ID, unitClustersLayers } from '../layers/unit-clusters'
import { unitHexagonsLayer } from '../layers/unit-hexagons'
import { UNIT_POINTS_ID, unitPointsLayer } from '../layers/unit-points'
import { AtlasMap, type MapCamera, type MapHit } from '../map/AtlasMap'
import { basemapRasterParts, storeBasemap, type BasemapChoice } from '../map/basemaps'
import { AreaDetail } from '../panels/AreaDetail'
import { BasemapPanel } from '../panels/BasemapPanel'
import { DashboardHeader } from '../panels/DashboardHeader'
import { DashboardLegend } from '../panels/DashboardLegend'
import { FilterPanel } from '../panels/FilterPanel'
import { LayerPanel } from '../panels/LayerPanel'
import { SampleNotice } from '../panels/SampleNotice'
import { Tooltip, type HoverTarget } from '../panels/Tooltip'
import { UnitDetail } from '../panels/UnitDetail'
import { categoryLevelStacks, childRanking, targetBullets, type GrowthPoint } from './chart-data'
import { CategoryStackChart } from './charts/CategoryStackChart'
import { GrowthChart } from './charts/GrowthChart'
import { RankingChart } from './charts/RankingChart'
import { TargetBullets } from './charts/TargetBullets'
import { dashboardKpis, kpiBasis } from './dashboard-kpis'
import type { Figures, Frame, TrailStep } from './dashboard-data'
import type { DashboardFilters } from './filters'
import { formatNumber, levelName, measureTitleEn, t } from './i18n'
import type { NavigationMode } from './use-url-view'
import './dashboard.css'

/** Units are aggregated below this zoom, or below CROWDED_ZOOM when there are more than CROWDED_UNITS. */
export const CLUSTER_BELOW_ZOOM = 6
const CROWDED_ZOOM = 9
const CROWDED_UNITS = 5_000
const DEFAULT_OPACITY: Record<ViewOpacityId, number> = { choropleth: 0.9, units: 1, columns: 0.95, hexagons: 0.8, heatmap: 0.75, corridors: 1 }
const SIDE_CHART_WIDTH = 356
/** Room around the framed area: the legend card takes the lower left of the map. */
const FRAME_PADDING = { top: 64, right: 60, bottom: 36, left: 260 }

export interface DashboardPageProps {
  view: ViewState
  navigate(next: ViewState, mode: NavigationMode): void
  update(change: (current: ViewState) => ViewState, mode: NavigationMode): void
  schemes: readonly Scheme[]
  scheme: Scheme
  filters: DashboardFilters
  frame: Frame
  figures: Figures
  corridors: readonly CorridorItem[] | null // null: the corridor layer is off or still loading
  growth: GrowthPoint[] | null
  years: readonly [number, number]
  loading: boolean
  basemap: BasemapChoice
  onBasemap(choice: BasemapChoice): void
  searchEntries: TrailStep[] | null
  onSearchFocus(): void
  unitDetail: UnitDetailResponse | null
  onError(message: string): void
}

type Highlight = { kind: 'area'; code: string } | { kind: 'category'; category: string } | null

export function DashboardPage(props: DashboardPageProps) {
  const { view, navigate, update, scheme, filters, frame, figures, growth, years, loading } = props
  const lang: ViewLanguage = view.lang
  const [hit, setHit] = useState<MapHit | null>(null)
  const [highlight, setHighlight] = useState<Highlight>(null)
  const [tab, setTab] = useState<'charts' | 'details'>(view.unit !== undefined ? 'details' : 'charts')
  const [selectedArea, setSelectedArea] = useState<string | null>(null)
  const [playing, setPlaying] = useState(false)
  const [playClasses, setPlayClasses] = useState<{ key: string; values: (number | null)[] } | null>(null)
  const [basemapError, setBasemapError] = useState<string | null>(null)

  const go = useCallback((patch: Partial<ViewState>, mode: NavigationMode = 'push') => navigate({ ...view, ...patch }, mode), [navigate, view])
  const goArea = useCallback(
    (code: string) => {
      setSelectedArea(null)
      setHighlight(null)
      go({ area: code, center: null, zoom: null, unit: undefined })
    },
    [go],
  )

  // ── the year's playback: one year per step, through the URL (replace, so back skips the animation)
  useEffect(() => {
    if (!playing) return
    const timer = window.setTimeout(() => {
      if (filters.year >= years[1]) {
        setPlaying(false)
        setPlayClasses(null)
      } else go({ year: filters.year + 1 }, 'replace')
    }, 1100)
    return () => window.clearTimeout(timer)
  }, [playing, filters.year, years, go])
  const onPlay = (on: boolean) => {
    // The classes are held at the year playback starts from (the reporting year when it restarts from the
    // first year), so a colour means the same count in every year it plays through.
    setPlayClasses(on ? { key: classesKey, values: basis.map(measure.valueOf) } : null)
    if (on && filters.year >= years[1]) go({ year: years[0] }, 'replace')
    setPlaying(on)
  }

  // ── what the map colours, from one scale object shared with the legend
  const measure = measureById(view.measure)
  const report = figures.children
  const basis = useMemo(() => kpiBasis(report, figures.self), [report, figures.self])
  const basisReport = useMemo(() => ({ ...report, areas: basis }), [report, basis])
  const mapAreas = frame.children.length > 0 ? frame.children : [frame.area]
  const classesKey = JSON.stringify([measure.id, frame.area.properties.code, filters.scheme, filters.categories, filters.minLevel, filters.statuses])
  const heldClasses = playClasses?.key === classesKey ? playClasses.values : undefined
  const scale = useMemo(() => {
    const s = measureScale(measure, basisReport, heldClasses)
    return lang === 'zh' ? s : { ...s, title: measureTitleEn(measure.id, report.minLevel, scheme.name, filters.categories?.length ?? scheme.categories.length) }
  }, [measure, basisReport, heldClasses, lang, report.minLevel, scheme, filters.categories])
  const coverageByCode = useMemo(() => new Map(basis.map((a) => [a.code, a])), [basis])
  const fillOf = useCallback((code: string): Rgba => {
    const area = coverageByCode.get(code)
    return scale.colourOf(area ? measure.valueOf(area) : null)
  }, [coverageByCode, scale, measure])
  const palette = useMemo(() => categoryPalette(scheme.categories), [scheme.categories])
  const highlightCategory = highlight?.kind === 'category' ? highlight.category : null
  const unitColourOf = useMemo(() => {
    if (highlightCategory === null) return palette.colourOf
    return (category: string): Rgba => {
      const c = palette.colourOf(category)
      return category === highlightCategory ? c : [c[0], c[1], c[2], 40]
    }
  }, [palette, highlightCategory])

  // ── layers
  const opacity = useMemo(() => {
    const o = { ...DEFAULT_OPACITY }
    for (const id of VIEW_OPACITY_IDS) if (view.opacity?.[id] !== undefined) o[id] = view.opacity[id] as number
    return o
  }, [view.opacity])
  const overlays = view.overlays ?? []
  const zoom = view.zoom ?? 8
  const clustered = zoom < CLUSTER_BELOW_ZOOM || (figures.points.length > CROWDED_UNITS && zoom < CROWDED_ZOOM)
  const clusters = useMemo(() => (clustered ? clusterUnits(figures.points, zoom) : []), [clustered, figures.points, Math.floor(zoom)])
  const showHexagons = overlays.includes('hexagons')
  const hexDensity = useMemo(() => (showHexagons ? unitDensity(figures.points, lang) : null), [showHexagons, figures.points, lang])
  const density = hexDensity?.scale ?? null
  const showColumns = overlays.includes('columns')
  const showHeatmap = overlays.includes('heatmap')
  // Only corridors with a drawable line, so a picked index is an index into this list.
  const showCorridors = overlays.includes('corridors')
  const corridors = useMemo(() => (showCorridors && props.corridors ? props.corridors.filter((c) => c.path.length >= 2) : null), [showCorridors, props.corridors])
  const highlightCorridor = hit?.layerId === CORRIDORS_ID ? (corridors?.[hit.index]?.id ?? null) : null
  const columns = useMemo(
    () =>
      mapAreas.flatMap((a) => {
        const position = labelPointOf(a)
        const area = coverageByCode.get(a.properties.code)
        return position && area ? [{ code: a.properties.code, position, value: measure.valueOf(area) ?? 0 }] : []
      }),
    [mapAreas, coverageByCode, measure],
  )
  const highlightCode = highlight?.kind === 'area' ? highlight.code : null
  const highlighted = useMemo(() => mapAreas.find((a) => a.properties.code === highlightCode) ?? null, [mapAreas, highlightCode])
  // Layers that are off are left out rather than hidden: deck.gl builds the GPU programs of every layer it
  // is given, and in software GL (headless Chromium, VMs without a GPU) each costs a few hundred ms.
  const layers: LayersList = useMemo(
    () => [
      view.layers.choropleth && coverageChoroplethLayer(mapAreas, { fillOf, opacity: opacity.choropleth }),
      hexDensity && unitHexagonsLayer(hexDensity.bins, { colourOf: hexDensity.scale.colourOf, opacity: opacity.hexagons }),
      showHeatmap && unitHeatmapLayer(figures.points, { opacity: opacity.heatmap }),
      showColumns && areaColumnsLayer(columns, { colourOf: fillOf, opacity: opacity.columns }),
      areaHighlightLayer(highlighted),
      ...(corridors ? corridorsLayers(corridors, { opacity: opacity.corridors, highlightId: highlightCorridor }) : []),
      view.layers.units && !clustered && unitPointsLayer(figures.points, { colourOf: unitColourOf, opacity: opacity.units }),
      ...(view.layers.units && clustered ? unitClustersLayers(clusters, { colourOf: unitColourOf, opacity: opacity.units }) : []),
      view.layers.labels && areaLabelsLayer(frame.labels),
    ],
    [mapAreas, fillOf, view.layers, opacity, hexDensity, showHeatmap, columns, showColumns, highlighted, corridors, highlightCorridor, clustered, figures.points, unitColourOf, clusters, frame.labels],
  )

  // ── map events
  const areaAt = (h: MapHit | null): CoverageArea | null => {
    if (!h) return null
    if (h.layerId === COVERAGE_CHOROPLETH_ID) return coverageByCode.get(mapAreas[h.index]?.properties.code ?? '') ?? null
    if (h.layerId === AREA_COLUMNS_ID) return coverageByCode.get(columns[h.index]?.code ?? '') ?? null
    return null
  }
  const onHover = useCallback((h: MapHit | null) => setHit(h), [])
  // A hit indexes the data it was picked from: after a drill-down that index means another area.
  useEffect(() => setHit(null), [frame, figures])
  useEffect(() => {
    const area = areaAt(hit)
    const unit = hit?.layerId === UNIT_POINTS_ID ? figures.points[hit.index] : undefined
    if (area) setHighlight({ kind: 'area', code: area.code })
    else if (unit) setHighlight({ kind: 'category', category: unit.category })
    else setHighlight(null)
    // Only the hit drives this; areaAt reads the current render's data.
  }, [hit])
  const drillOrSelect = (code: string) => {
    // A child of the framed area: drill into it (a township too: the map then shows it alone, with its
    // villages where the store has them). The framed area itself (at the bottom): show its details.
    if (code !== frame.area.properties.code && frame.children.some((c) => c.properties.code === code)) goArea(code)
    else {
      setSelectedArea(code)
      setTab('details')
    }
  }
  const onClick = (h: MapHit | null) => {
    if (!h) return
    if (h.layerId === UNIT_POINTS_ID) {
      const unit = figures.points[h.index]
      if (unit) {
        setTab('details')
        go({ unit: unit.id }, 'replace')
      }
      return
    }
    if (h.layerId === UNIT_CLUSTERS_ID) {
      const cluster = clusters[h.index]
      if (cluster) go({ center: cluster.position, zoom: Math.max(CLUSTER_BELOW_ZOOM, zoom) + 2 }, 'replace')
      return
    }
    const area = areaAt(h)
    if (area) drillOrSelect(area.code)
  }
  const onViewChange = useCallback(
    (camera: MapCamera) =>
      update((current) => {
        const same = current.center && current.zoom !== null && Math.abs(current.center[0] - camera.center[0]) < 1e-5 && Math.abs(current.center[1] - camera.center[1]) < 1e-5 && Math.abs(current.zoom - camera.zoom) < 0.005
        return same ? current : { ...current, center: camera.center, zoom: camera.zoom }
      }, 'replace'),
    [update],
  )
  const camera = useMemo(() => (view.center && view.zoom !== null ? { center: view.center, zoom: view.zoom } : null), [view.center, view.zoom])
  const raster = useMemo(() => basemapRasterParts(props.basemap), [props.basemap])
  useEffect(() => setBasemapError(null), [props.basemap])
  const onBasemapError = useCallback((message: string) => setBasemapError(message), [])

  // ── figures and charts
  const kpis = useMemo(() => dashboardKpis(report, figures.self, filters.categories), [report, figures.self, filters.categories])
  const levelsCounted = HONOUR_LEVELS.filter((l) => levelRank(l) >= levelRank(report.minLevel))
  const stacks = useMemo(() => categoryLevelStacks(basis, scheme.categories), [basis, scheme.categories])
  const ranking = useMemo(() => childRanking(basis, measure), [basis, measure])
  const describeTarget = useCallback(
    (target: CoverageArea['targets'][number]) =>
      [target.category ?? t(lang, 'anyCategory'), target.minLevel ? t(lang, 'levelAndAbove', { level: levelName(lang, target.minLevel) }) : null, t(lang, 'due', { year: target.dueYear })]
        .filter(Boolean)
        .join(' · '),
    [lang],
  )
  const bullets = useMemo(() => targetBullets(figures.self?.targets ?? [], describeTarget), [figures.self, describeTarget])
  const categoryCounts = useMemo(() => countsByCategory(figures.units, scheme.categories), [figures.units, scheme.categories])
  const hover = hoverTargetOf(hit, figures, corridors, areaAt)
  const detailArea = (selectedArea ? coverageByCode.get(selectedArea) : null) ?? figures.self ?? null
  const formatValue = (v: number) => formatNumber(lang, v, measure.integer ? 0 : 2)

  return (
    <div className="app dash" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <DashboardHeader
        lang={lang}
        trail={frame.trail}
        schemeName={scheme.name}
        year={filters.year}
        minLevel={report.minLevel}
        childLevel={frame.childLevel}
        kpis={kpis}
        onArea={goArea}
        onLanguage={(l) => go({ lang: l })}
      />
      <div className="dash-body">
        <aside className="dash-side dash-left">
          <FilterPanel
            lang={lang}
            schemes={props.schemes}
            scheme={scheme}
            categories={filters.categories}
            palette={palette}
            minLevel={filters.minLevel}
            statuses={filters.statuses}
            year={filters.year}
            years={years}
            playing={playing}
            searchEntries={props.searchEntries}
            onScheme={(id) => go({ scheme: id, categories: undefined })}
            onCategories={(c) => go({ categories: c ?? undefined })}
            onMinLevel={(level: HonourLevel) => go({ minLevel: level })}
            onStatuses={(s) => go({ status: s.length === 2 && s.includes('命名') && s.includes('复查') ? undefined : s })}
            onYear={(year, final) => go({ year }, final ? 'push' : 'replace')}
            onPlay={onPlay}
            onSearchFocus={props.onSearchFocus}
            onArea={goArea}
          />
          <LayerPanel
            lang={lang}
            layers={view.layers}
            overlays={overlays}
            opacity={opacity}
            measureId={view.measure}
            clustered={clustered}
            onLayer={(id, on) => {
              if (id === 'choropleth' || id === 'units' || id === 'labels') go({ layers: { ...view.layers, [id as ViewLayerId]: on } })
              else {
                const next = on ? [...overlays, id as ViewOverlayId] : overlays.filter((o) => o !== id)
                go({ overlays: next.length > 0 ? next : undefined })
              }
            }}
            onOpacity={(id, value) => go({ opacity: { ...(view.opacity ?? {}), [id]: value } }, 'replace')}
            onMeasure={(id) => go({ measure: id })}
          />
          <BasemapPanel
            lang={lang}
            choice={props.basemap}
            onChoice={(choice) => {
              storeBasemap(choice)
              props.onBasemap(choice)
            }}
          />
        </aside>
        <main className="map-area">
          <AtlasMap
            outline={frame.area}
            boundaries={frame.children}
            layers={layers}
            pending={loading}
            onHover={onHover}
            onClick={onClick}
            onError={props.onError}
            camera={camera}
            onViewChange={onViewChange}
            pitch={showColumns ? 45 : 0}
            framePadding={FRAME_PADDING}
            rasterBasemap={raster}
            onBasemapError={onBasemapError}
          />
          <SampleNotice lang={lang} sample={kpis.sample} schematic={frame.children.some((a) => a.properties.schematic) || frame.area.properties.schematic} />
          {basemapError && (
            <div className="notice notice-basemap" role="status" data-testid="basemap-error">
              {t(lang, 'basemapFailed', { detail: basemapError.slice(0, 80) })}
            </div>
          )}
          <ExportLink view={view} />
          <DashboardLegend
            lang={lang}
            scale={view.layers.choropleth || showColumns ? scale : null}
            density={density}
            heatmap={showHeatmap ? heatmapLegendStops() : null}
            corridors={corridors ? { count: corridors.length, sample: corridors.some((c) => c.sample) } : null}
            schemeName={scheme.name}
            categories={view.layers.units ? categoryCounts : null}
            palette={palette}
            levels={[...levelsCounted].reverse()}
            highlight={highlightCategory}
          />
          {hover && <Tooltip lang={lang} target={hover} schemeName={scheme.name} />}
        </main>
        <aside className="dash-side dash-right">
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'charts'} onClick={() => setTab('charts')}>
              {t(lang, 'charts')}
            </button>
            <button type="button" role="tab" aria-selected={tab === 'details'} onClick={() => setTab('details')}>
              {t(lang, 'details')}
            </button>
          </div>
          {tab === 'charts' ? (
            <div className="charts" data-testid="charts">
              <p className="hint muted">{t(lang, 'hintClick')}</p>
              <h3 className="chart-title">{t(lang, 'chartByCategory')}</h3>
              <CategoryStackChart
                stacks={stacks}
                levels={levelsCounted}
                width={SIDE_CHART_WIDTH}
                highlight={highlightCategory}
                chosen={filters.categories}
                dotColour={palette.cssOf}
                levelLabel={(l) => levelName(lang, l)}
                onHover={(category) => setHighlight(category ? { kind: 'category', category } : null)}
                onClick={(category) => go({ categories: filters.categories?.length === 1 && filters.categories[0] === category ? undefined : [category] })}
              />
              <h3 className="chart-title">{t(lang, 'chartRanking', { level: frame.childLevel && frame.children.length > 0 ? levelNameOfArea(lang, frame) : frame.area.properties.name, measure: scale.title })}</h3>
              <RankingChart
                rows={ranking}
                width={SIDE_CHART_WIDTH}
                highlight={highlightCode}
                colourOf={(code) => cssOf(fillOf(code))}
                format={formatValue}
                noData={t(lang, 'noData')}
                onHover={(code) => setHighlight(code ? { kind: 'area', code } : null)}
                onClick={drillOrSelect}
              />
              <h3 className="chart-title">{t(lang, 'chartGrowth')}</h3>
              {growth ? <GrowthChart points={growth} width={SIDE_CHART_WIDTH} year={filters.year} onYear={(year) => go({ year })} /> : <p className="muted">{t(lang, 'loading')}</p>}
              <h3 className="chart-title">{t(lang, 'chartTargets')}</h3>
              {bullets.length > 0 ? <TargetBullets bullets={bullets} width={SIDE_CHART_WIDTH} /> : <p className="muted">{t(lang, 'noTargets')}</p>}
            </div>
          ) : (
            <div className="details">
              {props.unitDetail && view.unit !== undefined && <UnitDetail lang={lang} detail={props.unitDetail} onClose={() => go({ unit: undefined }, 'replace')} />}
              {detailArea && (
                <AreaDetail
                  lang={lang}
                  area={detailArea}
                  categories={filters.categories ?? scheme.categories}
                  children={detailArea === figures.self ? report.areas : []}
                  describeTarget={describeTarget}
                  onChild={drillOrSelect}
                />
              )}
            </div>
          )}
        </aside>
      </div>
    </div>
  )
}

function levelNameOfArea(lang: ViewLanguage, frame: Frame): string {
  const names: Record<string, Record<ViewLanguage, string>> = {
    prefecture: { zh: '市州', en: 'Prefecture' },
    county: { zh: '县区', en: 'County' },
    township: { zh: '乡镇', en: 'Township' },
    village: { zh: '村', en: 'Village' },
  }
  return names[frame.childLevel ?? '']?.[lang] ?? ''
}

function hoverTargetOf(
  hit: MapHit | null,
  figures: Figures,
  corridors: readonly CorridorItem[] | null,
  areaAt: (h: MapHit | null) => CoverageArea | null,
): HoverTarget | null {
  if (!hit) return null
  if (hit.layerId === CORRIDORS_ID) {
    const corridor = corridors?.[hit.index]
    return corridor ? { kind: 'corridor', corridor, x: hit.x, y: hit.y } : null
  }
  if (hit.layerId === UNIT_POINTS_ID) {
    const unit = figures.points[hit.index]
    return unit ? { kind: 'unit', unit, x: hit.x, y: hit.y } : null
  }
  const area = areaAt(hit)
  return area ? { kind: 'area', area, x: hit.x, y: hit.y } : null
}
