import { HONOUR_LEVELS, type HonourLevel } from '../../server/domain'
import { MEASURES, type MeasureId } from '../data/measures'

export interface MapControlsProps {
  measureId: MeasureId
  minLevel: HonourLevel
  onMeasure(id: MeasureId): void
  onMinLevel(level: HonourLevel): void
}

/** The two choices that reshape the map: what colours the areas, and the lowest honour level counted. */
export function MapControls({ measureId, minLevel, onMeasure, onMinLevel }: MapControlsProps) {
  return (
    <div className="card controls">
      <fieldset className="control">
        <legend>专题指标</legend>
        {MEASURES.map((m) => (
          <label key={m.id} className="choice">
            <input type="radio" name="measure" value={m.id} checked={m.id === measureId} onChange={() => onMeasure(m.id)} />
            {m.label}
          </label>
        ))}
      </fieldset>
      <label className="control">
        <span className="control-label">统计级别</span>
        <select value={minLevel} onChange={(e) => onMinLevel(honourLevelOf(e.target.value))}>
          {HONOUR_LEVELS.map((level) => (
            <option key={level} value={level}>
              {level}及以上
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}

function honourLevelOf(value: string): HonourLevel {
  const level = HONOUR_LEVELS.find((l) => l === value)
  if (!level) throw new Error(`honourLevelOf: not an honour level: ${JSON.stringify(value)}`)
  return level
}
