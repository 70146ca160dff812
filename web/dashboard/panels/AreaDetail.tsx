// An area's coverage in full: category × level table, missing categories, targets, children.
import { HONOUR_LEVELS } from '../../../server/shared/domain'
import type { CoverageArea } from '../../api/responses'
import type { ViewLanguage } from '../../../server/shared/view-state'
import { formatDate, levelName, t } from '../i18n'

export interface AreaDetailProps {
  lang: ViewLanguage
  area: CoverageArea
  categories: readonly string[]
  children: readonly CoverageArea[]
  describeTarget(target: CoverageArea['targets'][number]): string
  onChild(code: string): void
}

export function AreaDetail({ lang, area, categories, children, describeTarget, onChild }: AreaDetailProps) {
  return (
    <section className="detail" data-testid="area-detail">
      <h3 className="detail-title">
        {area.name} <small>{area.code}</small>
      </h3>
      <table className="detail-table">
        <caption>{t(lang, 'categoryByLevel')}</caption>
        <thead>
          <tr>
            <th />
            {[...HONOUR_LEVELS].reverse().map((l) => (
              <th key={l}>{levelName(lang, l)}</th>
            ))}
            <th>{t(lang, 'total')}</th>
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => {
            const row = area.byCategoryLevel[c]
            return (
              <tr key={c} className={(area.byCategory[c] ?? 0) === 0 ? 'is-missing' : ''}>
                <th>{c}</th>
                {[...HONOUR_LEVELS].reverse().map((l) => (
                  <td key={l}>{row?.[l] || ''}</td>
                ))}
                <td className="strong">{area.byCategory[c] ?? 0}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <p className="detail-line">
        <span className="muted">{t(lang, 'missing')}：</span>
        {area.missingCategories.length > 0 ? area.missingCategories.join('、') : t(lang, 'none')}
      </p>
      <h4>{t(lang, 'targets')}</h4>
      {area.targets.length === 0 ? (
        <p className="muted">{t(lang, 'noTargets')}</p>
      ) : (
        <ul className="detail-list">
          {area.targets.map((target) => (
            <li key={target.id} className={target.met ? 'ok' : target.behind ? 'bad' : ''}>
              {describeTarget(target)}：{target.achieved}/{target.count}
            </li>
          ))}
        </ul>
      )}
      {area.expiring.length > 0 && (
        <>
          <h4>{t(lang, 'kpiExpiring')}</h4>
          <ul className="detail-list">
            {area.expiring.map((e) => (
              <li key={e.id}>
                {e.name} · {levelName(lang, e.level)} · {formatDate(lang, e.expiresOn)}
              </li>
            ))}
          </ul>
        </>
      )}
      {children.length > 0 && (
        <>
          <h4>{t(lang, 'children')}</h4>
          <ul className="detail-children">
            {children.map((c) => (
              <li key={c.code}>
                <button type="button" className="link-button" onClick={() => onChild(c.code)}>
                  {c.name}
                </button>
                <span>
                  {c.total} · {c.categoriesCovered}/{c.categoriesInScheme}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
