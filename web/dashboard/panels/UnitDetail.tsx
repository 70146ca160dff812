// One unit: its attributes, status history and inspections (GET /api/units/:id).
import type { UnitDetailResponse } from '../../api/client'
import type { ViewLanguage } from '../../../server/shared/view-state'
import { formatDate, statusName, t } from '../i18n'
import { UnitFacts } from './UnitFacts'
import { PhotoThumbs } from '../../panels/PhotoThumbs'

export function UnitDetail({ lang, detail, onClose }: { lang: ViewLanguage; detail: UnitDetailResponse; onClose(): void }) {
  const { unit, history, inspections } = detail
  return (
    <section className="detail" data-testid="unit-detail">
      <h3 className="detail-title">
        {unit.name}
        <button type="button" className="link-button close" onClick={onClose} aria-label={t(lang, 'close')}>
          ✕
        </button>
      </h3>
      {unit.redacted && <p className="notice-inline">{t(lang, 'redacted')}</p>}
      {unit.sample && <p className="muted">{t(lang, 'sampleData')}</p>}
      <dl className="facts detail-facts">
        <UnitFacts lang={lang} unit={unit} />
        {unit.yearNamed !== null && (
          <>
            <dt>{t(lang, 'attrYearNamed')}</dt>
            <dd>{unit.yearNamed}</dd>
          </>
        )}
        {unit.expiresOn && (
          <>
            <dt>{t(lang, 'attrExpires')}</dt>
            <dd>{formatDate(lang, unit.expiresOn)}</dd>
          </>
        )}
        <dt>{t(lang, 'attrArea')}</dt>
        <dd>{unit.areaName ?? unit.areaCode ?? '–'}</dd>
        {unit.address && (
          <>
            <dt>{t(lang, 'attrAddress')}</dt>
            <dd>{unit.address}</dd>
          </>
        )}
        {unit.notes && (
          <>
            <dt>{t(lang, 'attrNotes')}</dt>
            <dd>{unit.notes}</dd>
          </>
        )}
      </dl>
      <h4>{t(lang, 'history')}</h4>
      <ol className="timeline">
        {history.map((h, i) => (
          <li key={i}>
            <span className="muted">{formatDate(lang, h.at)}</span> {h.from ? `${statusName(lang, h.from)} → ` : ''}
            <strong>{statusName(lang, h.to)}</strong>
            {h.reason && <span className="muted"> · {h.reason}</span>}
          </li>
        ))}
      </ol>
      <h4>{t(lang, 'inspections')}</h4>
      {inspections.length === 0 ? (
        <p className="muted">{t(lang, 'noInspections')}</p>
      ) : (
        <ul className="detail-list">
          {inspections.map((i) => (
            <li key={i.id}>
              <span className="muted">{formatDate(lang, i.date)}</span> {i.inspector} {i.findings && `· ${i.findings}`} {i.followUp && `（${i.followUp}）`}
              <PhotoThumbs photos={i.photos} label={`${i.date} ${t(lang, 'inspections')}`} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
