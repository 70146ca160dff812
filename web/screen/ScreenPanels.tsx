// The screen's side panels and overlays. Each is a pure view of the feed; charts come from web/charts.
import { memo, useMemo, type ReactNode } from 'react'
import { childLevelOf } from '../../server/shared/area-codes'
import { HONOUR_LEVELS, type AreaLevel } from '../../server/shared/domain'
import type { CoverageArea } from '../api/responses'
import { BarList } from '../charts/BarList'
import { ColumnChart } from '../charts/ColumnChart'
import { CountUp } from '../charts/CountUp'
import { ProgressList } from '../charts/ProgressList'
import { RingChart } from '../charts/RingChart'
import { categoryPalette } from '../data/category-colours'
import type { ColourScale } from '../data/colour-scales'
import { kpisOf } from '../data/kpis'
import { categorySharesOf, growthOf, isSensitive, latestNamings, rankingOf, targetRowsOf, type TickerItem } from './screen-figures'
import type { ScreenFeed } from './screen-feed'
import { useElementSize } from './use-stage'

export function Panel({ id, title, extra, children, className = '' }: { id: string; title: string; extra?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`screen-panel ${className}`} data-panel={id}>
      <header className="screen-panel-head">
        <h2>{title}</h2>
        {extra && <span className="screen-panel-extra">{extra}</span>}
      </header>
      <div className="screen-panel-body">{children}</div>
    </section>
  )
}

const LEVELS_HIGH_FIRST = [...HONOUR_LEVELS].reverse()
const RANK_ROW_MIN_PX = 26 // a ranking row's least height for its 20 px label

/** What the screen calls the areas of each level in its labels (县区覆盖, 县(市、区)示范单位排名). */
const LEVEL_WORDS: Record<AreaLevel, { short: string; long: string }> = {
  country: { short: '全国', long: '全国' },
  province: { short: '省区', long: '省(区、市)' },
  prefecture: { short: '市州', long: '市(州)' },
  county: { short: '县区', long: '县(市、区)' },
  township: { short: '乡镇', long: '乡镇' },
  village: { short: '村', long: '村' },
}

/** The level of the areas a report lists, and the level below it. */
function levelsOf(feed: ScreenFeed): { child: AreaLevel; grandchild: AreaLevel | null } {
  const child = feed.current.areas[0]?.level ?? 'county'
  return { child, grandchild: childLevelOf(child) }
}

/** Names of the listed areas left out of figures and ranks because the store has no ledger for them. */
function excludedNote(feed: ScreenFeed): string | null {
  const names = feed.current.areas.filter((a) => a.noData).map((a) => a.name)
  return names.length > 0 ? `不含${names.join('、')}（暂无数据）` : null
}

export const KpiPanel = memo(function KpiPanel({ feed }: { feed: ScreenFeed }) {
  const kpis = useMemo(() => kpisOf(feed.current), [feed])
  const townships = feed.current.areas.reduce((s, a) => [s[0] + a.childAreasCovered, s[1] + a.childAreas], [0, 0])
  const { child, grandchild } = levelsOf(feed)
  return (
    <Panel id="kpis" title={`示范单位 · ${feed.current.minLevel}及以上`} extra={`${feed.current.year} 年`}>
      <div className="kpi-top">
        <div className="kpi kpi-main">
          <span className="kpi-label">示范单位总数</span>
          <CountUp className="kpi-figure kpi-figure-xl" value={kpis.total} />
        </div>
        <div className="kpi">
          <span className="kpi-label">{LEVEL_WORDS[child].short}覆盖</span>
          <span className="kpi-figure">
            <CountUp value={kpis.areasCovered} />
            <small>/{kpis.areas}</small>
          </span>
        </div>
        <div className="kpi">
          <span className="kpi-label">{grandchild ? LEVEL_WORDS[grandchild].short : ''}覆盖</span>
          <span className="kpi-figure">
            <CountUp value={townships[0]} />
            <small>/{townships[1]}</small>
          </span>
        </div>
      </div>
      <div className="kpi-levels">
        {LEVELS_HIGH_FIRST.map((level) => (
          <div key={level} className="kpi" data-level={level}>
            <span className="kpi-label">{level}</span>
            <CountUp className="kpi-figure" value={kpis.byLevel[level]} />
          </div>
        ))}
      </div>
    </Panel>
  )
})

