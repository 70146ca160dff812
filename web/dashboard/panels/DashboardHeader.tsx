// Title, breadcrumb (drill back up), the headline figures and the language switch.
import { HONOUR_LEVELS, type AreaLevel, type HonourLevel } from '../../../server/shared/domain'
import type { ViewLanguage } from '../../../server/shared/view-state'
import { levelRank } from '../../data/units'
import type { DashboardKpis } from '../dashboard-kpis'
import type { TrailStep } from '../../map/area-frame'
import { areaLevelName, formatNumber, formatPercent, levelName, t } from '../i18n'

export interface DashboardHeaderProps {
  lang: ViewLanguage
  trail: readonly TrailStep[]
  schemeName: string
  year: number
  minLevel: HonourLevel
  childLevel: AreaLevel | null
  kpis: DashboardKpis
  onArea(code: string): void
  onLanguage(lang: ViewLanguage): void
}

export function DashboardHeader({ lang, trail, schemeName, year, minLevel, childLevel, kpis, onArea, onLanguage }: DashboardHeaderProps) {
  return (
    <header className="header dash-header">
      <div className="header-title">
        <h1>{t(lang, 'title')}</h1>
        <nav className="breadcrumb" aria-label="breadcrumb" data-testid="breadcrumb">
          {trail.map((step, i) => (
            <span key={step.code}>
              {i > 0 && <span className="crumb-sep">›</span>}
              {i < trail.length - 1 ? (
                <button type="button" className="crumb" onClick={() => onArea(step.code)}>
                  {step.name}
                </button>
              ) : (
                <strong className="crumb-current">{step.name}</strong>
              )}
            </span>
          ))}
          <span className="crumb-meta">
            {' '}
            · {schemeName} · {t(lang, 'asOf', { year })}
          </span>
        </nav>
        {kpis.excluded.length > 0 && (
          <p className="excluded-note" data-testid="excluded-note">
            {t(lang, 'noLedgerNote', { names: kpis.excluded.join(lang === 'zh' ? '、' : ', ') })}
          </p>
        )}
      </div>
      <ul className="kpis" aria-label={t(lang, 'kpiNamed')} data-testid="kpis">
        {[...HONOUR_LEVELS].reverse().map((level) =>
          levelRank(level) >= levelRank(minLevel) ? (
            <li key={level} className="kpi" data-kpi={`level-${level}`}>
              <span className="kpi-value">{formatNumber(lang, kpis.byLevel[level])}</span>
              <span className="kpi-label">{levelName(lang, level)}</span>
            </li>
          ) : (
            <li key={level} className="kpi kpi-uncounted">
              <span className="kpi-value">–</span>
              <span className="kpi-label">{levelName(lang, level)}</span>
            </li>
          ),
        )}
        <li className="kpi kpi-total" data-kpi="total">
          <span className="kpi-value">{formatNumber(lang, kpis.total)}</span>
          <span className="kpi-label">{t(lang, 'kpiTotal')}</span>
        </li>
        <li className="kpi" data-kpi="categories">
          <span className="kpi-value">
            {kpis.categoriesCovered}
            <small>/{kpis.categoriesInScheme}</small>
          </span>
          <span className="kpi-label">{t(lang, 'kpiCategories', { scheme: schemeName })}</span>
        </li>
        <li className="kpi" data-kpi="children">
          <span className="kpi-value">
            {kpis.childCoverage === null ? '–' : formatPercent(lang, kpis.childCoverage)}
            <small>
              {' '}
              {kpis.childAreasCovered}/{kpis.childAreas}
            </small>
          </span>
          <span className="kpi-label">{t(lang, 'kpiChildren', { level: childLevel ? areaLevelName(lang, childLevel) : '–' })}</span>
        </li>
        <li className="kpi" data-kpi="per10k">
          <span className="kpi-value">{kpis.per10kPeople === null ? '–' : formatNumber(lang, kpis.per10kPeople, 2)}</span>
          <span className="kpi-label">{t(lang, 'kpiPer10k')}</span>
        </li>
        <li className="kpi" data-kpi="targets">
          <span className="kpi-value">
            {kpis.targets === 0 ? '–' : kpis.targetsMet}
            {kpis.targets > 0 && <small>/{kpis.targets}</small>}
          </span>
          <span className="kpi-label">{t(lang, 'kpiTargets')}</span>
        </li>
        <li className={`kpi${kpis.expiring > 0 ? ' kpi-warn' : ''}`} data-kpi="expiring">
          <span className="kpi-value">{formatNumber(lang, kpis.expiring)}</span>
          <span className="kpi-label">{t(lang, 'kpiExpiring')}</span>
        </li>
      </ul>
      <button type="button" className="lang-switch" data-testid="lang-switch" onClick={() => onLanguage(lang === 'zh' ? 'en' : 'zh')}>
        {t(lang, 'language')}
      </button>
    </header>
  )
}
