// Child areas ranked by the map's measure, each bar in the area's map colour. Hover a row to outline the
// area on the map; click it to drill into the area.
import { scaleLinear } from 'd3'
import type { RankRow } from '../chart-data'

export interface RankingChartProps {
  rows: readonly RankRow[]
  width: number
  highlight: string | null // an area code
  colourOf(code: string): string // the choropleth's colour: the bar reads as the map does
  format(value: number): string
  noData: string
  onHover(code: string | null): void
  onClick(code: string): void
  maxRows?: number // 12
}

const ROW = 20
const LABEL = 86
const VALUE = 46

export function RankingChart({ rows, width, highlight, colourOf, format, noData, onHover, onClick, maxRows = 12 }: RankingChartProps) {
  const shown = rows.slice(0, maxRows)
  const x = scaleLinear().domain([0, Math.max(1e-9, ...shown.map((r) => r.value ?? 0))]).range([0, width - LABEL - VALUE])
  return (
    <svg className="dash-chart" width={width} height={shown.length * ROW + 4} role="img" data-testid="chart-ranking" onMouseLeave={() => onHover(null)}>
      {shown.map((row, i) => {
        const cy = i * ROW + ROW / 2
        const on = row.code === highlight
        return (
          <g
            key={row.code}
            className={`chart-row${on ? ' is-highlight' : ''}`}
            data-key={row.code}
            onMouseEnter={() => onHover(row.code)}
            onClick={() => onClick(row.code)}
          >
            <rect x={0} y={i * ROW} width={width} height={ROW} fill={on ? '#eef4fb' : 'transparent'} />
            <text x={0} y={cy} dy="0.35em" fontSize={12} fontWeight={on ? 600 : 400}>
              {`${i + 1}. ${row.name}`}
            </text>
            <rect x={LABEL} y={cy - 6} width={row.value === null ? 0 : x(row.value)} height={12} rx={2} fill={colourOf(row.code)} stroke="rgba(0,0,0,0.15)" />
            <text x={width} y={cy} dy="0.35em" fontSize={12} textAnchor="end" fontWeight={600}>
              {row.value === null ? noData : format(row.value)}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