export const CategoryPanel = memo(function CategoryPanel({ feed, area }: { feed: ScreenFeed; area: CoverageArea | null }) {
  const [ref, size] = useElementSize<HTMLDivElement>()
  const palette = useMemo(() => categoryPalette(feed.current.scheme.categories), [feed])
  const shares = useMemo(() => {
    if (!area) return categorySharesOf(feed.current)
    return feed.current.scheme.categories.map((category) => {
      const count = area.byCategory[category] ?? 0
      return { category, count, covered: count > 0 }
    })
  }, [feed, area])
  const covered = shares.filter((s) => s.covered).length
  const ring = Math.max(0, Math.min(size.height, size.width * 0.48))
  return (
    <Panel id="categories" title={`${feed.current.scheme.name}类别覆盖`} extra={area?.name ?? '全市'}>
      <div className="category-body" ref={ref}>
        {ring > 40 && (
          <RingChart
            size={ring}
            centre={`${covered}/${shares.length}`}
            caption="类别已覆盖"
            segments={shares.map((s) => ({ key: s.category, label: s.category, value: s.count, colour: palette.cssOf(s.category), filled: s.covered }))}
          />
        )}
        <ul className="category-list">
          {shares.map((s) => (
            <li key={s.category} className={s.covered ? '' : 'is-missing'} data-category={s.category}>
              <span className="dot" style={{ background: palette.cssOf(s.category) }} />
              <span className="category-name">{s.category}</span>
              <span className="category-count">{s.count}</span>
            </li>
          ))}
        </ul>
      </div>
    </Panel>
  )
})

export const TargetPanel = memo(function TargetPanel({ feed }: { feed: ScreenFeed }) {
  const rows = useMemo(() => targetRowsOf(feed.placeArea, feed.current).slice(0, 4), [feed])
  return (
    <Panel id="targets" title="创建目标进度" extra={`${rows.filter((r) => r.met).length}/${rows.length} 已完成`}>
      {rows.length === 0 ? (
        <p className="screen-empty">暂无创建目标</p>
      ) : (
        <ProgressList
          rows={rows.map((r) => ({ ...r, label: `${r.label} (${r.dueYear})`, tone: r.met ? 'met' : r.behind ? 'behind' : 'on-track' }))}
        />
      )}
    </Panel>
  )
})

export const RankingPanel = memo(function RankingPanel({ feed, highlight }: { feed: ScreenFeed; highlight: string | null }) {
  const [ref, size] = useElementSize<HTMLDivElement>()
  const ranked = useMemo(() => rankingOf(feed.current).map((r) => ({ key: r.code, label: r.name, value: r.value })), [feed])
  // As many rows as the panel holds at a readable size (31 provinces do not fit); the highest first.
  const rows = ranked.slice(0, Math.max(1, Math.floor(size.height / RANK_ROW_MIN_PX)))
  return (
    <Panel id="ranking" title={`${LEVEL_WORDS[levelsOf(feed).child].long}示范单位排名`} extra="个">
      {excludedNote(feed) && <p className="screen-note">{excludedNote(feed)}</p>}
      <div className="chart-box" ref={ref}>
        {size.width > 0 && <BarList rows={rows} width={size.width} height={size.height} highlight={highlight} labelWidth={150} fontSize={20} />}
      </div>
    </Panel>
  )
})

export const GrowthPanel = memo(function GrowthPanel({ feed }: { feed: ScreenFeed }) {
  const [ref, size] = useElementSize<HTMLDivElement>()
  const data = useMemo(() => growthOf(feed.years).map((y) => ({ key: String(y.year), value: y.total })), [feed])
  return (
    <Panel id="growth" title="示范单位逐年增长" extra="累计">
      <div className="chart-box" ref={ref}>
        {size.width > 0 && <ColumnChart data={data} width={size.width} height={size.height} fontSize={20} />}
      </div>
    </Panel>
  )
})

