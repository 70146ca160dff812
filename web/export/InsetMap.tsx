// The locator map: the prefecture's counties in grey, the framed area in red, and a box around it.
import { geoMercator, geoPath } from 'd3'
import type { AreaFeature } from '../api/responses'
import { boundsOf } from '../data/area-geometry'
import { sphericalWinding } from '../map/spherical-winding'

function sphericalArea(area: AreaFeature): AreaFeature {
  return { ...area, geometry: sphericalWinding(area.geometry) }
}

export interface InsetMapProps {
  prefecture: AreaFeature
  counties: readonly AreaFeature[]
  frame: AreaFeature
  width: number
  height: number
  label: string // what the map is, for readers of the SVG (位置示意图)
}

export function InsetMap({ prefecture: rawPrefecture, counties: rawCounties, frame: rawFrame, width, height, label }: InsetMapProps) {
  const [prefecture, frame] = [sphericalArea(rawPrefecture), sphericalArea(rawFrame)]
  const counties = rawCounties.map(sphericalArea)
  const projection = geoMercator().fitExtent([[6, 6], [width - 6, height - 6]], prefecture)
  const path = geoPath(projection)
  const bounds = boundsOf([frame])
  const box = bounds ? [projection(bounds[0]), projection(bounds[1])] : null
  const isPrefecture = frame.properties.code === prefecture.properties.code
  return (
    <svg className="inset-map" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <path d={path(prefecture) ?? ''} fill="#eef1f4" stroke="#4a5563" strokeWidth={1.5} />
      {counties.map((c) => (
        <path key={c.properties.code} d={path(c) ?? ''} fill="none" stroke="#a7afba" strokeWidth={0.7} />
      ))}
      {!isPrefecture && <path d={path(frame) ?? ''} fill="#e15759" fillOpacity={0.75} stroke="#9e1b1e" strokeWidth={1} />}
      {box && box[0] && box[1] && !isPrefecture && (
        <rect
          x={Math.min(box[0][0], box[1][0]) - 4}
          y={Math.min(box[0][1], box[1][1]) - 4}
          width={Math.abs(box[1][0] - box[0][0]) + 8}
          height={Math.abs(box[1][1] - box[0][1]) + 8}
          fill="none"
          stroke="#9e1b1e"
          strokeWidth={1.5}
        />
      )}
    </svg>
  )
}
