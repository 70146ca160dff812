// Target progress as bullet charts: the bar is what is achieved, the tick the target; red when due and
// not met, green when met.
import { scaleLinear } from 'd3'
import type { TargetBullet } from '../chart-data'

export interface TargetBulletsProps {
  bullets: readonly TargetBullet[]
  width: number
}

const TONE: Record<TargetBullet['tone'], string> = { met: '#2e9e55', behind: '#d64545', 'on-track': '#1f6fb2' }
const ROW = 38

export function TargetBullets({ bullets, width }: TargetBulletsProps) {
  return (
    <svg className="dash-chart" width={width} height={bullets.length * ROW} role="img" data-testid="chart-targets">
      {bullets.map((b, i) => {
        const x = scaleLinear().domain([0, Math.max(b.count, b.achieved, 1)]).range([0, width - 50])
        const top = i * ROW
        return (
          <g key={b.key} data-key={b.key} className={`bullet tone-${b.tone}`}>
            <text x={0} y={top + 12} fontSize={12}>
              {b.label}
            </text>
            <rect x={0} y={top + 18} width={x(Math.max(b.count, b.achieved, 1))} height={12} fill="#eef1f5" rx={2} />
            <rect x={0} y={top + 21} width={x(b.achieved)} height={6} fill={TONE[b.tone]} rx={1} />
            <line x1={x(b.count)} x2={x(b.count)} y1={top + 16} y2={top + 32} stroke="#1f2933" strokeWidth={2} />
            <text x={width} y={top + 28} fontSize={12} textAnchor="end" fontWeight={600} fill={TONE[b.tone]}>
              {`${b.achieved}/${b.count}`}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
