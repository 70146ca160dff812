// The print layout: one page ("sheet") at its exact CSS size. The preview shows this very component,
// scaled to fit the window, so the screen and the paper never disagree.
import type * as maplibregl from 'maplibre-gl'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react'
import { HONOUR_LEVELS } from '../../server/shared/domain'
import { dashboardKpis } from '../dashboard/dashboard-kpis'
import { levelName, measureTitleEn, t } from '../dashboard/i18n'
import { categoryPalette } from '../data/category-colours'
import { areaColourOf, measureById, measureScale } from '../data/measures'
import { cssOf } from '../data/rgba'
import { levelRank } from '../data/units'
import type { ViewLanguage, ViewState } from '../../server/shared/view-state'
import { CORRIDOR_COLOUR } from '../layers/demo-corridors'
import { areaColumnsOf, COLUMNS_PITCH } from '../layers/area-columns'
import { UNIT_RADIUS_PIXELS } from '../layers/unit-points'
import { viewLayers } from '../layers/view-layers'
import type { ExportOptions } from '../../server/shared/export-options'
import { mapReviewPrint } from '../../server/shared/map-review'
import { areaLevelWord, exportWord, monthOf } from './export-words'
import { ExportMap } from './ExportMap'
import { InsetMap } from './InsetMap'
import { insetWidthFor, mainMapBounds, MAIN_MAP_SOUTH_LIMIT, needsSouthChinaSeaInset, PROTECTED_PLACES, type InsetCorner } from '../../server/shared/south-china-sea'
import { insetAspect, SouthChinaSeaInset, useSouthChinaSeaInsetData } from '../map/SouthChinaSeaInset'
import { boundsOf } from '../data/area-geometry'
import { byAreaSize, placeLabels } from '../data/label-placement'
import { capitalsShown, withCapitals } from '../data/capitals'
import { fittedProjection, FURNITURE_CLEARANCE, FURNITURE_MARGIN, MAP_PADDING, SCALE_BAR_ROOM, sheetFurniture, type Furniture, type Rect, type Size } from './sheet-furniture'
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
  onSeaInsetCorner?(corner: InsetCorner): void // where the 南海诸岛 inset went (the composer says so when not where asked)
}

export interface SheetReady {
  map: maplibregl.Map
  container: HTMLElement
  scaleBar: ScaleBar
}

const SCALE_BAR_MAX_PX = 240
/** How far above the map's bottom the scale bar's metres per pixel is read (the bar sits at the bottom, left or right). */
const SCALE_BAR_READ_AT = 24
const INSET_MIN_SHARE = 0.6 // of the locator map's height: the least it may shrink to and still be shown

