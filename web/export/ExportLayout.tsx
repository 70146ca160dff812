// The print layout: one page ("sheet") at its exact CSS size. The preview shows this very component,
// scaled to fit the window, so the screen and the paper never disagree.
import type * as maplibregl from 'maplibre-gl'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { HONOUR_LEVELS } from '../../server/shared/domain'
import { dashboardKpis } from '../dashboard/dashboard-kpis'
import { t } from '../dashboard/i18n'
import { categoryPalette } from '../data/category-colours'
import { areaColourOf, measureById, measureScale } from '../data/measures'
import { cssOf } from '../data/rgba'
import { levelRank } from '../data/units'
import type { ViewState } from '../../server/shared/view-state'
import { CORRIDOR_COLOUR } from '../layers/demo-corridors'
import { UNIT_RADIUS_PIXELS } from '../layers/unit-points'
import { viewLayers } from '../layers/view-layers'
import type { ExportOptions } from '../../server/shared/export-options'
import { ExportMap } from './ExportMap'
import { InsetMap } from './InsetMap'
import { NorthArrow } from './NorthArrow'
import { LAYOUT_PX_PER_INCH, MM_PER_INCH } from '../../server/shared/paper'
import { metresPerPixel, scaleBarOf, scaleDenominator, scaleFractionLabel, type ScaleBar } from './scale-bar'
import { ScaleBarView } from './ScaleBarView'
import { countedUnitsPhrase, sampleNoticeOf, sheetSubtitle } from './sheet-captions'
import type { SheetData } from './sheet-data'
import { showsUnitPoints } from '../data/unit-aggregation'
import { categoryLegendRows, undrawnNote } from './sheet-legend'
import { sheetOverlaysOf } from './sheet-overlays'

export interface ExportLayoutProps {
  sheet: SheetData
  view: ViewState
  options: ExportOptions
  width: number // CSS px
  height: number
  frozen: { canvas: HTMLCanvasElement; scaleBar: ScaleBar } | null // the map already drawn and frozen: shown instead of a live map
  today: Date
  onReady(ready: SheetReady): void // the map has drawn and the scale bar matches it
  onError(message: string): void
}

export interface SheetReady {
  map: maplibregl.Map
  container: HTMLElement
  scaleBar: ScaleBar
}

const SCALE_BAR_MAX_PX = 240
const SCALE_BAR_OFFSET = { left: 24, bottom: 24 } // where the bar sits in the map box
const INSET_MIN_SHARE = 0.6 // of the locator map's height: the least it may shrink to and still be shown

