// /screen: the briefing screen. A 1920×1080 canvas scaled to the display, polled live, touring the
// counties. Settings come from ?profile= (a saved screen profile) or the defaults, then the URL.
// ?token= is a screen token: every API request sends it, so the screen reads a private atlas unattended.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { setApiToken, tokenParamOf } from '../api/client'
import type { CoverageArea } from '../api/responses'
import { recordPageError } from '../map/map-status'
import { SampleNotice } from '../panels/SampleNotice'
import { Clock } from './Clock'
import { freshnessOf, type PollState } from './freshness'
import { ProfileEditor } from './ProfileEditor'
import { DEFAULT_SCREEN_CONFIG, type ScreenConfig } from '../../server/shared/screen-profile'
import { effectiveConfig, screenUrlOptionsOf } from './screen-config'
import { accessProblemOf, tokenGivenIn } from './screen-access'
import { loadScreenPlace, type ScreenFeed, type ScreenPlace } from './screen-feed'
import { countyOfCode } from './screen-figures'
import { ScreenMap, useTotalScale } from './ScreenMap'
import { CategoryPanel, GrowthPanel, KpiPanel, MapLegend, RankingPanel, TargetPanel, Ticker, tickerItemsOf, TourCard } from './ScreenPanels'
import { stageTransformCss } from './stage-fit'
import { tourStops, type TourState } from './tour'
import { useScreenFeed, useScreenProfile } from './use-screen-feed'
import { useStage } from './use-stage'
import { useTour } from './use-tour'
import './screen.css'

const URL_OPTIONS = screenUrlOptionsOf(window.location.search)
const TOKEN_GIVEN = tokenGivenIn(window.location.search)
setApiToken(tokenParamOf(window.location.search)) // read once, before the first request; never logged
const PLACE_RETRY_MS = 3_000 // the boundaries failed to load (server still starting, network down): try again
const ACCESS_RETRY_MS = 30_000 // refused (401): only an admin can fix that, so ask again rarely

export function ScreenApp() {
  const stage = useStage(URL_OPTIONS.fit)
  const profile = useScreenProfile(URL_OPTIONS.profile, URL_OPTIONS.refreshSeconds ?? 30)
  const base = URL_OPTIONS.profile === null ? DEFAULT_SCREEN_CONFIG : profile.config
  const config = useMemo(() => (base ? effectiveConfig(base, URL_OPTIONS) : null), [base])
  const profileAccess = accessProblemOf(profile.failure, TOKEN_GIVEN)

  useEffect(() => {
    document.title = `${config?.title ?? '态势大屏'} · Unity Atlas`
  }, [config?.title])

  return (
    <div className={`screen-viewport theme-${config?.theme ?? 'dark'}`}>
      <div
        className="screen-stage"
        style={{ width: stage.width, height: stage.height, transform: stageTransformCss(stage) }}
        data-fit={URL_OPTIONS.fit}
      >
        {config ? (
          <LiveScreen config={config} pixelRatio={window.devicePixelRatio * Math.max(stage.scaleX, stage.scaleY)} />
        ) : profileAccess ? (
          <AccessNotice message={profileAccess} />
        ) : (
          <div className="screen-loading">{profile.error ? `大屏配置无法加载：${profile.error}` : '正在加载大屏配置…'}</div>
        )}
        {/* The saved settings, not the URL's overrides: ?interval=1 while editing must not be saved. */}
        {URL_OPTIONS.edit && <ProfileEditor profileId={URL_OPTIONS.profile} name={profile.name} config={base ?? DEFAULT_SCREEN_CONFIG} />}
      </div>
    </div>
  )
}

