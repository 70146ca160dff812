import type { CoverageArea } from '../api/responses'
import type { CorridorItem } from '../api/client'
import type { UnitPoint } from '../data/units'

export type HoverTarget =
  | { kind: 'unit'; unit: UnitPoint; x: number; y: number }
  | { kind: 'area'; area: CoverageArea; x: number; y: number }
  | { kind: 'corridor'; corridor: CorridorItem; x: number; y: number }

export interface TooltipProps {
  target: HoverTarget
  schemeName: string
}

/** Offset from the pointer, and the width past which the card flips to the pointer's left. */
const OFFSET = 14
const FLIP_MARGIN = 280

export function Tooltip({ target, schemeName }: TooltipProps) {
  const flip = target.x > window.innerWidth - FLIP_MARGIN
  const style = flip
    ? { right: window.innerWidth - target.x + OFFSET, top: target.y + OFFSET }
    : { left: target.x + OFFSET, top: target.y + OFFSET }
  return (
    <div className="card tooltip" style={style} role="tooltip">
      {target.kind === 'unit' && <UnitDetails unit={target.unit} />}
      {target.kind === 'area' && <AreaDetails area={target.area} schemeName={schemeName} />}
      {target.kind === 'corridor' && <CorridorDetails corridor={target.corridor} />}
    </div>
  )
}

function UnitDetails({ unit }: { unit: UnitPoint }) {
  return (
    <>
      <div className="tooltip-title">{unit.name}</div>
      <dl className="tooltip-facts">
        <dt>类别</dt>
        <dd>{unit.category}</dd>
        <dt>级别</dt>
        <dd>{unit.level ?? '未命名'}</dd>
        <dt>状态</dt>
        <dd>
          {unit.status}
          {unit.yearNamed !== null && ` (${unit.yearNamed}年命名)`}
        </dd>
      </dl>
      {unit.sample && <div className="tooltip-note">示例数据</div>}
    </>
  )
}

function CorridorDetails({ corridor }: { corridor: CorridorItem }) {
  return (
    <>
      <div className="tooltip-title">{corridor.name}</div>
      <dl className="tooltip-facts">
        <dt>站点</dt>
        <dd>{corridor.stops.map((s) => s.name).join(' → ')}</dd>
      </dl>
      {corridor.sample && <div className="tooltip-note">示例数据</div>}
    </>
  )
}

function AreaDetails({ area, schemeName }: { area: CoverageArea; schemeName: string }) {
  return (
    <>
      <div className="tooltip-title">{area.name}</div>
      <dl className="tooltip-facts">
        <dt>示范单位</dt>
        <dd>{area.total} 个</dd>
        <dt>{schemeName}</dt>
        <dd>
          {area.categoriesCovered}/{area.categoriesInScheme}
        </dd>
        {area.missingCategories.length > 0 && (
          <>
            <dt>未覆盖</dt>
            <dd>{area.missingCategories.join('、')}</dd>
          </>
        )}
      </dl>
    </>
  )
}
