// Vertical columns over a band axis with the figure on each: growth by year.
import { scaleBand, scaleLinear } from 'd3'

export interface ColumnDatum {
  key: string // the axis label, e.g. "2024"
  value: number
}

export interface ColumnChartProps {
  data: readonly ColumnDatum[]
  width: number
  height: number
  fontSize?: number // 18
  colour?: string // '#3fa7ff'
  lastColour?: string // '#ffd166': the newest column
}

export function ColumnChart({ data, width, height, fontSize = 18, colour = '#3fa7ff', lastColour = '#ffd166' }: ColumnChartProps) {
  const axis = fontSize * 1.6
  const top = fontSize * 1.6
  const x = scaleBand<string>().domain(data.map((d) => d.key)).range([0, width]).padding(0.32)
  const y = scaleLinear().domain([0, Math.max(1, ...data.map((d) => d.value))]).range([height - axis, top])
  return (
    <svg className="chart column-chart" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img">
      <line x1={0} x2={width} y1={height - axis} y2={height - axis} stroke="currentColor" strokeOpacity={0.3} />
      {data.map((d, i) => {
        const last = i === data.length - 1
        const cx = (x(d.key) ?? 0) + x.bandwidth() / 2
        return (
          <g key={d.key} data-key={d.key}>
            <rect x={x(d.key)} y={y(d.value)} width={x.bandwidth()} height={height - axis - y(d.value)} rx={3} fill={last ? lastColour : colour} />
            <text x={cx} y={y(d.value) - fontSize * 0.4} textAnchor="middle" fontSize={fontSize} fontWeight={600} fill="currentColor">
              {d.value}
            </text>
            <text x={cx} y={height - axis + fontSize * 1.15} textAnchor="middle" fontSize={fontSize} fill="currentColor" opacity={0.8}>
              {d.key}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
