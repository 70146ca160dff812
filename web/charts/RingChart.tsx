// A ring of equal segments, one per category, filled when covered: "七进 6/7" at a glance.
import { arc, pie } from 'd3'

export interface RingSegment {
  key: string
  label: string
  value: number // shown beside the label
  colour: string
  filled: boolean
}

export interface RingChartProps {
  segments: readonly RingSegment[]
  size: number // the ring's diameter
  thickness?: number // 0.18 × size
  centre: string // big text in the middle, e.g. "6/7"
  caption?: string // small text under it
  centreFontSize?: number // 0.2 × size
  emptyColour?: string // '#2a3a55'
}

export function RingChart({ segments, size, thickness = size * 0.18, centre, caption, centreFontSize = size * 0.2, emptyColour = '#2a3a55' }: RingChartProps) {
  const radius = size / 2
  const slices = pie<RingSegment>().value(1).sort(null).padAngle(0.03)(segments as RingSegment[])
  const path = arc<(typeof slices)[number]>().innerRadius(radius - thickness).outerRadius(radius).cornerRadius(3)
  return (
    <svg className="chart ring-chart" width={size} height={size} viewBox={`${-radius} ${-radius} ${size} ${size}`} role="img">
      {slices.map((slice) => (
        <path key={slice.data.key} d={path(slice) ?? ''} fill={slice.data.filled ? slice.data.colour : emptyColour} data-key={slice.data.key}>
          <title>{`${slice.data.label} ${slice.data.value}`}</title>
        </path>
      ))}
      <text textAnchor="middle" dy={caption ? '0.1em' : '0.35em'} fontSize={centreFontSize} fontWeight={700} fill="currentColor">
        {centre}
      </text>
      {caption && (
        <text textAnchor="middle" dy={`${(centreFontSize * 0.9) / 18 + 0.6}em`} fontSize={18} fill="currentColor" opacity={0.8}>
          {caption}
        </text>
      )}
    </svg>
  )
}