export function ExportLayout({ sheet, view, options, width, height, frozen, today, onReady, onError, onSeaInsetCorner }: ExportLayoutProps) {
  const portrait = height > width
  const lang = view.lang
  const measure = measureById(view.measure)
  const scale = useMemo(() => {
    const s = measureScale(measure, sheet.coverage)
    const categoryCount = sheet.categories?.length ?? sheet.scheme.categories.length
    return lang === 'zh' ? s : { ...s, title: measureTitleEn(measure.id, sheet.coverage.minLevel, sheet.scheme.name, categoryCount) }
  }, [measure, sheet.coverage, sheet.categories, sheet.scheme, lang])
  const coverageByCode = useMemo(() => new Map(sheet.coverage.areas.map((a) => [a.code, a])), [sheet.coverage])
  const fillOf = useCallback(
    (code: string) => areaColourOf(measure, scale, coverageByCode.get(code)),
    [coverageByCode, scale, measure],
  )
  const palette = useMemo(() => categoryPalette(sheet.scheme.categories), [sheet.scheme.categories])
  // The overlays drawn and the legend's rows for them come from this one object.
  const overlays = useMemo(() => sheetOverlaysOf(view, sheet), [view, sheet])
  const columns = useMemo(
    () => (overlays.columns ? areaColumnsOf(sheet.labels, coverageByCode, measure.valueOf) : null),
    [overlays.columns, sheet.labels, coverageByCode, measure],
  )
  const pitch = overlays.columns ? COLUMNS_PITCH : 0
  const kpis = useMemo(() => dashboardKpis({ ...sheet.coverage, areas: sheet.figures }, null, sheet.categories), [sheet.coverage, sheet.figures, sheet.categories])
  // Only the categories shown: a filtered sheet lists no row for a category it does not draw. Counted as the
  // KPIs count (located or not); a row says how many of its units are not drawn, e.g. 宗教活动场所 for a caller not signed in.
  const categoryRows = useMemo(
    () => categoryLegendRows(sheet.counted, sheet.units, sheet.categories ?? sheet.scheme.categories),
    [sheet.counted, sheet.units, sheet.categories, sheet.scheme.categories],
  )
  const levelsShown = [...HONOUR_LEVELS].reverse().filter((l) => levelRank(l) >= levelRank(view.minLevel))
  const sampleNotice = sampleNoticeOf(
    {
      units: sheet.coverage.sample || (view.layers.units && sheet.units.some((u) => u.sample)),
      corridors: overlays.corridors?.sample ?? false,
    },
    lang,
  )
  const schematic = sheet.frame.properties.schematic || sheet.areas.some((a) => a.properties.schematic)
  const frameName = sheet.frame.properties.name
  const title = options.title ?? exportWord(lang, 'title', { area: frameName })
  const subtitle =
    options.subtitle ?? sheetSubtitle({ schemeName: sheet.scheme.name, categories: sheet.categories, measureTitle: scale.title, year: sheet.year }, lang)
  const source =
    options.source ?? exportWord(lang, 'source', { scheme: sheet.scheme.name, counted: countedUnitsPhrase(view.minLevel, sheet.statuses, lang) })
  const date = options.date ?? monthOf(lang, today)
  const review = mapReviewPrint(sheet.frame.properties.code, options.reviewNumber, sheet.mapReview)
  const paperMmPerPx = options.page.kind === 'paper' ? MM_PER_INCH / LAYOUT_PX_PER_INCH : null

  const [liveScaleBar, setScaleBar] = useState<ScaleBar | null>(null)
  const scaleBar = frozen?.scaleBar ?? liveScaleBar
  const [drawn, setDrawn] = useState<{ map: maplibregl.Map; container: HTMLElement } | null>(null)
  const handleMapReady = useCallback((map: maplibregl.Map, container: HTMLElement) => {
    // The bar's metres per pixel is the map's own at the bar's latitude.
    const y = container.clientHeight - SCALE_BAR_READ_AT
    const latitude = map.unproject([container.clientWidth / 2, y]).lat
    setScaleBar(scaleBarOf(metresPerPixel(latitude, map.getZoom()), SCALE_BAR_MAX_PX))
    setDrawn({ map, container })
  }, [])
  // The 南海诸岛 inset of a map of the whole country or 海南省: part of the map, in the corner the options ask
  // for, drawn before the sheet says it is ready. Sized like the dashboard's from the map's width.
  const southChinaSea = needsSouthChinaSeaInset(sheet.frame.properties.code)
  const seaInsetData = useSouthChinaSeaInsetData(southChinaSea)
  // The map box and the furniture whose size is known only once drawn (the north arrow, the notice) are measured
  // before the map is made, so that it is framed once, around furniture already in place.
  const mapBox = useRef<HTMLDivElement>(null)
  const measured = useRef<Partial<Record<Furniture, HTMLDivElement | null>>>({})
  const [boxes, setBoxes] = useState<{ map: Size; north: Size; notice: Size | null } | null>(null)
  useLayoutEffect(() => {
    const box = mapBox.current
    if (!box) return
    const sizeOf = (el: HTMLElement | null | undefined): Size | null => (el ? { width: el.offsetWidth, height: el.offsetHeight } : null)
    const measure = () => {
      const next = { map: { width: box.clientWidth, height: box.clientHeight }, north: sizeOf(measured.current.north) ?? { width: 0, height: 0 }, notice: sizeOf(measured.current.notice) }
      setBoxes((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next))
    }
    measure()
    const resizes = new ResizeObserver(measure)
    resizes.observe(box)
    return () => resizes.disconnect()
  }, [lang, sampleNotice, schematic, pitch])
  const seaInsetWidth = boxes ? insetWidthFor(boxes.map.width) : 0
  const frameBounds = useMemo(() => boundsOf([sheet.frame]), [sheet.frame])
  const camera = useMemo(() => (view.center && view.zoom !== null ? { center: view.center, zoom: view.zoom } : null), [view.center, view.zoom])
  const frameLand = useMemo(
    () => sheet.frame.geometry.coordinates.flatMap(([outer]) => outer.filter(([, lat]) => lat >= MAIN_MAP_SOUTH_LIMIT) as [number, number][]),
    [sheet.frame],
  )
  const furniture = useMemo(() => {
    if (!boxes || !frameBounds) return null
    const inset = southChinaSea ? { width: seaInsetWidth, height: Math.round(seaInsetWidth / insetAspect()) } : null
    return sheetFurniture(
      options.seaInset,
      { inset, north: boxes.north, scale: SCALE_BAR_ROOM, notice: boxes.notice },
      { bounds: mainMapBounds(frameBounds), map: boxes.map, padding: MAP_PADDING, land: frameLand, protectedPlaces: PROTECTED_PLACES.map((p) => [p.lon, p.lat] as const), clearance: FURNITURE_CLEARANCE },
      FURNITURE_MARGIN,
    )
  }, [boxes, frameBounds, frameLand, southChinaSea, seaInsetWidth, options.seaInset])
  useEffect(() => {
    if (furniture && southChinaSea) onSeaInsetCorner?.(furniture.corner)
  }, [furniture, southChinaSea, onSeaInsetCorner])
  // A sheet of a province marks its capital; a sheet of the whole country is not at provincial scale (capitals.ts).
  const capitals = useMemo(() => capitalsShown(sheet.frame.properties.code, sheet.frame.properties.level, camera?.zoom ?? 0), [sheet.frame, camera])
  // The names placed as the map will be framed, clear of one another and of the furniture (label-placement.ts).
  const labels = useMemo(() => {
    if (!furniture || !boxes || !frameBounds) return []
    const priority = byAreaSize(sheet.areas)
    const names = withCapitals(sheet.labels, capitals)
    if (camera) return placeLabels(names, { zoom: camera.zoom, fontSize: 14, priority })
    const project = fittedProjection(furniture.bounds ?? frameBounds, boxes.map, MAP_PADDING)
    return placeLabels(names, { zoom: 0, fontSize: 14, priority, project, obstacles: Object.values(furniture.rects) })
  }, [furniture, boxes, frameBounds, sheet.areas, sheet.labels, capitals, camera])
  // The dashboard's layers for the view (viewLayers), with the framed area outlined; the columns, when shown,
  // on a map tilted as the dashboard tilts it (sheet-overlays.ts).
  const layers = useMemo(
    () =>
      viewLayers(
        view,
        { areas: sheet.areas, fillOf, labels, capitals, units: sheet.units, density: overlays.density, corridors: overlays.corridors?.lines, columns, outlined: sheet.frame },
        // Names in front of the columns: a printed name hidden behind a column cannot be hovered to read.
        { unitColourOf: palette.colourOf, outline: 'frame', columns: { pickable: false }, labels: { onTop: columns !== null } },
      ),
    [view, sheet, fillOf, labels, capitals, palette, overlays, columns],
  )
  const placed = (rect: Rect | undefined): CSSProperties | undefined => {
    if (!rect || !boxes) return undefined
    const { width: w, height: h } = boxes.map
    // Anchored at its corner's edges, so a piece smaller than its room (a short scale bar) hugs the corner.
    return {
      ...(rect.left + rect.right < w ? { left: rect.left } : { right: w - rect.right }),
      ...(rect.top + rect.bottom < h ? { top: rect.top } : { bottom: h - rect.bottom }),
    }
  }
  const readyCallback = useRef(onReady)
  useLayoutEffect(() => {
    readyCallback.current = onReady
  }, [onReady])
  useEffect(() => {
    if (drawn && liveScaleBar && (!southChinaSea || seaInsetData)) readyCallback.current({ ...drawn, scaleBar: liveScaleBar })
  }, [drawn, liveScaleBar, southChinaSea, seaInsetData])

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

  const fraction = scaleBar && paperMmPerPx && pitch === 0 ? scaleFractionLabel(scaleDenominator(scaleBar.metres / scaleBar.pixels, paperMmPerPx)) : null
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
          {!frozen && furniture && (
            <ExportMap
              frame={sheet.frame}
              boundaries={sheet.areas}
              layers={layers}
              camera={camera}
              padding={MAP_PADDING}
              bounds={furniture.bounds}
              pitch={pitch}
              transparent={options.transparent}
              onReady={handleMapReady}
              onError={onError}
            />
          )}
          {(sampleNotice || schematic || pitch !== 0) && (
            <div className="sheet-notice" data-testid="sheet-notice" ref={(el) => void (measured.current.notice = el)} style={placed(furniture?.rects.notice)}>
              {sampleNotice && <span>{sampleNotice}</span>}
              {schematic && <span>{exportWord(lang, 'schematicNotice')}</span>}
              {pitch !== 0 && <span data-testid="tilted-notice">{exportWord(lang, 'tiltedNotice')}</span>}
            </div>
          )}
          <div className="sheet-north" ref={(el) => void (measured.current.north = el)} style={placed(furniture?.rects.north)}>
            <NorthArrow lang={lang} />
          </div>
          {southChinaSea && seaInsetData && furniture && (
            <div className="sheet-south-china-sea" style={{ ...placed(furniture.rects.inset), width: seaInsetWidth }} data-testid="sheet-south-china-sea" data-corner={furniture.corner}>
              <SouthChinaSeaInset data={seaInsetData} width={seaInsetWidth} />
            </div>
          )}
          {scaleBar && pitch === 0 && (
            <div className="sheet-scale" style={placed(furniture?.rects.scale)}>
              <ScaleBarView bar={scaleBar} fraction={fraction} lang={lang} />
            </div>
          )}
        </div>
        <aside className="sheet-side">
          <section className="sheet-figures" aria-label={exportWord(lang, 'figuresLabel')}>
            <div className="figure figure-total">
              <span className="figure-value">{kpis.total}</span>
              <span className="figure-label">{exportWord(lang, 'figureTotal')}</span>
            </div>
            {levelsShown.map((level) => (
              <div className="figure" key={level}>
                <span className="figure-value">{kpis.byLevel[level]}</span>
                <span className="figure-label">{levelName(lang, level)}</span>
              </div>
            ))}
            {sheet.areasAreChildren && (
              <div className="figure">
                <span className="figure-value">
                  {kpis.childAreasCovered}/{kpis.childAreas}
                </span>
                <span className="figure-label">{exportWord(lang, 'figureChildren')}</span>
              </div>
            )}
            <div className="figure">
              <span className="figure-value">
                {kpis.categoriesCovered}/{kpis.categoriesInScheme}
              </span>
              <span className="figure-label">{exportWord(lang, 'figureCategories', { scheme: sheet.scheme.name })}</span>
            </div>
          </section>
          <section className="sheet-legend" aria-label={exportWord(lang, 'legend')} data-testid="sheet-legend">
            <h2>{exportWord(lang, 'legend')}</h2>
            {view.layers.choropleth && (
              <>
                <h3>{options.legendTitle ?? scale.title}</h3>
                <ul>
                  {scale.legend.map((row) => (
                    <li key={`${row.kind}:${row.label}`} data-colour={row.css}>
                      <span className="swatch" style={{ background: row.css }} />
                      {row.kind === 'no-data' ? t(lang, 'noData') : row.label}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {columns && (
              <p className="legend-note" data-testid="legend-columns">
                {exportWord(lang, 'columnsLegend', { measure: scale.title })}
              </p>
            )}
            {overlays.density && (
              <section data-testid="legend-density">
                <h3>{overlays.density.scale.title}</h3>
                <ul>
                  {overlays.density.scale.legend.map((row) => (
                    <li key={`${row.kind}:${row.label}`} data-colour={row.css}>
                      <span className="swatch" style={{ background: row.css }} />
                      {row.kind === 'no-data' ? t(lang, 'noData') : row.label}
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {overlays.heatmap && (
              <section data-testid="legend-heatmap">
                <h3>{t(lang, 'heatmapTitle')}</h3>
                <div
                  className="legend-ramp"
                  style={{ backgroundImage: `linear-gradient(to right, ${overlays.heatmap.ramp.map((s) => `${s.css} ${(s.offset * 100).toFixed(1)}%`).join(', ')})` }}
                />
                <div className="legend-ramp-ends">
                  <span>{t(lang, 'low')}</span>
                  <span>{t(lang, 'high')}</span>
                </div>
              </section>
            )}
            {overlays.corridors && (
              <ul className="legend-corridors" data-testid="legend-corridors">
                <li>
                  <span className="line line-corridor" style={{ background: cssOf(CORRIDOR_COLOUR) }} />
                  {t(lang, 'layerCorridors')}
                  {overlays.corridors.sample && ` (${t(lang, 'sampleShort')})`} <span className="count">{overlays.corridors.lines.length}</span>
                </li>
              </ul>
            )}
            {view.layers.units && showsUnitPoints(sheet.frame.properties.level) && (
              <>
                <h3>{options.unitsLegendTitle ?? exportWord(lang, 'unitsLegend', { scheme: sheet.scheme.name })}</h3>
                <ul className="legend-columns">
                  {categoryRows.map((row) => (
                    <li key={row.category} data-category={row.category} className={undrawnNote(row) ? 'legend-undrawn' : undefined}>
                      <span className="dot" style={{ background: palette.cssOf(row.category) }} />
                      {row.category} <span className="count">{row.count}{undrawnNote(row, lang)}</span>
                    </li>
                  ))}
                </ul>
                <ul className="legend-sizes">
                  {levelsShown.map((level) => (
                    <li key={level}>
                      <span className="size-dot" style={{ width: UNIT_RADIUS_PIXELS[level] * 2, height: UNIT_RADIUS_PIXELS[level] * 2 }} />
                      {levelName(lang, level)}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <ul className="legend-lines">
              <li>
                <span className="line line-frame" />
                {exportWord(lang, 'frameLine', { area: frameName })}
              </li>
              <li>
                <span className="line line-area" />
                {exportWord(lang, 'areaLine', { level: areaLevelWord(lang, sheet.areas[0]?.properties.level) })}
                {schematic ? exportWord(lang, 'schematicSuffix') : ''}
              </li>
            </ul>
          </section>
          {options.table && <CoverageTable sheet={sheet} lang={lang} />}
          {options.inset && sheet.prefecture && (
            <section className="sheet-inset" ref={insetBox} style={insetShown ? undefined : { visibility: 'hidden' }}>
              <h3>{exportWord(lang, 'inset')}</h3>
              <InsetMap label={exportWord(lang, 'insetLabel')} prefecture={sheet.prefecture} counties={sheet.prefectureCounties} frame={sheet.frame} width={insetWidth} height={Math.round(insetWidth * 0.8)} />
            </section>
          )}
        </aside>
      </div>
      <footer className="sheet-footer">
        <div className="sheet-footer-left">
          {review.kind === 'number' && (
            <span className="review-number" data-testid="review-number">
              {exportWord(lang, 'reviewNumber', { number: review.number })}
            </span>
          )}
          {review.kind === 'marking' && (
            <span className="review-marking" data-testid="review-marking">
              {review.text ?? exportWord(lang, 'unreviewedMarking')}
            </span>
          )}
          <span className="sheet-source">{source}</span>
        </div>
        <div className="sheet-footer-right">{exportWord(lang, 'mapDate', { date })}</div>
      </footer>
    </div>
  )
}

function CoverageTable({ sheet, lang }: { sheet: SheetData; lang: ViewLanguage }) {
  const rows = [...sheet.coverage.areas].sort((a, b) => b.total - a.total).slice(0, 16)
  return (
    <section className="sheet-table">
      <h3>{exportWord(lang, 'tableTitle')}</h3>
      <table>
        <thead>
          <tr>
            <th>{exportWord(lang, 'tableArea')}</th>
            <th>{exportWord(lang, 'tableUnits')}</th>
            <th>{exportWord(lang, 'tableCategories')}</th>
            <th>{exportWord(lang, 'tablePer10k')}</th>
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

