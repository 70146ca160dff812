// /export: the print layout composer. Preview (the default) shows the page scaled to the window beside
// its options; render mode (?render=1, what the server's Chromium opens) lays the page out at 1:1 CSS px
// and sets body[data-export-ready]="1" once every sheet's map has drawn. An atlas (atlasBy=…) renders
// its sheets one after another, freezing each map into a 2D canvas before the next one starts.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { parseViewState, type ViewState } from '../data/view-state'
import { recordPageError } from '../map/map-status'
import { ErrorNotice } from '../panels/ErrorNotice'
import { parseExportOptions, type ExportOptions } from './export-options'
import { ExportLayout, type SheetReady } from './ExportLayout'
import { frozenMapCanvas } from './ExportMap'
import { captureGeometry, pageSizeOf } from './paper'
import { ExportPreview } from './ExportPreview'
import { atlasSheetCodes, frameCodeOf, loadSheet, type SheetData } from './sheet-data'
import './export.css'

/** What the render page offers the exporter (and tests) on window.atlasExport. */
export interface AtlasExportHandle {
  sheets: string[] // area codes, one per page
  show(index: number | null): void // only sheet `index` is laid out (at the top), or all of them
  probe(index: number): { scaleBar: { metres: number; pixels: number }; project(lonLat: [number, number]): [number, number] } | null
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

const THIS_YEAR = new Date().getFullYear()

function RenderPage({ view, options, freeze }: Parsed) {
  const size = pageSizeOf(options.page)
  const { cssWidth, cssHeight } = captureGeometry(size.widthPx, size.heightPx, size.scale)
  const [codes, setCodes] = useState<string[] | null>(null)
  const [sheets, setSheets] = useState<SheetData[]>([])
  const [frozen, setFrozen] = useState<HTMLCanvasElement[]>([])
  const [errors, setErrors] = useState<string[]>([])
  const [shown, setShown] = useState<number | null>(null)
  const ready = useRef<SheetReady[]>([])
  const today = useMemo(() => new Date(), [])
  const onError = useCallback((message: string) => {
    recordPageError(message)
    setErrors((e) => (e.includes(message) ? e : [...e, message]))
  }, [])

  useEffect(() => {
    document.body.classList.add('export-render-body')
    if (options.transparent) document.body.classList.add('export-transparent')
    const load = options.atlasBy ? atlasSheetCodes(view, options.atlasBy) : frameCodeOf(view).then((c) => [c])
    load.then(setCodes, (e: Error) => onError(e.message))
  }, [view, options, onError])

  const freezing = freeze || (codes !== null && codes.length > 1)
  const next = codes && sheets.length === frozen.length && sheets.length < codes.length ? codes[sheets.length] : null
  useEffect(() => {
    if (next === null) return
    document.body.dataset.exportProgress = `${frozen.length}/${codes?.length ?? 0}`
    loadSheet(view, next, THIS_YEAR).then((sheet) => setSheets((s) => [...s, sheet]), (e: Error) => onError(e.message))
  }, [next, view, codes, frozen.length, onError])

  const onSheetReady = useCallback(
    (index: number, info: SheetReady) => {
      ready.current[index] = info
      if (freezing) setFrozen((f) => (f.length === index ? [...f, frozenMapCanvas(info.container)] : f))
      else markReady(1)
    },
    [freezing],
  )
  useEffect(() => {
    if (codes && freezing && frozen.length === codes.length) markReady(codes.length)
  }, [codes, freezing, frozen.length])

  useEffect(() => {
    window.atlasExport = {
      sheets: codes ?? [],
      show: setShown,
      probe(index) {
        const info = ready.current[index]
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

  return (
    <div className="export-render" style={{ width: cssWidth }}>
      {sheets.map((sheet, i) => (
        <div key={sheet.frame.properties.code} className="export-page" style={{ display: shown === null || shown === i ? undefined : 'none' }}>
          <ExportLayout
            sheet={sheet}
            view={view}
            options={options}
            width={cssWidth}
            height={cssHeight}
            frozen={frozen[i] ?? null}
            today={today}
            onReady={(info) => onSheetReady(i, info)}
            onError={onError}
          />
        </div>
      ))}
      {errors.length > 0 && <ErrorNotice messages={errors} />}
    </div>
  )
}

function markReady(pages: number): void {
  document.body.dataset.exportProgress = `${pages}/${pages}`
  void document.fonts.ready.then(() => {
    document.body.dataset.exportPages = String(pages)
    document.body.dataset.exportReady = '1'
  })
}