/** Loads the place (retrying until the server answers), then polls and shows the figures. */
function LiveScreen({ config, pixelRatio }: { config: ScreenConfig; pixelRatio: number }) {
  const [place, setPlace] = useState<ScreenPlace | null>(null)
  const [placeError, setPlaceError] = useState<unknown>(null)
  const { area, scheme } = config

  useEffect(() => {
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const attempt = () => {
      loadScreenPlace({ area, scheme }).then(
        (loaded) => {
          if (stopped) return
          setPlace(loaded)
          setPlaceError(null)
        },
        (error: unknown) => {
          if (stopped) return
          setPlaceError(error)
          timer = setTimeout(attempt, accessProblemOf(error, TOKEN_GIVEN) ? ACCESS_RETRY_MS : PLACE_RETRY_MS)
        },
      )
    }
    attempt()
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [area, scheme])

  const { feed, poll, failure } = useScreenFeed(place, config)
  const access = accessProblemOf(place ? failure : placeError, TOKEN_GIVEN)

  if (!place || !feed) {
    return (
      <>
        <ScreenHeader title={config.title} poll={poll} feed={null} />
        {access ? <AccessNotice message={access} /> : <div className="screen-loading">{placeError ? `正在连接服务器… (${messageOf(placeError)})` : '正在加载…'}</div>}
      </>
    )
  }
  return (
    <>
      <ScreenBody config={config} place={place} feed={feed} poll={poll} pixelRatio={pixelRatio} />
      {access && <AccessNotice message={access} />}
    </>
  )
}

/** The screen's refusal, in large type where the map would be: what is wrong and what to do. */
function AccessNotice({ message }: { message: string }) {
  return (
    <div className="screen-access" role="alert" data-testid="screen-access">
      {message}
    </div>
  )
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function ScreenHeader({ title, poll, feed }: { title: string; poll: PollState; feed: ScreenFeed | null }) {
  const freshness = freshnessOf(poll)
  return (
    <header className="screen-header" data-panel="header">
      <Clock />
      <h1 className="screen-title">{title}</h1>
      <div className="screen-status">
        <span className={freshness.stale ? 'screen-freshness is-stale' : 'screen-freshness'} data-testid="screen-freshness" data-stale={freshness.stale ? '1' : '0'}>
          {freshness.text}
        </span>
        {feed && <SampleNotice sample={feed.current.sample} schematic={false} />}
      </div>
    </header>
  )
}

interface ScreenBodyProps {
  config: ScreenConfig
  place: ScreenPlace
  feed: ScreenFeed
  poll: PollState
  pixelRatio: number
}

function ScreenBody({ config, place, feed, poll, pixelRatio }: ScreenBodyProps) {
  const placeCode = place.place.properties.code
  // The tour visits the areas with a ledger: a stop on 台湾省 would show a 0 that is no count. Keyed by a string,
  // so a poll that changes nothing else keeps the stops (and the tour's place in them).
  const noLedgerKey = useMemo(() => feed.current.areas.filter((a) => a.noData).map((a) => a.code).join(), [feed])
  const countyCodes = useMemo(() => {
    const noLedger = new Set(noLedgerKey.split(','))
    return place.areas.map((a) => a.properties.code).filter((code) => !noLedger.has(code))
  }, [place, noLedgerKey])
  const configuredTour = config.tour
  const stops = useMemo(() => [placeCode, ...tourStops(countyCodes, configuredTour)], [placeCode, countyCodes, configuredTour])
  const tour: TourState = useTour(stops, config.tourSeconds * 1000, URL_OPTIONS.idleSeconds * 1000)
  const stopCode = stops[tour.index] ?? placeCode
  const focus = useMemo(() => place.areas.find((a) => a.properties.code === stopCode) ?? null, [place, stopCode])
  const focusArea: CoverageArea | null = useMemo(() => feed.current.areas.find((a) => a.code === stopCode) ?? null, [feed, stopCode])
  const scale = useTotalScale(feed)
  const names = useMemo(() => new Map(place.areas.map((a) => [a.properties.code, a.properties.name])), [place])
  const areaName = useCallback((code: string | null) => names.get(countyOfCode(code, countyCodes) ?? '') ?? place.place.properties.name, [names, countyCodes, place])
  const ticker = useMemo(() => tickerItemsOf(feed, areaName, config.aggregateSensitive), [feed, areaName, config.aggregateSensitive])
  const onMapError = useCallback((message: string) => recordPageError(message), [])
  const panels = new Set(config.panels)

  return (
    <>
      <ScreenHeader title={config.title} poll={poll} feed={feed} />
      <div className="screen-column screen-left">
        {panels.has('kpis') && <KpiPanel feed={feed} />}
        {panels.has('categories') && <CategoryPanel feed={feed} area={focusArea} />}
        {panels.has('targets') && <TargetPanel feed={feed} />}
      </div>
      <main className="screen-map" data-panel="map">
        <ScreenMap place={place} feed={feed} focus={focus} aggregateSensitive={config.aggregateSensitive} pixelRatio={pixelRatio} onError={onMapError} />
        <TourCard area={focusArea} placeName={place.place.properties.name} feed={feed} paused={tour.pausedUntil !== null} aggregateSensitive={config.aggregateSensitive} />
        <MapLegend scale={scale} />
        <ol className="tour-dots" aria-label="轮播">
          {stops.map((code, i) => (
            <li key={code} className={i === tour.index ? 'is-current' : ''} title={names.get(code) ?? place.place.properties.name} />
          ))}
        </ol>
      </main>
      <div className="screen-column screen-right">
        {panels.has('ranking') && <RankingPanel feed={feed} highlight={focusArea?.code ?? null} />}
        {panels.has('growth') && <GrowthPanel feed={feed} />}
      </div>
      {panels.has('ticker') && <Ticker items={ticker} />}
    </>
  )
}
