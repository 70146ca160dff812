import type { HonourLevel } from '../../server/domain'
import type { CategoryPalette } from '../data/category-colours'
import type { ColourScale } from '../data/colour-scales'
import type { CategoryCount } from '../data/units'
import { UNIT_RADIUS_PIXELS } from '../layers/unit-points'

export interface LegendProps {
  scale: ColourScale // the choropleth's scale: its legend rows are the colours on the map
  schemeName: string
  categories: readonly CategoryCount[] // in scheme order
  palette: CategoryPalette
  levels: readonly HonourLevel[] // the honour levels on the map, highest first
}

export function Legend({ scale, schemeName, categories, palette, levels }: LegendProps) {
  return (
    <aside className="card legend" aria-label="图例">
      <section className="legend-section" data-testid="legend-choropleth">
        <h2 className="legend-title">{scale.title}</h2>
        <ul className="legend-rows">
          {scale.legend.map((row) => (
            <li key={`${row.kind}:${row.label}`} className="legend-row">
              <span className="swatch" style={{ background: row.css }} />
              <span className="legend-label">{row.label}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="legend-section" data-testid="legend-categories">
        <h2 className="legend-title">示范单位 · {schemeName}</h2>
        <ul className="legend-rows legend-categories">
          {categories.map(({ category, count }) => (
            <li key={category} className="legend-row" data-category={category}>
              <span className="dot" style={{ background: palette.cssOf(category) }} />
              <span className="legend-label">{category}</span>
              <span className="legend-count">{count}</span>
            </li>
          ))}
        </ul>
        <ul className="legend-sizes" aria-label="点的大小表示命名级别">
          {levels.map((level) => (
            <li key={level}>
              <span className="size-dot" style={{ width: UNIT_RADIUS_PIXELS[level] * 2, height: UNIT_RADIUS_PIXELS[level] * 2 }} />
              {level}
            </li>
          ))}
        </ul>
      </section>
    </aside>
  )
}
