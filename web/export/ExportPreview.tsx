// The composer's preview: the options on the left, the page on the right scaled to fit (WYSIWYG: the
// very layout the server renders), and download links that ask the server for the same query.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { serializeViewState, VIEW_LANGUAGES, withViewState, type ViewLanguage, type ViewState } from '../../server/shared/view-state'
import { mapReviewPrint, type MapReviewPrint } from '../../server/shared/map-review'
import { exportWord } from './export-words'
import { recordPageError } from '../map/map-status'
import { ErrorNotice } from '../panels/ErrorNotice'
import { exportUrl } from '../api/client'
import { serializeExportOptions, withExportOptions, type ExportOptions } from '../../server/shared/export-options'
import { ExportLayout } from './ExportLayout'
import { captureGeometry, DPIS, ORIENTATIONS, pageSizeOf, PAPERS, type PageSpec } from '../../server/shared/paper'
import { frameCodeOf, loadSheet, type SheetData } from './sheet-data'
import { INSET_CORNERS, needsSouthChinaSeaInset, type InsetCorner } from '../../server/shared/south-china-sea'

export interface ExportPreviewProps {
  view: ViewState
  initialOptions: ExportOptions
}

type PaperChoice = (typeof PAPERS)[number] | 'custom'

const LANGUAGE_NAMES: Record<ViewLanguage, string> = { zh: '中文', en: 'English' }
const CORNER_NAMES: Record<InsetCorner, string> = { 'lower-right': '右下', 'lower-left': '左下', 'upper-right': '右上', 'upper-left': '左上' }

