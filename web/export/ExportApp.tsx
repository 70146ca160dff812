// /export: the print layout composer. Preview (the default) shows the page scaled to the window beside
// its options; render mode (?render=1, what the server's Chromium opens) lays the page out at 1:1 CSS px
// and sets body[data-export-ready]="1" once every sheet's map has drawn. An atlas (atlasBy=…) renders
// its sheets one after another, freezing each map into a 2D canvas before the next one starts.
// ?token= is the export job's render credential: every API request sends it, so the page reads as the
// user who asked for the export (server/auth/render-tokens.ts).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { setApiToken, tokenParamOf } from '../api/client'
import { parseViewState, type ViewState } from '../../server/shared/view-state'
import { recordPageError } from '../map/map-status'
import { ErrorNotice } from '../panels/ErrorNotice'
import { parseExportOptions, type ExportOptions } from '../../server/shared/export-options'
import { ExportLayout, type SheetReady } from './ExportLayout'
import type { ScaleBar } from './scale-bar'
import { frozenMapCanvas } from './ExportMap'
import { captureGeometry, pageSizeOf } from '../../server/shared/paper'
import { ExportPreview } from './ExportPreview'
import { atlasSheetCodes, frameCodeOf, loadSheet, type SheetData } from './sheet-data'
import './export.css'

/** What the render page offers the exporter (and tests) on window.atlasExport. */
export interface AtlasExportHandle {
  sheets: string[] // area codes, one per page
  show(index: number | null): void // only sheet `index` is laid out (at the top), or all of them
  probe(): { scaleBar: { metres: number; pixels: number }; project(lonLat: [number, number]): [number, number] } | null
}

declare global {
  interface Window {
    atlasExport?: AtlasExportHandle
  }
}

interface Parsed {
  view: ViewState
  options: ExportOptions
  render: boolean
  freeze: boolean
}

function parseUrl(): Parsed | Error {
  const params = new URLSearchParams(window.location.search)
  try {
    return { view: parseViewState(params), options: parseExportOptions(params), render: params.get('render') === '1', freeze: params.get('freeze') === '1' }
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}

export function ExportApp() {
  const [parsed] = useState(parseUrl)
  useEffect(() => {
    if (parsed instanceof Error) recordPageError(parsed.message)
  }, [parsed])
  if (parsed instanceof Error) return <ErrorNotice messages={[parsed.message]} />
  return parsed.render ? <RenderPage {...parsed} /> : <ExportPreview view={parsed.view} initialOptions={parsed.options} />
}

setApiToken(tokenParamOf(window.location.search)) // read once, before the first request; never logged

const THIS_YEAR = new Date().getFullYear()

function RenderPage({ view, options, freeze }: Parsed) {
  const size = pageSizeOf(options.page)
  const { cssWidth, cssHeight } = captureGeometry(size.widthPx, size.heightPx, size.scale)
  const [codes, setCodes] = useState<string[] | null>(null)
  // Sheets whose map has drawn and been frozen; the live sheet is drawn by one map reused for every
  // sheet in turn, so deck.gl and MapLibre compile their shaders once per job, not once per page.
  const [done, setDone] = useState<{ sheet: SheetData; frozen: { canvas: HTMLCanvasElement; scaleBar: ScaleBar } }[]>([])
  const [live, setLive] = useState<SheetData | null>(null)
  const [errors, setErrors] = useState<string[]>([])
  const [shown, setShown] = useState<number | null>(null)
  const ready = useRef<SheetReady | null>(null)
  const today = useMemo(() => new Date(), [])
  const onError = useCallback((message: string) => {
    recordPageError(message)
    document.body.classList.remove('export-drawing') // a page that failed shows what it has, and why
    setErrors((e) => (e.includes(message) ? e : [...e, message]))
  }, [])

  useEffect(() => {
    document.body.classList.add('export-render-body')
    document.body.classList.add('export-drawing') // export.css: nothing composited until the maps have drawn
    if (options.transparent) document.body.classList.add('export-transparent')
    const load = options.atlasBy ? atlasSheetCodes(view, options.atlasBy) : frameCodeOf(view).then((c) => [c])
    load.then(setCodes, (e: Error) => onError(e.message))
  }, [view, options, onError])

  const freezing = freeze || (codes !== null && codes.length > 1)
  const nextCode = codes && done.length < codes.length ? codes[done.length] : null
  useEffect(() => {
    if (nextCode === null || !codes) return
    document.body.dataset.exportProgress = `${done.length}/${codes.length}`
    let current = true
    loadSheet(view, nextCode, THIS_YEAR).then(
      (sheet) => current && setLive(sheet),
      (e: Error) => onError(e.message),
    )
    return () => {
      current = false
    }
  }, [nextCode, view, codes, done.length, onError])

  const onLiveReady = useCallback(
    (info: SheetReady) => {
      ready.current = info
      if (!live || live.frame.properties.code !== nextCode) return
      if (!freezing) markReady(1)
      else setDone((d) => (d.length < (codes?.length ?? 0) && d.at(-1)?.sheet !== live ? [...d, { sheet: live, frozen: { canvas: frozenMapCanvas(info.container), scaleBar: info.scaleBar } }] : d))
    },
    [live, nextCode, freezing, codes],
  )
  useEffect(() => {
    if (codes && freezing && done.length === codes.length) markReady(codes.length)
  }, [codes, freezing, done.length])

  useEffect(() => {
    window.atlasExport = {
      sheets: codes ?? [],
      show: setShown,
      probe() {
        const info = ready.current
        if (!info) return null
        const box = info.container.getBoundingClientRect()
        return {
          scaleBar: { metres: info.scaleBar.metres, pixels: info.scaleBar.pixels },
          project: (lonLat) => {
            const p = info.map.project(lonLat)
            return [box.left + p.x, box.top + p.y]
          },
        }
      },
    }
  }, [codes])

  const showLive = live !== null && !(freezing && codes !== null && done.length === codes.length)
  return (
    <div className="export-render" style={{ width: cssWidth }}>
      {done.map(({ sheet, frozen }, i) => (
        <div key={sheet.frame.properties.code} className="export-page" style={{ display: shown === null || shown === i ? undefined : 'none' }}>
          <ExportLayout sheet={sheet} view={view} options={options} width={cssWidth} height={cssHeight} frozen={frozen} today={today} onReady={ignore} onError={onError} />
        </div>
      ))}
      {showLive && (
        <div key="live" className="export-page export-live">
          <ExportLayout sheet={live} view={view} options={options} width={cssWidth} height={cssHeight} frozen={null} today={today} onReady={onLiveReady} onError={onError} />
        </div>
      )}
      {errors.length > 0 && <ErrorNotice messages={errors} />}
    </div>
  )
}

function ignore(): void {}

/** Shows the page once its maps have drawn, and says it is ready after the frame that shows it. */
function markReady(pages: number): void {
  document.body.dataset.exportProgress = `${pages}/${pages}`
  void document.fonts.ready.then(() => {
    document.body.classList.remove('export-drawing')
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        document.body.dataset.exportPages = String(pages)
        document.body.dataset.exportReady = '1'
      }),
    )
  })
}
