// Units per category as horizontal bars stacked by honour level. Hover a row to light its units on the
// map; click it to filter by that category.
import { scaleBand, scaleLinear } from 'd3'
import type { HonourLevel } from '../../../server/shared/domain'
import type { CategoryStack } from '../chart-data'
import { stackSegments } from '../chart-data'
import { LEVEL_COLOURS } from './level-colours'

export interface CategoryStackChartProps {
  stacks: readonly CategoryStack[]
  levels: readonly HonourLevel[] // the levels counted, lowest first
  width: number
  highlight: string | null // a category
  chosen: readonly string[] | null // the category filter; others are drawn faded
  dotColour(category: string): string
  levelLabel(level: HonourLevel): string
  onHover(category: string | null): void
  onClick(category: string): void
}

const ROW = 22
const LABEL = 96
const VALUE = 34

export function CategoryStackChart({ stacks, levels, width, highlight, chosen, dotColour, levelLabel, onHover, onClick }: CategoryStackChartProps) {
  const height = stacks.length * ROW + 22
  const y = scaleBand<string>().domain(stacks.map((s) => s.category)).range([0, stacks.length * ROW]).padding(0.22)
  const x = scaleLinear().domain([0, Math.max(1, ...stacks.map((s) => s.total))]).range([0, width - LABEL - VALUE]).nice()
  const segments = stackSegments(stacks, levels)
  return (
    <svg className="dash-chart" width={width} height={height} role="img" data-testid="chart-categories" onMouseLeave={() => onHover(null)}>
      {stacks.map((s) => {
        const top = y(s.category) ?? 0
        const faded = chosen !== null && !chosen.includes(s.category)
        return (
          <g
            key={s.category}
            className={`chart-row${highlight === s.category ? ' is-highlight' : ''}`}
            data-key={s.category}
            opacity={faded ? 0.35 : 1}
            onMouseEnter={() => onHover(s.category)}
            onClick={() => onClick(s.category)}
          >
            <rect x={0} y={top - ROW * 0.11} width={width} height={ROW} fill="transparent" />
            <circle cx={5} cy={top + y.bandwidth() / 2} r={4.5} fill={dotColour(s.category)} />
            <text x={14} y={top + y.bandwidth() / 2} dy="0.35em" fontSize={12}>
              {s.category}
            </text>
            <text x={width} y={top + y.bandwidth() / 2} dy="0.35em" fontSize={12} textAnchor="end" fontWeight={600}>
              {s.total}
            </text>
          </g>
        )
      })}
      {segments.map((seg) => (
        <rect
          key={`${seg.category}:${seg.level}`}
          x={LABEL + x(seg.start)}
          y={y(seg.category)}
          width={Math.max(0, x(seg.end) - x(seg.start) - 0.5)}
          height={y.bandwidth()}
          fill={LEVEL_COLOURS[seg.level]}
          opacity={chosen !== null && !chosen.includes(seg.category) ? 0.35 : 1}
          pointerEvents="none"
        >
          <title>{`${seg.category} · ${levelLabel(seg.level)}: ${seg.end - seg.start}`}</title>
        </rect>
      ))}
      <g transform={`translate(0, ${stacks.length * ROW + 6})`}>
        {[...levels].map((level, i) => (
          <g key={level} transform={`translate(${i * 84}, 0)`}>
            <rect width={10} height={10} fill={LEVEL_COLOURS[level]} rx={2} />
            <text x={14} y={9} fontSize={11} fill="#5f6b7a">
              {levelLabel(level)}
            </text>
          </g>
        ))}
      </g>
    </svg>
  )
}
