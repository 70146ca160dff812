// What the tooltip and the detail panel both say of a unit first: its category, level and status.
import type { HonourLevel, UnitStatus } from '../../../server/shared/domain'
import type { ViewLanguage } from '../../../server/shared/view-state'
import { levelName, statusName, t } from '../i18n'

export interface UnitFactsProps {
  lang: ViewLanguage
  unit: { category: string; level: HonourLevel | null; status: UnitStatus }
  statusNote?: string // after the status, e.g. 「（2023 年命名）」
}

/** The rows go inside the caller's <dl>, before its own. */
export function UnitFacts({ lang, unit, statusNote = '' }: UnitFactsProps) {
  return (
    <>
      <dt>{t(lang, 'attrCategory')}</dt>
      <dd>{unit.category}</dd>
      <dt>{t(lang, 'attrLevel')}</dt>
      <dd>{unit.level ? levelName(lang, unit.level) : t(lang, 'notNamed')}</dd>
      <dt>{t(lang, 'attrStatus')}</dt>
      <dd>
        {statusName(lang, unit.status)}
        {statusNote}
      </dd>
    </>
  )
}
