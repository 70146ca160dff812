// The map page: loads what it needs and hands it over; shows what failed, in the page and on <body>.
import { useCallback, useEffect, useState } from 'react'
import type { HonourLevel } from '../../server/domain'
import { useAsyncValue } from '../api/use-async-value'
import { loadCoverage, loadPlace } from './map-page-data'
import { recordPageError } from './map-status'
import { MapPage } from './MapPage'
import { ErrorNotice } from '../panels/ErrorNotice'
import { initialViewState } from '../export/url-view'

/** The reporting year: coverage as of the end of the current year. */
const YEAR = new Date().getFullYear()

export function MapApp() {
  const [initial] = useState(initialViewState) // the view in the URL (view-state.ts), or the default
  const year = initial.view.year ?? YEAR
  const [minLevel, setMinLevel] = useState<HonourLevel>(initial.view.minLevel)
  const [mapErrors, setMapErrors] = useState<string[]>([])
  const place = useAsyncValue(loadPlace, [])
  const placeValue = place.value
  const coverage = useAsyncValue(placeValue ? () => loadCoverage(placeValue, minLevel, year) : null, [placeValue, minLevel])

  const loadErrors = [initial.error, place.error, coverage.error].flatMap((e) => (e ? [e.message] : []))
  const loadErrorText = loadErrors.join('\n')
  useEffect(() => {
    if (loadErrorText) recordPageError(loadErrorText)
  }, [loadErrorText])

  const onMapError = useCallback((message: string) => {
    recordPageError(message)
    setMapErrors((previous) => (previous.includes(message) ? previous : [...previous, message]))
  }, [])

  return (
    <div className="app">
      {placeValue && coverage.value ? (
        <MapPage
          place={placeValue}
          data={coverage.value}
          loading={coverage.loading}
          year={year}
          view={initial.view}
          minLevel={minLevel}
          onMinLevel={setMinLevel}
          onError={onMapError}
        />
      ) : (
        !place.error && !coverage.error && <div className="loading">正在加载…</div>
      )}
      <ErrorNotice messages={[...loadErrors, ...mapErrors]} />
    </div>
  )
}
