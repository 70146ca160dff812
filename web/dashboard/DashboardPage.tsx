// The analyst dashboard (the page at /): filters and layers on the left, the map with its legend in the
// middle, linked charts and detail panels on the right. Everything shown is a function of the URL's view
// state (view-state.ts) and the data loaded for it; every change goes through `navigate`.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { HONOUR_LEVELS, type HonourLevel } from '../../server/shared/domain'
import type { AlertItem, AlertsResponse, CorridorItem, UnitDetailResponse } from '../api/client'
import type { CoverageArea, Scheme } from '../api/responses'
import { categoryPalette } from '../data/category-colours'
import { showsUnitPoints } from '../data/unit-aggregation'
import { areaColourOf, measureById, measureScale } from '../data/measures'
import { cssOf, type Rgba } from '../data/rgba'
import { clusterUnits } from '../data/unit-clusters'
import { byAreaSize, placeLabels } from '../data/label-placement'
import { capitalsShown, withCapitals } from '../data/capitals'
import { unitDensity } from '../data/unit-density'
import { countsByCategory, levelRank } from '../data/units'
import type { ViewLanguage, ViewLayerId, ViewOverlayId, ViewState } from '../../server/shared/view-state'
import { ExportLink } from '../export/ExportLink'
import { areaColumnsOf, COLUMNS_PITCH } from '../layers/area-columns'
import { CORRIDORS_ID } from '../layers/demo-corridors'
import { UNIT_CLUSTERS_ID } from '../layers/unit-clusters'
import { heatmapLegendStops } from '../layers/unit-heatmap'
import { UNIT_POINTS_ID } from '../layers/unit-points'
import { layerOpacity, viewLayers } from '../layers/view-layers'
import { AtlasMap, type MapCamera, type MapHit } from '../map/AtlasMap'
import { basemapRasterParts, storeBasemap, type BasemapChoice } from '../map/basemaps'
import type { MapFrame, TrailStep } from '../map/area-frame'
import { tiledChoroplethLayers } from '../layers/tiled-choropleth'
import type { StyleLayer } from '../map/offline-style'
import { SampleNotice } from '../panels/SampleNotice'
import type { GrowthPoint } from './chart-data'
import { dashboardKpis, kpiBasis } from './dashboard-kpis'
import type { Figures } from './dashboard-data'
import type { DashboardFilters } from './filters'
import { formatNumber, measureTitleEn, oneAreaLevelName, t, targetDescription } from './i18n'
import { areaOfHit, hoverTargetOf, type DrawnData } from './map-hits'
import { AlertsPanel } from './panels/AlertsPanel'
import { AreaDetail } from './panels/AreaDetail'
import { ChartsPanel } from './panels/ChartsPanel'
import { BasemapPanel } from './panels/BasemapPanel'
import { DashboardHeader } from './panels/DashboardHeader'
import { DashboardLegend } from './panels/DashboardLegend'
import { FilterPanel } from './panels/FilterPanel'
import { LayerPanel } from './panels/LayerPanel'
import { Tooltip } from './panels/Tooltip'
import { UnitDetail } from './panels/UnitDetail'
import type { NavigationMode } from './use-url-view'
import './dashboard.css'

/** Units are aggregated below this zoom, or below CROWDED_ZOOM when there are more than CROWDED_UNITS. */
export const CLUSTER_BELOW_ZOOM = 6
const CROWDED_ZOOM = 9
const CROWDED_UNITS = 5_000
/** Room around the framed area: the legend card takes the lower left of the map. */
const FRAME_PADDING = { top: 64, right: 60, bottom: 36, left: 260 }
const NO_STYLE_LAYERS: readonly StyleLayer[] = []

export interface DashboardPageProps {
  view: ViewState
  navigate(next: ViewState, mode: NavigationMode): void
  update(change: (current: ViewState) => ViewState, mode: NavigationMode): void
  schemes: readonly Scheme[]
  scheme: Scheme
  filters: DashboardFilters
  frame: MapFrame
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
  alerts: AlertsResponse | null // null: still loading
  onError(message: string): void
}

