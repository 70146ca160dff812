// Which layers are drawn, how opaque, and what colours the areas.
import type { MeasureId } from '../../../server/shared/view-state'
import { MEASURES } from '../../data/measures'
import type { ViewLanguage, ViewLayerId, ViewOpacityId, ViewOverlayId } from '../../../server/shared/view-state'
import { measureLabel, t, type MessageKey } from '../i18n'

export interface LayerPanelProps {
  lang: ViewLanguage
  layers: Record<ViewLayerId, boolean>
  overlays: readonly ViewOverlayId[]
  opacity: Record<ViewOpacityId, number>
  measureId: MeasureId
  clustered: boolean // the unit points are drawn aggregated at this zoom
  onLayer(id: ViewLayerId | ViewOverlayId, on: boolean): void
  onOpacity(id: ViewOpacityId, value: number): void
  onMeasure(id: MeasureId): void
}

const ROWS: { id: ViewLayerId | ViewOverlayId; label: MessageKey; opacity?: ViewOpacityId }[] = [
  { id: 'choropleth', label: 'layerChoropleth', opacity: 'choropleth' },
  { id: 'units', label: 'layerUnits', opacity: 'units' },
  { id: 'columns', label: 'layerColumns', opacity: 'columns' },
  { id: 'hexagons', label: 'layerHexagons', opacity: 'hexagons' },
  { id: 'heatmap', label: 'layerHeatmap', opacity: 'heatmap' },
  { id: 'corridors', label: 'layerCorridors', opacity: 'corridors' },
  { id: 'labels', label: 'layerLabels' },
]

export function LayerPanel({ lang, layers, overlays, opacity, measureId, clustered, onLayer, onOpacity, onMeasure }: LayerPanelProps) {
  const isOn = (id: ViewLayerId | ViewOverlayId) => (id in layers ? layers[id as ViewLayerId] : overlays.includes(id as ViewOverlayId))
  return (
    <section className="panel" aria-label={t(lang, 'layers')} data-testid="layers">
      <h2 className="panel-title">{t(lang, 'layers')}</h2>
      <fieldset className="control">
        <legend>{t(lang, 'measure')}</legend>
        {MEASURES.map((m) => (
          <label key={m.id} className="choice">
            <input type="radio" name="measure" value={m.id} checked={m.id === measureId} onChange={() => onMeasure(m.id)} />
            {measureLabel(lang, m.id, m.label)}
          </label>
        ))}
      </fieldset>
      <ul className="layer-rows">
        {ROWS.map((row) => (
          <li key={row.id} className="layer-row" data-layer={row.id}>
            <label className="choice">
              <input type="checkbox" checked={isOn(row.id)} onChange={(e) => onLayer(row.id, e.target.checked)} />
              {t(lang, row.label)}
              {row.id === 'units' && clustered && <small className="muted"> · {t(lang, 'clustered')}</small>}
            </label>
            {row.opacity && (
              <input
                type="range"
                className="opacity"
                aria-label={`${t(lang, row.label)} ${t(lang, 'opacity')}`}
                min={0}
                max={100}
                value={Math.round(opacity[row.opacity] * 100)}
                disabled={!isOn(row.id)}
                onChange={(e) => onOpacity(row.opacity as ViewOpacityId, Number(e.target.value) / 100)}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