export function ExportPreview({ view: initialView, initialOptions }: ExportPreviewProps) {
  const [view, setView] = useState(initialView)
  const [options, setOptions] = useState(initialOptions)
  const [sheet, setSheet] = useState<SheetData | null>(null)
  const [errors, setErrors] = useState<string[]>([])
  const [seaInsetCorner, setSeaInsetCorner] = useState<InsetCorner | null>(null)
  const [window_, setWindowSize] = useState({ width: window.innerWidth, height: window.innerHeight })
  const today = useMemo(() => new Date(), [])
  const onError = useCallback((message: string) => {
    recordPageError(message)
    setErrors((e) => (e.includes(message) ? e : [...e, message]))
  }, [])

  useEffect(() => {
    frameCodeOf(view)
      .then((code) => loadSheet(view, code, new Date().getFullYear()))
      .then(setSheet, (e: Error) => onError(e.message))
  }, [view, onError])
  const lang = view.lang
  useEffect(() => {
    const resize = () => setWindowSize({ width: window.innerWidth, height: window.innerHeight })
    window.addEventListener('resize', resize)
    return () => window.removeEventListener('resize', resize)
  }, [])
  // Every text typed and the language live in the URL, so a reload or a copied link keeps them.
  useEffect(() => {
    const search = withExportOptions(withViewState(window.location.search, view), options)
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search ? `?${search}` : ''}`)
  }, [view, options])

  const size = pageSizeOf(options.page)
  const { cssWidth, cssHeight } = captureGeometry(size.widthPx, size.heightPx, size.scale)
  const panel = 320
  const fit = Math.min((window_.width - panel - 48) / cssWidth, (window_.height - 48) / cssHeight, 1)
  const query = [serializeViewState(view), serializeExportOptions(options)].filter(Boolean).join('&')
  const set = (patch: Partial<ExportOptions>) => setOptions((o) => ({ ...o, ...patch }))
  const setPage = (page: PageSpec) => set({ page })
  const paper: PaperChoice = options.page.kind === 'paper' ? options.page.paper : 'custom'
  const paperPage = options.page.kind === 'paper' ? options.page : { kind: 'paper' as const, paper: 'A4' as const, orientation: 'landscape' as const, dpi: 300 as const }
  const text = (key: 'title' | 'subtitle' | 'source' | 'reviewNumber' | 'legendTitle' | 'unitsLegendTitle', label: string, placeholder: string) => (
    <label className="export-field">
      <span>{label}</span>
      <input type="text" value={options[key] ?? ''} placeholder={placeholder} onChange={(e) => set({ [key]: e.target.value.trim() === '' ? null : e.target.value })} />
    </label>
  )

  return (
    <div className="export-preview">
      <form className="export-panel" onSubmit={(e) => e.preventDefault()}>
        <h1>导出图片</h1>
        <a href={`/${serializeViewState(view) ? `?${serializeViewState(view)}` : ''}`}>← 返回地图</a>
        <label className="export-field">
          <span>纸张</span>
          <select
            value={paper}
            onChange={(e) =>
              setPage(e.target.value === 'custom' ? { kind: 'pixels', width: 1920, height: 1080 } : { ...paperPage, paper: e.target.value as 'A4' | 'A3' })
            }
          >
            {PAPERS.map((p) => (
              <option key={p}>{p}</option>
            ))}
            <option value="custom">自定义像素（幻灯片）</option>
          </select>
        </label>
        {options.page.kind === 'paper' ? (
          <>
            <label className="export-field">
              <span>方向</span>
              <select value={options.page.orientation} onChange={(e) => setPage({ ...paperPage, orientation: e.target.value as (typeof ORIENTATIONS)[number] })}>
                <option value="landscape">横向</option>
                <option value="portrait">纵向</option>
              </select>
            </label>
            <label className="export-field">
              <span>分辨率</span>
              <select value={options.page.dpi} onChange={(e) => setPage({ ...paperPage, dpi: Number(e.target.value) as (typeof DPIS)[number] })}>
                {DPIS.map((d) => (
                  <option key={d} value={d}>
                    {d} DPI
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : (
          <div className="export-field export-size">
            <span>像素</span>
            <input type="number" min={320} max={8000} value={options.page.width} onChange={(e) => options.page.kind === 'pixels' && setPage({ ...options.page, width: clampSide(e.target.value) })} />
            ×
            <input type="number" min={240} max={8000} value={options.page.height} onChange={(e) => options.page.kind === 'pixels' && setPage({ ...options.page, height: clampSide(e.target.value) })} />
          </div>
        )}
        <label className="export-field">
          <span>图面文字</span>
          <select value={lang} onChange={(e) => setView((v) => ({ ...v, lang: e.target.value as ViewLanguage }))} data-testid="export-lang">
            {VIEW_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        {text('title', '标题', sheet ? exportWord(lang, 'title', { area: sheet.frame.properties.name }) : '')}
        {text('subtitle', '副标题', '方案 · 指标 · 年份')}
        {text('legendTitle', '图例标题（指标）', '指标名称')}
        {text('unitsLegendTitle', '图例标题（单位类别）', sheet ? exportWord(lang, 'unitsLegend', { scheme: sheet.scheme.name }) : '')}
        {text('source', '数据来源', '民族团结进步创建单位台账…')}
        {text('reviewNumber', '审图号', sheet?.mapReview.reviewNumber ?? '如 云S(2024)001号')}
        {sheet && <ReviewNote review={mapReviewPrint(sheet.frame.properties.code, options.reviewNumber, sheet.mapReview)} />}
        <label className="export-check">
          <input type="checkbox" checked={options.table} onChange={(e) => set({ table: e.target.checked })} /> 覆盖情况表
        </label>
        <label className="export-check">
          <input type="checkbox" checked={options.inset} onChange={(e) => set({ inset: e.target.checked })} /> 位置示意图
        </label>
        {sheet && needsSouthChinaSeaInset(sheet.frame.properties.code) && (
          <>
            <label className="export-field">
              <span>南海诸岛附图位置</span>
              <select value={options.seaInset} onChange={(e) => set({ seaInset: e.target.value as InsetCorner })} data-testid="export-sea-inset">
                {INSET_CORNERS.map((c) => (
                  <option key={c} value={c}>
                    {CORNER_NAMES[c]}
                  </option>
                ))}
              </select>
            </label>
            <p className="export-size-note" data-testid="sea-inset-note">
              {seaInsetCorner && seaInsetCorner !== options.seaInset
                ? `附图放在${CORNER_NAMES[options.seaInset]}会遮住图中陆地或重要岛屿，或与指北针、比例尺重叠，已放在${CORNER_NAMES[seaInsetCorner]}。`
                : '全国和海南省的地图须带南海诸岛附图（《公开地图内容表示规范》），可移动位置，不能去掉。'}
            </p>
          </>
        )}
        <label className="export-check">
          <input type="checkbox" checked={options.transparent} onChange={(e) => set({ transparent: e.target.checked })} /> PNG 透明背景
        </label>
        <label className="export-field">
          <span>图集（每个下级区域一页）</span>
          <select value={options.atlasBy ?? ''} onChange={(e) => set({ atlasBy: e.target.value === '' ? null : (e.target.value as 'county' | 'township') })}>
            <option value="">不分页</option>
            <option value="county">按县（市、区）</option>
            <option value="township">按乡镇</option>
          </select>
        </label>
        <p className="export-size-note">
          输出 {size.widthPx} × {size.heightPx} 像素{options.page.kind === 'paper' && `，${size.widthMm} × ${size.heightMm} 毫米`}
        </p>
        <div className="export-actions">
          <a className="export-button" href={exportUrl(query, options.atlasBy ? 'zip' : 'png')} download>
            下载 {options.atlasBy ? 'PNG 压缩包' : 'PNG'}
          </a>
          <a className="export-button" href={exportUrl(query, 'pdf')} download>
            下载 PDF
          </a>
        </div>
        {options.atlasBy && <p className="export-size-note">图集在服务器上逐页渲染，每页约数秒。</p>}
      </form>
      <div className="export-stage">
        <div className="export-scaled" style={{ width: cssWidth * fit, height: cssHeight * fit }}>
          <div style={{ width: cssWidth, height: cssHeight, transform: `scale(${fit})`, transformOrigin: '0 0' }}>
            {sheet && (
              <ExportLayout
                key={`${cssWidth}x${cssHeight}:${options.transparent}`}
                sheet={sheet}
                view={view}
                options={options}
                width={cssWidth}
                height={cssHeight}
                frozen={null}
                today={today}
                onReady={() => {
                  document.body.dataset.exportReady = '1'
                }}
                onError={onError}
                onSeaInsetCorner={setSeaInsetCorner}
              />
            )}
          </div>
        </div>
      </div>
      <ErrorNotice messages={errors} />
    </div>
  )
}

/** Why the footer prints what it does about the 审图号 (server/shared/map-review.ts). */
function ReviewNote({ review }: { review: MapReviewPrint }) {
  if (review.kind === 'none' || (review.kind === 'number' && review.from === 'layout')) return null
  const words =
    review.kind === 'number'
      ? `未填写时使用服务器设置的审图号 ${review.number}（ATLAS_MAP_REVIEW_NUMBER）。`
      : `全国、省级范围的地图公开使用前须经审核并标注审图号（《地图管理条例》第十五条）。此图未填写审图号，服务器也未设置（ATLAS_MAP_REVIEW_NUMBER），因此图上标注“${review.text ?? exportWord('zh', 'unreviewedMarking')}”。`
  return (
    <p className={`export-size-note${review.kind === 'marking' ? ' export-review-marking' : ''}`} data-testid="review-note">
      {words}
    </p>
  )
}

function clampSide(value: string): number {
  const n = Math.round(Number(value))
  return Number.isFinite(n) ? Math.min(8000, Math.max(320, n)) : 1920
}
