// The scope on a phone, with no tiles: the boundaries of the scope's areas and its units drawn as SVG from the
// field pack, and the phone's position. Works offline because it needs nothing but the pack.
import type { AreasResponse } from '../api/client'
import { fitProjection, ringsOf } from './scope-projection'
import type { FieldUnit } from './visit-order'

interface ScopeMapProps {
  areas: AreasResponse
  units: FieldUnit[]
  position: [number, number] | null
  onPick(unit: FieldUnit): void
}

const WIDTH = 340
const HEIGHT = 420

export function ScopeMap({ areas, units, position, onPick }: ScopeMapProps) {
  const rings = areas.features.flatMap((f) => ringsOf(f.geometry).map((ring) => ({ code: f.properties.code, name: f.properties.name, ring })))
  const project = fitProjection([...rings.flatMap((r) => r.ring), ...units.flatMap((u) => (u.lonLat ? [u.lonLat] : []))], WIDTH, HEIGHT)
  const path = (ring: [number, number][]) => `M${ring.map((p) => project(p).map((v) => v.toFixed(1)).join(',')).join('L')}Z`
  return (
    <svg className="inspect-map" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="督导范围地图">
      {rings.map((r, i) => <path key={`${r.code}-${i}`} d={path(r.ring)} className="inspect-map-area"><title>{r.name}</title></path>)}
      {units.filter((u) => u.lonLat).map((u) => {
        const [x, y] = project(u.lonLat as [number, number])
        return <circle key={u.id} cx={x} cy={y} r={u.due > 0 ? 6 : 4} className={u.due > 0 ? 'inspect-map-due' : 'inspect-map-unit'} onClick={() => onPick(u)}><title>{u.name}</title></circle>
      })}
      {position && (() => {
        const [x, y] = project(position)
        return <circle cx={x} cy={y} r={7} className="inspect-map-me"><title>我的位置</title></circle>
      })()}
    </svg>
  )
}
