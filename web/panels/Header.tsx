import { HONOUR_LEVELS, type HonourLevel } from '../../server/domain'
import type { Kpis } from '../data/kpis'
import { levelRank } from '../data/units'

export interface HeaderProps {
  placeName: string
  schemeName: string
  year: number
  minLevel: HonourLevel // levels below it are not counted, so their figure is shown as "–", not 0
  kpis: Kpis
}

/** The title and the headline figures for the area on the map. */
export function Header({ placeName, schemeName, year, minLevel, kpis }: HeaderProps) {
  return (
    <header className="header">
      <div className="header-title">
        <h1>民族团结进步创建地图</h1>
        <p>
          {placeName} · {schemeName} · 截至 {year} 年底
        </p>
      </div>
      <ul className="kpis" aria-label="命名示范单位">
        {[...HONOUR_LEVELS].reverse().map((level) =>
          levelRank(level) >= levelRank(minLevel) ? (
            <li key={level} className="kpi">
              <span className="kpi-value">{kpis.byLevel[level]}</span>
              <span className="kpi-label">{level}</span>
            </li>
          ) : (
            <li key={level} className="kpi kpi-uncounted" title={`统计级别为${minLevel}及以上`}>
              <span className="kpi-value">–</span>
              <span className="kpi-label">{level}</span>
            </li>
          ),
        )}
        <li className="kpi kpi-total">
          <span className="kpi-value">{kpis.total}</span>
          <span className="kpi-label">合计</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">
            {kpis.areasCovered}
            <small>/{kpis.areas}</small>
          </span>
          <span className="kpi-label">县区覆盖</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">
            {kpis.categoriesCovered}
            <small>/{kpis.categoriesInScheme}</small>
          </span>
          <span className="kpi-label">{schemeName}类别</span>
        </li>
      </ul>
    </header>
  )
}
