// The dashboard page (path /): the analyst dashboard. Reads the view from the URL, loads what it needs and
// hands it to DashboardPage; shows what failed, in the page and on <body>.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { fetchAlerts, fetchCorridors, fetchUnitDetail } from '../api/client'
import { useAsyncValue } from '../api/use-async-value'
import { loadMapFrame, type TrailStep } from '../map/area-frame'
import { loadStoredBasemap, type BasemapChoice } from '../map/basemaps'
import { recordPageError } from '../map/map-status'
import { ErrorNotice } from '../panels/ErrorNotice'
import { loadFigures, loadGrowth, loadSchemes, loadSearchEntries } from './dashboard-data'
import { DashboardPage } from './DashboardPage'
import { LISTED_PER_KIND } from './panels/AlertsPanel'
import { filtersOf } from './filters'
import { useUrlView } from './use-url-view'

/** The reporting year: coverage as of the end of the current year. */
const YEAR = new Date().getFullYear()
/** The "as of" slider's first year: the demo's earliest namings are from 2014. */
const FIRST_YEAR = 2012

export function DashboardApp() {
  const { view, error: viewError, navigate, update } = useUrlView()
  const [mapErrors, setMapErrors] = useState<string[]>([])
  const [basemap, setBasemap] = useState<BasemapChoice>(loadStoredBasemap)
  const [searchWanted, setSearchWanted] = useState(false)

  const schemes = useAsyncValue(loadSchemes, [])
  const frame = useAsyncValue(() => loadMapFrame(view.area), [view.area])
  const schemeList = schemes.value
  const scheme = schemeList ? (schemeList.find((s) => s.id === view.scheme) ?? schemeList.find((s) => s.isDefault) ?? schemeList[0]) : null
  const filters = useMemo(
    () => (scheme ? filtersOf(view, { scheme: scheme.id, year: YEAR }) : null),
    [scheme, view.scheme, view.categories, view.minLevel, view.status, view.year],
  )
  const filterKey = JSON.stringify(filters)
  const { year: _year, ...growthFilters } = filters ?? {}
  const growthKey = JSON.stringify(growthFilters)
  const frameValue = frame.value
  const figures = useAsyncValue(frameValue && filters ? () => loadFigures(frameValue, filters) : null, [frameValue, filterKey])
  // The growth series waits for the frame's own figures, so that it never delays the map's first frame.
  const figuresOfFrame = frameValue !== null && figures.value?.code === frameValue.area.properties.code
  const growth = useAsyncValue(frameValue && filters && figuresOfFrame ? () => loadGrowth(frameValue, filters, FIRST_YEAR, YEAR) : null, [frameValue, growthKey, figuresOfFrame])
  // Like the growth series, after the frame's figures: the map's first frame never waits for them.
  const alerts = useAsyncValue(frameValue && figuresOfFrame ? () => fetchAlerts(frameValue.area.properties.code, LISTED_PER_KIND) : null, [frameValue, figuresOfFrame])
  const search = useAsyncValue<TrailStep[]>(searchWanted ? loadSearchEntries : null, [searchWanted])
  const unit = useAsyncValue(view.unit !== undefined ? () => fetchUnitDetail(view.unit as number) : null, [view.unit])
  const corridorsWanted = view.overlays?.includes('corridors') ?? false
  const corridors = useAsyncValue(
    corridorsWanted && frameValue ? () => fetchCorridors(frameValue.area.properties.code).then((answer) => answer.corridors) : null,
    [corridorsWanted, frameValue],
  )

  const loadErrors = [viewError, schemes.error, frame.error, figures.error, growth.error, unit.error, corridors.error, alerts.error].flatMap((e) => (e ? [e.message] : []))
  const loadErrorText = loadErrors.join('\n')
  useEffect(() => {
    if (loadErrorText) recordPageError(loadErrorText)
  }, [loadErrorText])

  const onMapError = useCallback((message: string) => {
    recordPageError(message)
    setMapErrors((previous) => (previous.includes(message) ? previous : [...previous, message]))
  }, [])

  const figuresValue = figures.value
  const ready = schemeList && scheme && filters && frameValue && figuresValue
  return (
    <div className="app">
      {ready ? (
        <DashboardPage
          view={view}
          navigate={navigate}
          update={update}
          schemes={schemeList}
          scheme={scheme}
          filters={filters}
          frame={frameValue}
          figures={figuresValue}
          corridors={corridors.value}
          growth={growth.value}
          years={[FIRST_YEAR, YEAR]}
          loading={frame.loading || figures.loading || corridors.loading}
          basemap={basemap}
          onBasemap={setBasemap}
          searchEntries={search.value}
          onSearchFocus={() => setSearchWanted(true)}
          unitDetail={unit.value}
          alerts={alerts.value?.area.code === frameValue.area.properties.code ? alerts.value : null}
          onError={onMapError}
        />
      ) : (
        loadErrors.length === 0 && <div className="loading">{view.lang === 'en' ? 'Loading…' : '正在加载…'}</div>
      )}
      <ErrorNotice messages={[...loadErrors, ...mapErrors]} />
    </div>
  )
}