export const Ticker = memo(function Ticker({ items }: { items: readonly TickerItem[] }) {
  // The list twice over, so the scroll wraps seamlessly at −50 %.
  return (
    <div className="screen-ticker" data-panel="ticker">
      <span className="ticker-label">最新命名</span>
      <div className="ticker-window">
        {items.length === 0 ? (
          <span className="ticker-item">暂无命名记录</span>
        ) : (
          <div className="ticker-track" style={{ animationDuration: `${Math.max(30, items.length * 6)}s` }}>
            {[0, 1].map((copy) =>
              items.map((item) => (
                <span key={`${copy}-${item.id}`} className="ticker-item" aria-hidden={copy === 1}>
                  {item.text}
                </span>
              )),
            )}
          </div>
        )}
      </div>
    </div>
  )
})

export function tickerItemsOf(feed: ScreenFeed, areaName: (code: string | null) => string, aggregateSensitive: boolean): TickerItem[] {
  return latestNamings(feed.units, areaName, { limit: 16, aggregateSensitive })
}

/** The toured area's figures, over the map's top-left corner. */
export interface TourCardProps {
  area: CoverageArea | null // null: the overview of the whole place
  placeName: string
  feed: ScreenFeed
  paused: boolean
  aggregateSensitive: boolean
}

export const TourCard = memo(function TourCard({ area, placeName, feed, paused, aggregateSensitive }: TourCardProps) {
  const kpis = useMemo(() => kpisOf(feed.current), [feed])
  const total = area ? area.total : kpis.total
  const byLevel = area ? area.byLevel : kpis.byLevel
  const sensitive = feed.current.scheme.categories.filter(isSensitive)
  return (
    <div className="tour-card" data-panel="tour-card" data-area={area?.code ?? 'overview'}>
      <div className="tour-card-head">
        <h3>{area ? area.name : placeName}</h3>
        <span className={paused ? 'tour-state is-paused' : 'tour-state'}>{paused ? '已暂停' : '轮播中'}</span>
      </div>
      <div className="tour-total">
        <CountUp className="kpi-figure" value={total} />
        <span className="tour-unit">个示范单位</span>
      </div>
      <div className="tour-levels">
        {LEVELS_HIGH_FIRST.filter((l) => byLevel[l] > 0).map((l) => (
          <span key={l}>
            {l} <b>{byLevel[l]}</b>
          </span>
        ))}
      </div>
      {area && (
        <ul className="tour-facts">
          <li>
            类别覆盖 <b>{area.categoriesCovered}/{area.categoriesInScheme}</b>
            {area.missingCategories.length > 0 && <span className="tour-missing"> 缺 {area.missingCategories.join('、')}</span>}
          </li>
          <li>
            {LEVEL_WORDS[childLevelOf(area.level) ?? 'township'].short}覆盖 <b>{area.childAreasCovered}/{area.childAreas}</b>
            {area.per10kPeople !== null && (
              <>
                {' '}· 每万人 <b>{area.per10kPeople.toFixed(2)}</b>
              </>
            )}
          </li>
        </ul>
      )}
      {!area && aggregateSensitive && sensitive.length > 0 && <p className="tour-note">{sensitive.join('、')}仅计数，不显示位置与名称</p>}
    </div>
  )
})

export const MapLegend = memo(function MapLegend({ scale }: { scale: ColourScale }) {
  return (
    <div className="screen-legend" data-panel="legend">
      <span className="legend-heading">示范单位数</span>
      {scale.legend.map((row) => (
        <span key={`${row.kind}:${row.label}`} className="legend-entry">
          <span className="swatch" style={{ background: row.css }} />
          {row.label}
        </span>
      ))}
      <span className="legend-entry">
        <span className="swatch swatch-column" />
        柱高=总数
      </span>
    </div>
  )
})
