// The map page: the analyst dashboard (web/dashboard). Reads the view from the URL, loads what it needs
// and hands it over; shows what failed, in the page and on <body>.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { fetchCorridors, fetchUnitDetail } from '../api/client'
import { useAsyncValue } from '../api/use-async-value'
import { yearRange } from '../dashboard/chart-data'
import { figuresForCategories, growthForCategories, loadFrame, loadGrowth, loadRawFigures, loadSchemes, loadSearchEntries, type TrailStep } from '../dashboard/dashboard-data'
import { DashboardPage } from '../dashboard/DashboardPage'
import { filtersOf } from '../dashboard/filters'
import { useUrlView } from '../dashboard/use-url-view'
import { ErrorNotice } from '../panels/ErrorNotice'
import { loadStoredBasemap, type BasemapChoice } from './basemaps'
import { recordPageError } from './map-status'

/** The reporting year: coverage as of the end of the current year. */
const YEAR = new Date().getFullYear()
/** The "as of" slider's first year: the demo's earliest namings are from 2014. */
const FIRST_YEAR = 2012

export function MapApp() {
  const { view, error: viewError, navigate, update } = useUrlView()
  const [mapErrors, setMapErrors] = useState<string[]>([])
  const [basemap, setBasemap] = useState<BasemapChoice>(loadStoredBasemap)
  const [searchWanted, setSearchWanted] = useState(false)

  const schemes = useAsyncValue(loadSchemes, [])
  const frame = useAsyncValue(() => loadFrame(view.area), [view.area])
  const schemeList = schemes.value
  const scheme = schemeList ? (schemeList.find((s) => s.id === view.scheme) ?? schemeList.find((s) => s.isDefault) ?? schemeList[0]) : null
  const filters = useMemo(
    () => (scheme ? filtersOf(view, { scheme: scheme.id, year: YEAR }) : null),
    [scheme, view.scheme, view.categories, view.minLevel, view.status, view.year],
  )
  // Categories are applied on the client: a category change reloads nothing.
  const { categories: _categories, ...serverFilters } = filters ?? { categories: null }
  const filterKey = JSON.stringify(serverFilters)
  const { year: _year, ...growthFilters } = serverFilters as { year?: number }
  const growthKey = JSON.stringify(growthFilters)
  const frameValue = frame.value
  const raw = useAsyncValue(frameValue && filters ? () => loadRawFigures(frameValue, filters) : null, [frameValue, filterKey])
  const years = useMemo(() => yearRange(FIRST_YEAR, YEAR), [])
  // The growth series (one coverage request per year) waits for the frame's own figures: the server answers
  // one request at a time and the browser opens six connections, so asked together they delay the map.
  const figuresOfFrame = frameValue !== null && raw.value?.code === frameValue.area.properties.code
  const rawGrowth = useAsyncValue(frameValue && filters && figuresOfFrame ? () => loadGrowth(frameValue, filters, years) : null, [frameValue, growthKey, figuresOfFrame])
  const categories = filters?.categories ?? null
  const categoriesKey = JSON.stringify(categories)
  const figures = {
    ...raw,
    value: useMemo(() => (raw.value ? figuresForCategories(raw.value, categories) : null), [raw.value, categoriesKey]),
  }
  const growth = { ...rawGrowth, value: useMemo(() => (rawGrowth.value ? growthForCategories(rawGrowth.value, categories) : null), [rawGrowth.value, categoriesKey]) }
  const search = useAsyncValue<TrailStep[]>(searchWanted ? loadSearchEntries : null, [searchWanted])
  const unit = useAsyncValue(view.unit !== undefined ? () => fetchUnitDetail(view.unit as number) : null, [view.unit])
  const corridorsWanted = view.overlays?.includes('corridors') ?? false
  const corridors = useAsyncValue(
    corridorsWanted && frameValue ? () => fetchCorridors(frameValue.area.properties.code).then((answer) => answer.corridors) : null,
    [corridorsWanted, frameValue],
  )

  const loadErrors = [viewError, schemes.error, frame.error, figures.error, growth.error, unit.error, corridors.error].flatMap((e) => (e ? [e.message] : []))
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
          onError={onMapError}
        />
      ) : (
        loadErrors.length === 0 && <div className="loading">{view.lang === 'en' ? 'Loading…' : '正在加载…'}</div>
      )}
      <ErrorNotice messages={[...loadErrors, ...mapErrors]} />
    </div>
  )
}