type Highlight = { kind: 'area'; code: string } | { kind: 'category'; category: string } | null

export function DashboardPage(props: DashboardPageProps) {
  const { view, navigate, update, scheme, filters, frame, figures, growth, years, loading } = props
  const lang: ViewLanguage = view.lang
  const [hit, setHit] = useState<MapHit | null>(null)
  const [highlight, setHighlight] = useState<Highlight>(null)
  const [tab, setTab] = useState<'charts' | 'details' | 'alerts'>(view.unit !== undefined ? 'details' : 'charts')
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
  const mapAreas = useMemo(() => (frame.children.length > 0 ? frame.children : [frame.area]), [frame])
  // The boundaries deck.gl colours; null where the map style draws them from the vector tiles (tiled-frame.ts).
  const featureAreas = useMemo(() => {
    if (frame.drawing.kind !== 'features') return null
    return frame.drawing.children.length > 0 ? [...frame.drawing.children] : [frame.drawing.area]
  }, [frame])
  const classesKey = JSON.stringify([measure.id, frame.area.properties.code, filters.scheme, filters.categories, filters.minLevel, filters.statuses])
  const heldClasses = playClasses?.key === classesKey ? playClasses.values : undefined
  const scale = useMemo(() => {
    const s = measureScale(measure, basisReport, heldClasses)
    return lang === 'zh' ? s : { ...s, title: measureTitleEn(measure.id, report.minLevel, scheme.name, filters.categories?.length ?? scheme.categories.length) }
  }, [measure, basisReport, heldClasses, lang, report.minLevel, scheme, filters.categories])
  const coverageByCode = useMemo(() => new Map(basis.map((a) => [a.code, a])), [basis])
  const fillOf = useCallback((code: string): Rgba => {
    return areaColourOf(measure, scale, coverageByCode.get(code))
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
  const opacity = useMemo(() => layerOpacity(view), [view.opacity])
  const overlays = view.overlays ?? []
  const overlaysKey = overlays.join(',')
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
  const columns = useMemo(() => areaColumnsOf(frame.labels, coverageByCode, measure.valueOf), [frame.labels, coverageByCode, measure])
  // Placed anew at each zoom the map settles on: names that would overlap at this zoom are left out until it grows.
  const capitals = useMemo(() => capitalsShown(frame.area.properties.code, frame.level, zoom), [frame.area, frame.level, zoom])
  const labels = useMemo(
    () => placeLabels(withCapitals(frame.labels, capitals), { zoom, fontSize: 14, priority: byAreaSize(mapAreas) }),
    [frame.labels, capitals, zoom, mapAreas],
  )
  const highlightCode = highlight?.kind === 'area' ? highlight.code : null
  const highlighted = useMemo(() => featureAreas?.find((a) => a.properties.code === highlightCode) ?? null, [featureAreas, highlightCode])
  const layers = useMemo(
    () =>
      viewLayers(
        view,
        {
          areas: featureAreas,
          fillOf,
          labels,
          capitals,
          units: figures.points,
          clusters: clustered ? clusters : null,
          density: hexDensity,
          columns,
          corridors,
          outlined: highlighted,
        },
        { unitColourOf, outline: 'highlight', highlightCorridor },
      ),
    [view.layers, overlaysKey, view.opacity, featureAreas, fillOf, labels, capitals, figures.points, clustered, clusters, hexDensity, columns, corridors, highlighted, unitColourOf, highlightCorridor],
  )
  const childCodes = useMemo(() => frame.children.map((a) => a.properties.code), [frame])
  const styleLayers = useMemo(
    () =>
      frame.drawing.kind === 'tiles'
        ? tiledChoroplethLayers(frame.drawing, { codes: childCodes, fillOf, choropleth: view.layers.choropleth, opacity: opacity.choropleth, outlined: highlightCode, outline: 'highlight' })
        : NO_STYLE_LAYERS,
    [frame, childCodes, fillOf, view.layers.choropleth, opacity.choropleth, highlightCode],
  )

  // ── map events
  const drawn: DrawnData = { areas: featureAreas ?? [], columns, coverageByCode, points: figures.points, corridors }
  const onHover = useCallback((h: MapHit | null) => setHit(h), [])
  // A hit indexes the data it was picked from: after a drill-down that index means another area.
  useEffect(() => setHit(null), [frame, figures])
  useEffect(() => {
    const area = areaOfHit(hit, drawn)
    const unit = hit?.layerId === UNIT_POINTS_ID ? figures.points[hit.index] : undefined
    if (area) setHighlight({ kind: 'area', code: area.code })
    else if (unit) setHighlight({ kind: 'category', category: unit.category })
    else setHighlight(null)
    // Only the hit drives this; it is read against the current render's data.
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
    const area = areaOfHit(h, drawn)
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
  const describeTarget = useCallback((target: CoverageArea['targets'][number]) => targetDescription(lang, target), [lang])
  const categoryCounts = useMemo(() => countsByCategory(figures.units, scheme.categories), [figures.units, scheme.categories])
  const hover = hoverTargetOf(hit, drawn)
  const detailArea = (selectedArea ? coverageByCode.get(selectedArea) : null) ?? figures.self ?? null
  const alertTotal = props.alerts ? Object.values(props.alerts.counts).reduce((sum, n) => sum + n, 0) : 0
  // An alert about a unit opens its details; one about a target (or a unit placed nowhere on the map) its area.
  const onAlert = (alert: AlertItem) => {
    setTab('details')
    if (alert.unit) go({ unit: alert.unit.id }, 'replace')
    else if (alert.areaCode && alert.areaCode !== frame.area.properties.code) goArea(alert.areaCode)
    else setSelectedArea(null)
  }

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
            drawing={frame.drawing}
            layers={layers}
            styleLayers={styleLayers}
            pending={loading}
            onHover={onHover}
            onClick={onClick}
            onError={props.onError}
            camera={camera}
            onViewChange={onViewChange}
            pitch={showColumns ? COLUMNS_PITCH : 0}
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
            categories={view.layers.units && showsUnitPoints(frame.level) ? categoryCounts : null}
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
            <button type="button" role="tab" aria-selected={tab === 'alerts'} onClick={() => setTab('alerts')} data-testid="alerts-tab">
              {t(lang, 'alerts')}
              {alertTotal > 0 && <span className="tab-count">{alertTotal}</span>}
            </button>
          </div>
          {tab === 'alerts' ? (
            props.alerts ? <AlertsPanel lang={lang} answer={props.alerts} onAlert={onAlert} /> : <p className="muted">{lang === 'en' ? 'Loading…' : '正在加载…'}</p>
          ) : tab === 'charts' ? (
            <ChartsPanel
              lang={lang}
              areas={basis}
              own={figures.self}
              schemeCategories={scheme.categories}
              categories={filters.categories}
              levels={levelsCounted}
              measure={measure}
              excludedNote={kpis.excluded.length > 0 ? t(lang, 'noLedgerNote', { names: kpis.excluded.join(lang === 'zh' ? '、' : ', ') }) : null}
              rankingTitle={t(lang, 'chartRanking', { level: frame.childLevel && frame.children.length > 0 ? oneAreaLevelName(lang, frame.childLevel) : frame.area.properties.name, measure: scale.title })}
              palette={palette}
              highlightCategory={highlightCategory}
              highlightArea={highlightCode}
              areaCss={(code) => cssOf(fillOf(code))}
              formatValue={(v) => formatNumber(lang, v, measure.integer ? 0 : 2)}
              growth={growth}
              year={filters.year}
              describeTarget={describeTarget}
              onHighlightCategory={(category) => setHighlight(category ? { kind: 'category', category } : null)}
              onHighlightArea={(code) => setHighlight(code ? { kind: 'area', code } : null)}
              onCategory={(category) => go({ categories: filters.categories?.length === 1 && filters.categories[0] === category ? undefined : [category] })}
              onArea={drillOrSelect}
              onYear={(year) => go({ year })}
            />
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
