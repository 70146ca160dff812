// A plan as files a planner takes away: CSV for Excel (with a BOM) and GeoJSON for GIS. Pure.
import type { PlanReport } from '../api/client'

export function planCsv(report: PlanReport): string {
  const cell = (value: unknown) => `"${String(value ?? '').replaceAll('"', '""')}"`
  const header = ['rank', 'id', 'name', 'category', 'status', 'township', 'lon', 'lat', 'coveredWeightAdded']
  const rows = report.chosen.map((s, i) =>
    [i + 1, s.id, s.name, s.category, s.status, s.areaName, s.position[0], s.position[1], s.coveredWeightAdded].map(cell).join(','),
  )
  const note = report.sample ? [cell('示例数据：需求点与单位为演示数据')] : []
  return `\uFEFF${[header.join(','), ...rows, ...note].join('\r\n')}\r\n`
}

export function planGeoJson(report: PlanReport) {
  return {
    type: 'FeatureCollection' as const,
    properties: { area: report.area, radiusKm: report.radiusKm, coveredWeightBefore: report.coveredWeightBefore, coveredWeightAfter: report.coveredWeightAfter, gap: report.gap, sample: report.sample },
    features: report.chosen.map((s, i) => ({
      type: 'Feature' as const,
      id: s.id,
      geometry: { type: 'Point' as const, coordinates: s.position },
      properties: { rank: i + 1, name: s.name, category: s.category, status: s.status, township: s.areaName, coveredWeightAdded: s.coveredWeightAdded },
    })),
  }
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}
