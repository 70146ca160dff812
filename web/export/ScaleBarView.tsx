import type { ViewLanguage } from '../../server/shared/view-state'
import { exportWord } from './export-words'
import type { ScaleBar } from './scale-bar'

export interface ScaleBarViewProps {
  bar: ScaleBar
  fraction: string | null // "1:250 000" on paper pages; null on pixel pages
  lang: ViewLanguage
}

/** Alternating black and white halves with 0, middle and end labelled; the data-* attributes are for tests. */
export function ScaleBarView({ bar, fraction, lang }: ScaleBarViewProps) {
  const height = 8
  const half = bar.pixels / 2
  return (
    <div className="scale-bar" data-testid="scale-bar" data-metres={bar.metres} data-pixels={bar.pixels.toFixed(3)}>
      <svg width={bar.pixels + 24} height={height + 22} viewBox={`-12 0 ${bar.pixels + 24} ${height + 22}`}>
        <rect x={0} y={16} width={half} height={height} fill="#262c34" />
        <rect x={half} y={16} width={half} height={height} fill="#ffffff" stroke="#262c34" strokeWidth={1} />
        <rect x={0} y={16} width={bar.pixels} height={height} fill="none" stroke="#262c34" strokeWidth={1} />
        {bar.ticks.map((t) => (
          <text key={t.metres} x={t.pixels} y={12} textAnchor="middle" fontSize={12} fill="#262c34">
            {t.label}
          </text>
        ))}
      </svg>
      <span className="scale-bar-unit">
        {exportWord(lang, bar.unit)}
        {fraction && <span className="scale-fraction"> · {fraction}</span>}
      </span>
    </div>
  )
}
