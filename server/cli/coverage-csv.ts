// A coverage report as CSV, one row per area, for spreadsheets.
import { HONOUR_LEVELS } from '../shared/domain'
import type { CoverageReport } from '../geo/coverage'

export function coverageCsv(report: CoverageReport): string {
  const categories = report.scheme.categories
  const header = [
    'code', 'name', 'level', 'total', ...HONOUR_LEVELS.map((l) => `level_${l}`), ...categories.map((c) => `category_${c}`),
    'categoriesCovered', 'categoriesInScheme', 'missingCategories', 'childAreas', 'childAreasCovered',
    'population', 'per10kPeople', 'areaKm2', 'per100km2', 'expiringCount', 'schematic',
  ]
  const rows = report.areas.map((a) => [
    a.code, a.name, a.level, a.total, ...HONOUR_LEVELS.map((l) => a.byLevel[l]), ...categories.map((c) => a.byCategory[c] ?? 0),
    a.categoriesCovered, a.categoriesInScheme, a.missingCategories.join('、'), a.childAreas, a.childAreasCovered,
    a.population, a.per10kPeople, a.areaKm2, a.per100km2, a.expiringCount, a.schematic,
  ])
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}

export function csvField(value: string | number | boolean | null): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}
