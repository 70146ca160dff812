// The right-hand charts tab: units by category and level, the children ranked by the measure, the growth
// over the years, and the framed area's targets. Hovering a chart highlights the map; clicking filters or drills.
import { useMemo } from 'react'
import type { HonourLevel } from '../../../server/shared/domain'
import type { CoverageArea } from '../../api/responses'
import type { CategoryPalette } from '../../data/category-colours'
import type { Measure } from '../../data/measures'
import type { ViewLanguage } from '../../../server/shared/view-state'
import { categoryLevelStacks, childRanking, targetBullets, type GrowthPoint } from '../chart-data'
import { CategoryStackChart } from '../charts/CategoryStackChart'
import { GrowthChart } from '../charts/GrowthChart'
import { RankingChart } from '../charts/RankingChart'
import { TargetBullets } from '../charts/TargetBullets'
import { levelName, t } from '../i18n'

const SIDE_CHART_WIDTH = 356

export interface ChartsPanelProps {
  lang: ViewLanguage
  areas: readonly CoverageArea[] // the rows charted: the children, or the framed area's own
  own: CoverageArea | null // the framed area's own coverage, for its targets
  schemeCategories: readonly string[]
  categories: readonly string[] | null // the category filter; null: all
  levels: readonly HonourLevel[] // the honour levels counted
  measure: Measure
  rankingTitle: string
  excludedNote: string | null // which areas the ranking leaves out (暂无数据), or null
  palette: CategoryPalette
  highlightCategory: string | null
  highlightArea: string | null
  areaCss(code: string): string // an area's colour on the map
  formatValue(value: number): string
  growth: GrowthPoint[] | null
  year: number
  describeTarget(target: CoverageArea['targets'][number]): string
  onHighlightCategory(category: string | null): void
  onHighlightArea(code: string | null): void
  onCategory(category: string): void
  onArea(code: string): void
  onYear(year: number): void
}

export function ChartsPanel(props: ChartsPanelProps) {
  const { lang, areas, measure, describeTarget } = props
  const stacks = useMemo(() => categoryLevelStacks(areas, props.schemeCategories), [areas, props.schemeCategories])
  const ranking = useMemo(() => childRanking(areas, measure), [areas, measure])
  const bullets = useMemo(() => targetBullets(props.own?.targets ?? [], describeTarget), [props.own, describeTarget])
  return (
    <div className="charts" data-testid="charts">
      <p className="hint muted">{t(lang, 'hintClick')}</p>
      <h3 className="chart-title">{t(lang, 'chartByCategory')}</h3>
      <CategoryStackChart
        stacks={stacks}
        levels={props.levels}
        width={SIDE_CHART_WIDTH}
        highlight={props.highlightCategory}
        chosen={props.categories}
        dotColour={props.palette.cssOf}
        levelLabel={(l) => levelName(lang, l)}
        onHover={props.onHighlightCategory}
        onClick={props.onCategory}
      />
      <h3 className="chart-title">{props.rankingTitle}</h3>
      <RankingChart
        rows={ranking}
        width={SIDE_CHART_WIDTH}
        highlight={props.highlightArea}
        colourOf={props.areaCss}
        format={props.formatValue}
        noData={t(lang, 'noData')}
        onHover={props.onHighlightArea}
        onClick={props.onArea}
      />
      {props.excludedNote && <p className="hint muted excluded-note">{props.excludedNote}</p>}
      <h3 className="chart-title">{t(lang, 'chartGrowth')}</h3>
      {props.growth ? <GrowthChart points={props.growth} width={SIDE_CHART_WIDTH} year={props.year} onYear={props.onYear} /> : <p className="muted">{t(lang, 'loading')}</p>}
      <h3 className="chart-title">{t(lang, 'chartTargets')}</h3>
      {bullets.length > 0 ? <TargetBullets bullets={bullets} width={SIDE_CHART_WIDTH} /> : <p className="muted">{t(lang, 'noTargets')}</p>}
    </div>
  )
}
