// The legend: every colour on the map comes from one of the scale objects passed in (colour-scales.ts,
// category-colours.ts), so the rows here are the colours drawn.
import type { HonourLevel } from '../../../server/shared/domain'
import type { CategoryPalette } from '../../data/category-colours'
import type { ColourScale } from '../../data/colour-scales'
import type { CategoryCount } from '../../data/units'
import type { ViewLanguage } from '../../../server/shared/view-state'
import { cssOf } from '../../data/rgba'
import { CORRIDOR_COLOUR } from '../../layers/demo-corridors'
import type { HeatmapLegendStop } from '../../layers/unit-heatmap'
import { UNIT_RADIUS_PIXELS } from '../../layers/unit-points'
import { levelName, t } from '../i18n'

export interface DashboardLegendProps {
  lang: ViewLanguage
  scale: ColourScale | null // the choropleth's (null: layer hidden)
  density: ColourScale | null // the hexagon layer's (null: layer hidden)
  heatmap: readonly HeatmapLegendStop[] | null // the heatmap's ramp (null: layer hidden)
  corridors: { count: number; sample: boolean } | null // the corridors drawn (null: layer hidden)
  schemeName: string
  categories: readonly CategoryCount[] | null // null: unit layer hidden
  palette: CategoryPalette
  levels: readonly HonourLevel[]
  highlight: string | null // a category lit from a chart
}

export function DashboardLegend({ lang, scale, density, heatmap, corridors, schemeName, categories, palette, levels, highlight }: DashboardLegendProps) {
  return (
    <aside className="card legend" aria-label="legend">
      {[scale, density].map(
        (s, i) =>
          s && (
            <section key={i} className="legend-section" data-testid={i === 0 ? 'legend-choropleth' : 'legend-density'}>
              <h2 className="legend-title">{s.title}</h2>
              <ul className="legend-rows">
                {s.legend.map((row) => (
                  <li key={`${row.kind}:${row.label}`} className="legend-row" data-kind={row.kind}>
                    <span className="swatch" style={{ background: row.css }} />
                    <span className="legend-label">{row.kind === 'no-data' ? t(lang, 'noData') : row.kind === 'no-ledger' ? t(lang, 'noLedger') : row.label}</span>
                  </li>
                ))}
              </ul>
            </section>
          ),
      )}
      {heatmap && (
        <section className="legend-section" data-testid="legend-heatmap">
          <h2 className="legend-title">{t(lang, 'heatmapTitle')}</h2>
          <div className="legend-ramp" style={{ background: `linear-gradient(to right, ${heatmap.map((s) => `${s.css} ${(s.offset * 100).toFixed(1)}%`).join(', ')})` }} />
          <div className="legend-ramp-ends">
            <span>{t(lang, 'low')}</span>
            <span>{t(lang, 'high')}</span>
          </div>
        </section>
      )}
      {corridors && (
        <section className="legend-section" data-testid="legend-corridors">
          <ul className="legend-rows">
            <li className="legend-row">
              <span className="line-swatch" style={{ background: cssOf(CORRIDOR_COLOUR) }} />
              <span className="legend-label">
                {t(lang, 'layerCorridors')}
                {corridors.sample && ` (${t(lang, 'sampleShort')})`}
              </span>
              <span className="legend-count">{corridors.count}</span>
            </li>
          </ul>
        </section>
      )}
      {categories && (
        <section className="legend-section" data-testid="legend-categories">
          <h2 className="legend-title">
            {t(lang, 'layerUnits')} · {schemeName}
          </h2>
          <ul className="legend-rows legend-categories">
            {categories.map(({ category, count }) => (
              <li key={category} className={`legend-row${highlight === category ? ' is-highlight' : ''}`} data-category={category}>
                <span className="dot" style={{ background: palette.cssOf(category) }} />
                <span className="legend-label">{category}</span>
                <span className="legend-count">{count}</span>
              </li>
            ))}
          </ul>
          <ul className="legend-sizes">
            {levels.map((level) => (
              <li key={level}>
                <span className="size-dot" style={{ width: UNIT_RADIUS_PIXELS[level] * 2, height: UNIT_RADIUS_PIXELS[level] * 2 }} />
                {levelName(lang, level)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </aside>
  )
}
