// Counted units at the end of each year, as columns; the year the map shows is marked. Click a column to
// show the map as of that year.
import { scaleBand, scaleLinear } from 'd3'
import type { GrowthPoint } from '../chart-data'

export interface GrowthChartProps {
  points: readonly GrowthPoint[]
  width: number
  height?: number // 120
  year: number // the year on the map
  onYear(year: number): void
}

export function GrowthChart({ points, width, height = 120, year, onYear }: GrowthChartProps) {
  const axis = 16
  const top = 14
  const x = scaleBand<number>().domain(points.map((p) => p.year)).range([0, width]).padding(0.22)
  const y = scaleLinear().domain([0, Math.max(1, ...points.map((p) => p.total))]).range([height - axis, top]).nice()
  const labelEvery = points.length > 10 ? 2 : 1
  return (
    <svg className="dash-chart" width={width} height={height} role="img" data-testid="chart-growth">
      <line x1={0} x2={width} y1={height - axis} y2={height - axis} stroke="#c5ccd5" />
      {points.map((p, i) => {
        const on = p.year === year
        const cx = (x(p.year) ?? 0) + x.bandwidth() / 2
        return (
          <g key={p.year} className={`chart-column${on ? ' is-highlight' : ''}`} data-key={p.year} onClick={() => onYear(p.year)}>
            <rect x={x(p.year)} y={top} width={x.bandwidth()} height={height - axis - top} fill="transparent" />
            <rect x={x(p.year)} y={y(p.total)} width={x.bandwidth()} height={height - axis - y(p.total)} rx={2} fill={on ? '#1f6fb2' : p.year > year ? '#d5dbe3' : '#8fb5d9'} />
            {on && (
              <text x={cx} y={y(p.total) - 3} textAnchor="middle" fontSize={11} fontWeight={600}>
                {p.total}
              </text>
            )}
            {(i % labelEvery === 0 || on) && (
              <text x={cx} y={height - 3} textAnchor="middle" fontSize={10} fill="#5f6b7a">
                {String(p.year).slice(2)}
              </text>
            )}
            <title>{`${p.year}: ${p.total}`}</title>
          </g>
        )
      })}
    </svg>
  )
}
