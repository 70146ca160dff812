import type { CorridorItem } from '../../api/client'
import type { CoverageArea } from '../../api/responses'
import type { UnitPoint } from '../../data/units'
import type { ViewLanguage } from '../../../server/shared/view-state'
import { formatNumber, t } from '../i18n'
import { UnitFacts } from './UnitFacts'

export type HoverTarget =
  | { kind: 'unit'; unit: UnitPoint; x: number; y: number }
  | { kind: 'area'; area: CoverageArea; x: number; y: number }
  | { kind: 'corridor'; corridor: CorridorItem; x: number; y: number }

export interface TooltipProps {
  lang: ViewLanguage
  target: HoverTarget
  schemeName: string
}

/** Offset from the pointer, and the width past which the card flips to the pointer's left. */
const OFFSET = 14
const FLIP_MARGIN = 280

export function Tooltip({ lang, target, schemeName }: TooltipProps) {
  const flip = target.x > window.innerWidth - FLIP_MARGIN
  const style = flip
    ? { right: window.innerWidth - target.x + OFFSET, top: target.y + OFFSET }
    : { left: target.x + OFFSET, top: target.y + OFFSET }
  return (
    <div className="card tooltip" style={style} role="tooltip">
      {target.kind === 'unit' && <UnitDetails lang={lang} unit={target.unit} />}
      {target.kind === 'area' && <AreaDetails lang={lang} area={target.area} schemeName={schemeName} />}
      {target.kind === 'corridor' && <CorridorDetails lang={lang} corridor={target.corridor} />}
    </div>
  )
}

function UnitDetails({ lang, unit }: { lang: ViewLanguage; unit: UnitPoint }) {
  return (
    <>
      <div className="tooltip-title">{unit.name}</div>
      <dl className="facts tooltip-facts">
        <UnitFacts lang={lang} unit={unit} statusNote={unit.yearNamed !== null ? ` (${t(lang, 'namedIn', { year: unit.yearNamed })})` : ''} />
      </dl>
      {unit.sample && <div className="tooltip-note">{t(lang, 'sampleData')}</div>}
    </>
  )
}

function CorridorDetails({ lang, corridor }: { lang: ViewLanguage; corridor: CorridorItem }) {
  return (
    <>
      <div className="tooltip-title">{corridor.name}</div>
      <dl className="facts tooltip-facts">
        <dt>{t(lang, 'corridorStops', { count: corridor.stops.length })}</dt>
        <dd>{corridor.stops.map((s) => s.name).join(' → ')}</dd>
      </dl>
      {corridor.sample && <div className="tooltip-note">{t(lang, 'sampleData')}</div>}
    </>
  )
}

function AreaDetails({ lang, area, schemeName }: { lang: ViewLanguage; area: CoverageArea; schemeName: string }) {
  return (
    <>
      <div className="tooltip-title">{area.name}</div>
      <dl className="facts tooltip-facts">
        <dt>{t(lang, 'namedUnits')}</dt>
        <dd>{formatNumber(lang, area.total, 0)}</dd>
        <dt>{schemeName}</dt>
        <dd>
          {area.categoriesCovered}/{area.categoriesInScheme}
        </dd>
        {area.missingCategories.length > 0 && (
          <>
            <dt>{t(lang, 'missing')}</dt>
            <dd>{area.missingCategories.join(lang === 'zh' ? '、' : ', ')}</dd>
          </>
        )}
      </dl>
    </>
  )
}