export function ExportLayout({ sheet, view, options, width, height, frozen, today, onReady, onError }: ExportLayoutProps) {
  const portrait = height > width
  const measure = measureById(view.measure)
  const scale = useMemo(() => measureScale(measure, sheet.coverage), [measure, sheet.coverage])
  const coverageByCode = useMemo(() => new Map(sheet.coverage.areas.map((a) => [a.code, a])), [sheet.coverage])
  const fillOf = useCallback(
    (code: string) => areaColourOf(measure, scale, coverageByCode.get(code)),
    [coverageByCode, scale, measure],
  )
  const palette = useMemo(() => categoryPalette(sheet.scheme.categories), [sheet.scheme.categories])
  // The overlays drawn and the legend's rows for them come from this one object.
  const overlays = useMemo(() => sheetOverlaysOf(view, sheet), [view, sheet])
  // The dashboard's layers for the view (viewLayers), with the framed area outlined and no 3D columns
  // (sheet-overlays.ts says why).
  const layers = useMemo(
    () =>
      viewLayers(
        view,
        { areas: sheet.areas, fillOf, labels: sheet.labels, units: sheet.units, density: overlays.density, corridors: overlays.corridors?.lines, outlined: sheet.frame },
        { unitColourOf: palette.colourOf, outline: 'frame' },
      ),
    [view, sheet, fillOf, palette, overlays],
  )
  const kpis = useMemo(() => dashboardKpis({ ...sheet.coverage, areas: sheet.figures }, null, sheet.categories), [sheet.coverage, sheet.figures, sheet.categories])
  // Only the categories shown: a filtered sheet lists no row for a category it does not draw. Counted as the
  // KPIs count (located or not); a row says how many of its units are not drawn, e.g. 宗教活动场所 for a caller not signed in.
  const categoryRows = useMemo(
    () => categoryLegendRows(sheet.counted, sheet.units, sheet.categories ?? sheet.scheme.categories),
    [sheet.counted, sheet.units, sheet.categories, sheet.scheme.categories],
  )
  const levelsShown = [...HONOUR_LEVELS].reverse().filter((l) => levelRank(l) >= levelRank(view.minLevel))
  const sampleNotice = sampleNoticeOf({
    units: sheet.coverage.sample || (view.layers.units && sheet.units.some((u) => u.sample)),
    corridors: overlays.corridors?.sample ?? false,
  })
  const schematic = sheet.frame.properties.schematic || sheet.areas.some((a) => a.properties.schematic)
  const frameName = sheet.frame.properties.name
  const title = options.title ?? `${frameName}民族团结进步创建示范单位分布图`
  const subtitle =
    options.subtitle ?? sheetSubtitle({ schemeName: sheet.scheme.name, categories: sheet.categories, measureTitle: measure.title(sheet.coverage), year: sheet.year })
  const source =
    options.source ??
    `数据来源：民族团结进步创建单位台账（${sheet.scheme.name}，${countedUnitsPhrase(view.minLevel, sheet.statuses)}）；行政区划：国家统计局 2023 年区划代码，边界 WGS84`
  const date = options.date ?? `${today.getFullYear()}年${today.getMonth() + 1}月`
  const paperMmPerPx = options.page.kind === 'paper' ? MM_PER_INCH / LAYOUT_PX_PER_INCH : null

  const [liveScaleBar, setScaleBar] = useState<ScaleBar | null>(null)
  const scaleBar = frozen?.scaleBar ?? liveScaleBar
  const [drawn, setDrawn] = useState<{ map: maplibregl.Map; container: HTMLElement } | null>(null)
  const handleMapReady = useCallback((map: maplibregl.Map, container: HTMLElement) => {
    // The bar's metres per pixel is the map's own at the bar's latitude.
    const y = container.clientHeight - SCALE_BAR_OFFSET.bottom
    const latitude = map.unproject([SCALE_BAR_OFFSET.left + SCALE_BAR_MAX_PX / 2, y]).lat
    setScaleBar(scaleBarOf(metresPerPixel(latitude, map.getZoom()), SCALE_BAR_MAX_PX))
    setDrawn({ map, container })
  }, [])
  const readyCallback = useRef(onReady)
  useLayoutEffect(() => {
    readyCallback.current = onReady
  }, [onReady])
  useEffect(() => {
    if (drawn && liveScaleBar) readyCallback.current({ ...drawn, scaleBar: liveScaleBar })
  }, [drawn, liveScaleBar])

  const mapBox = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    const box = mapBox.current
    if (!box || !frozen) return
    box.querySelector('.export-map-frozen')?.remove()
    box.prepend(frozen.canvas)
  }, [frozen])

  // The locator map shrinks into the room a long legend leaves (export.css); below INSET_MIN_SHARE of its
  // size it says too little and is hidden, not cut off. Hidden, not removed, so it is measured still.
  const insetBox = useRef<HTMLElement>(null)
  const [insetShown, setInsetShown] = useState(true)
  useLayoutEffect(() => {
    const svg = insetBox.current?.querySelector('svg')
    if (!svg) return
    const check = () => setInsetShown(svg.clientHeight >= Number(svg.getAttribute('height')) * INSET_MIN_SHARE)
    check()
    const resizes = new ResizeObserver(check)
    resizes.observe(svg)
    return () => resizes.disconnect()
  }, [options.inset, sheet.prefecture])

  const fraction = scaleBar && paperMmPerPx ? scaleFractionLabel(scaleDenominator(scaleBar.metres / scaleBar.pixels, paperMmPerPx)) : null
  const camera = view.center && view.zoom !== null ? { center: view.center, zoom: view.zoom } : null
  const sideWidth = portrait ? 0 : Math.round(Math.min(460, width * 0.26))
  const insetWidth = portrait ? Math.round(width * 0.24) : Math.min(sideWidth - 24, 300) // short enough to fit under a long legend

  return (
    <div
      className={`export-sheet${portrait ? ' portrait' : ''}${options.transparent ? ' transparent' : ''}`}
      style={{ width, height }}
      data-testid="export-sheet"
    >
      <header className="sheet-header">
        <h1 className="sheet-title">{title}</h1>
        <p className="sheet-subtitle">{subtitle}</p>
      </header>
      <div className="sheet-body" style={portrait ? undefined : { gridTemplateColumns: `1fr ${sideWidth}px` }}>
        <div className="sheet-map" ref={mapBox}>
          {!frozen && (
            <ExportMap
              frame={sheet.frame}
              boundaries={sheet.areas}
              layers={layers}
              camera={camera}
              padding={40}
              transparent={options.transparent}
              onReady={handleMapReady}
              onError={onError}
            />
          )}
          {(sampleNotice || schematic) && (
            <div className="sheet-notice" data-testid="sheet-notice">
              {sampleNotice && <span>{sampleNotice}</span>}
              {schematic && <span>乡镇边界为示意</span>}
            </div>
          )}
          <div className="sheet-north">
            <NorthArrow />
          </div>
          {scaleBar && (
            <div className="sheet-scale" style={{ left: SCALE_BAR_OFFSET.left - 12, bottom: SCALE_BAR_OFFSET.bottom - 8 }}>
              <ScaleBarView bar={scaleBar} fraction={fraction} />
            </div>
          )}
        </div>
        <aside className="sheet-side">
          <section className="sheet-figures" aria-label="主要数据">
            <div className="figure figure-total">
              <span className="figure-value">{kpis.total}</span>
              <span className="figure-label">示范单位</span>
            </div>
            {levelsShown.map((level) => (
              <div className="figure" key={level}>
                <span className="figure-value">{kpis.byLevel[level]}</span>
                <span className="figure-label">{level}</span>
              </div>
            ))}
            {sheet.areasAreChildren && (
              <div className="figure">
                <span className="figure-value">
                  {kpis.childAreasCovered}/{kpis.childAreas}
                </span>
                <span className="figure-label">下级区域覆盖</span>
              </div>
            )}
            <div className="figure">
              <span className="figure-value">
                {kpis.categoriesCovered}/{kpis.categoriesInScheme}
              </span>
              <span className="figure-label">{sheet.scheme.name}类别</span>
            </div>
          </section>
          <section className="sheet-legend" aria-label="图例" data-testid="sheet-legend">
            <h2>图例</h2>
            {view.layers.choropleth && (
              <>
                <h3>{options.legendTitle ?? scale.title}</h3>
                <ul>
                  {scale.legend.map((row) => (
                    <li key={`${row.kind}:${row.label}`} data-colour={row.css}>
                      <span className="swatch" style={{ background: row.css }} />
                      {row.label}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {overlays.density && (
              <section data-testid="legend-density">
                <h3>{overlays.density.scale.title}</h3>
                <ul>
                  {overlays.density.scale.legend.map((row) => (
                    <li key={`${row.kind}:${row.label}`} data-colour={row.css}>
                      <span className="swatch" style={{ background: row.css }} />
                      {row.label}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {overlays.heatmap && (
              <section data-testid="legend-heatmap">
                <h3>{t('zh', 'heatmapTitle')}</h3>
                <div
                  className="legend-ramp"
                  style={{ backgroundImage: `linear-gradient(to right, ${overlays.heatmap.ramp.map((s) => `${s.css} ${(s.offset * 100).toFixed(1)}%`).join(', ')})` }}
                />
                <div className="legend-ramp-ends">
                  <span>{t('zh', 'low')}</span>
                  <span>{t('zh', 'high')}</span>
                </div>
              </section>
            )}
            {overlays.corridors && (
              <ul className="legend-corridors" data-testid="legend-corridors">
                <li>
                  <span className="line line-corridor" style={{ background: cssOf(CORRIDOR_COLOUR) }} />
                  {t('zh', 'layerCorridors')}
                  {overlays.corridors.sample && ` (${t('zh', 'sampleShort')})`} <span className="count">{overlays.corridors.lines.length}</span>
                </li>
              </ul>
            )}
            {view.layers.units && showsUnitPoints(sheet.frame.properties.level) && (
              <>
                <h3>示范单位类别（{sheet.scheme.name}）</h3>
                <ul className="legend-columns">
                  {categoryRows.map((row) => (
                    <li key={row.category} data-category={row.category} className={undrawnNote(row) ? 'legend-undrawn' : undefined}>
                      <span className="dot" style={{ background: palette.cssOf(row.category) }} />
                      {row.category} <span className="count">{row.count}{undrawnNote(row)}</span>
                    </li>
                  ))}
                </ul>
                <ul className="legend-sizes">
                  {levelsShown.map((level) => (
                    <li key={level}>
                      <span className="size-dot" style={{ width: UNIT_RADIUS_PIXELS[level] * 2, height: UNIT_RADIUS_PIXELS[level] * 2 }} />
                      {level}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <ul className="legend-lines">
              <li>
                <span className="line line-frame" />
                {frameName}界
              </li>
              <li>
                <span className="line line-area" />
                {sheet.areas[0] ? levelName(sheet.areas[0].properties.level) : '行政区'}界{schematic ? '（示意）' : ''}
              </li>
            </ul>
          </section>
          {options.table && <CoverageTable sheet={sheet} />}
          {options.inset && sheet.prefecture && (
            <section className="sheet-inset" ref={insetBox} style={insetShown ? undefined : { visibility: 'hidden' }}>
              <h3>位置示意</h3>
              <InsetMap prefecture={sheet.prefecture} counties={sheet.prefectureCounties} frame={sheet.frame} width={insetWidth} height={Math.round(insetWidth * 0.8)} />
            </section>
          )}
        </aside>
      </div>
      <footer className="sheet-footer">
        <div className="sheet-footer-left">
          {options.reviewNumber && <span className="review-number" data-testid="review-number">审图号：{options.reviewNumber}</span>}
          <span className="sheet-source">{source}</span>
        </div>
        <div className="sheet-footer-right">制图日期：{date}</div>
      </footer>
    </div>
  )
}

function CoverageTable({ sheet }: { sheet: SheetData }) {
  const rows = [...sheet.coverage.areas].sort((a, b) => b.total - a.total).slice(0, 16)
  return (
    <section className="sheet-table">
      <h3>覆盖情况</h3>
      <table>
        <thead>
          <tr>
            <th>区域</th>
            <th>单位</th>
            <th>类别</th>
            <th>每万人</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.code} className={a.code === sheet.frame.properties.code ? 'current' : undefined}>
              <td>{a.name}</td>
              <td>{a.total}</td>
              <td>
                {a.categoriesCovered}/{a.categoriesInScheme}
              </td>
              <td>{a.per10kPeople === null ? '–' : a.per10kPeople.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

function levelName(level: string): string {
  return { province: '省', prefecture: '市（州）', county: '县（市、区）', township: '乡镇', village: '村' }[level] ?? '行政区'
}
