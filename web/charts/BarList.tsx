// Horizontal bars, one row per item: a ranking. SVG sized in the caller's units; d3 only for the scale.
import { scaleLinear } from 'd3'

export interface BarRow {
  key: string
  label: string
  value: number
}

export interface BarListProps {
  rows: readonly BarRow[]
  width: number
  height: number
  highlight?: string | null // a row key drawn in the accent colour
  labelWidth?: number // 120: room for the label on the left
  valueWidth?: number // 64: room for the figure on the right
  fontSize?: number // 20
  colour?: string // '#3fa7ff'
  highlightColour?: string // '#ffd166'
  rank?: boolean // true: number the rows
}

export function BarList({
  rows,
  width,
  height,
  highlight = null,
  labelWidth = 120,
  valueWidth = 64,
  fontSize = 20,
  colour = '#3fa7ff',
  highlightColour = '#ffd166',
  rank = true,
}: BarListProps) {
  const rowHeight = rows.length > 0 ? height / rows.length : height
  const max = Math.max(1, ...rows.map((r) => r.value))
  const x = scaleLinear().domain([0, max]).range([0, Math.max(0, width - labelWidth - valueWidth)])
  const barHeight = Math.min(rowHeight * 0.56, fontSize * 1.1)
  return (
    <svg className="chart bar-list" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img">
      {rows.map((row, i) => {
        const y = i * rowHeight + rowHeight / 2
        const on = row.key === highlight
        return (
          <g key={row.key} data-key={row.key} className={on ? 'bar-row is-highlight' : 'bar-row'}>
            <text x={0} y={y} dy="0.35em" fontSize={fontSize} fill={on ? highlightColour : 'currentColor'}>
              {rank ? `${i + 1}  ${row.label}` : row.label}
            </text>
            <rect x={labelWidth} y={y - barHeight / 2} width={x(row.value)} height={barHeight} rx={barHeight / 4} fill={on ? highlightColour : colour} />
            <text x={width} y={y} dy="0.35em" textAnchor="end" fontSize={fontSize} fontWeight={600} fill={on ? highlightColour : 'currentColor'}>
              {row.value}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
