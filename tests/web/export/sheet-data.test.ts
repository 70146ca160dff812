// loadSheet against a stubbed API: the view's filters become the dashboard's coverage query, and
// corridors are loaded only when the view shows them.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { unitColumnsOf } from '../../../server/shared/unit-columns'
import type { AreaFeature, CoverageReport } from '../../../web/api/responses'
import { DEFAULT_VIEW_STATE, type ViewState } from '../../../server/shared/view-state'
import { isWithin } from '../../../server/shared/area-codes'
import { areaFeature, coverageArea, coverageReport, QIJIN, unitProperties } from '../fixtures'

const api = vi.hoisted(() => ({
  fetchAreas: vi.fn(),
  fetchCorridors: vi.fn(),
  fetchCountedUnits: vi.fn(),
  fetchCoverage: vi.fn(),
  fetchSchemes: vi.fn(),
  fetchExportSettings: vi.fn(),
}))
vi.mock('../../../web/api/client', () => api)
vi.mock('../../../web/map/label-font', () => ({ loadLabelFont: async () => {} }))

const area = (code: string, level: AreaFeature['properties']['level'], parent: string): AreaFeature => {
  const feature = areaFeature(code, `区域${code}`, [[104, 28], [104.1, 28], [104.1, 28.1]])
  return { ...feature, properties: { ...feature.properties, level, parent } }
}
const AREAS: Record<string, AreaFeature[]> = {
  'prefecture:530000': [area('530600', 'prefecture', '530000')],
  'prefecture:': [area('530600', 'prefecture', '530000')],
  'county:530600': [area('530626', 'county', '530600'), area('530681', 'county', '530600')],
  'township:530626': [area('530626101', 'township', '530626'), area('530626102', 'township', '530626')],
}

/** Units by the area asked for: 学校 ×2 and 社区 ×1 in 绥江县, 社区 ×2 in 水富市. */
const UNITS = [
  { id: 1, category: '学校', areaCode: '530626101201' },
  { id: 2, category: '学校', areaCode: '530626101202' },
  { id: 3, category: '社区', areaCode: '530626102201' },
  { id: 4, category: '社区', areaCode: '530681100201' },
  { id: 5, category: '社区', areaCode: '530681100202' },
]
const unitsIn = (code: string) => ({
  type: 'FeatureCollection' as const,
  features: UNITS.filter((u) => isWithin(u.areaCode, code)).map((u) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [104 + u.id / 100, 28] as [number, number] },
    properties: unitProperties(u),
  })),
})

const levels = (n: number) => ({ 县级: n, 市级: 0, 省级: 0, 国家级: 0 })
const COVERAGE: Record<string, CoverageReport> = {
  'county:530600': coverageReport([
    coverageArea({ code: '530626', total: 3, childAreas: 2, childAreasCovered: 2, byCategory: { 学校: 2, 社区: 1 }, byCategoryLevel: { 学校: levels(2), 社区: levels(1) } }),
    coverageArea({ code: '530681', total: 2, childAreas: 1, childAreasCovered: 1, byCategory: { 社区: 2 }, byCategoryLevel: { 社区: levels(2) } }),
  ]),
  'township:530626': coverageReport([
    coverageArea({ code: '530626101', level: 'township', total: 2, childAreas: 3, childAreasCovered: 2, byCategory: { 学校: 2 }, byCategoryLevel: { 学校: levels(2) } }),
    coverageArea({ code: '530626102', level: 'township', total: 1, childAreas: 3, childAreasCovered: 1, byCategory: { 社区: 1 }, byCategoryLevel: { 社区: levels(1) } }),
  ]),
}

const CORRIDORS = [
  { id: 1, name: '示例：金沙江沿线', sample: true, path: [[104, 28], [104.2, 28.1]] },
  { id: 2, name: '示例：一站', sample: true, path: [[104, 28]] },
]

beforeEach(() => {
  vi.resetModules() // sheet-data caches its fetches for the page's life
  api.fetchSchemes.mockResolvedValue({ schemes: [{ id: 'qijin', name: '七进', categories: QIJIN, isDefault: true, note: '' }] })
  api.fetchAreas.mockImplementation(async ({ level, parent }: { level: string; parent?: string }) => ({
    type: 'FeatureCollection',
    features: AREAS[`${level}:${parent ?? ''}`] ?? [],
  }))
  api.fetchCoverage.mockImplementation(async ({ level, parent }: { level: string; parent: string }) => COVERAGE[`${level}:${parent}`])
  api.fetchCountedUnits.mockImplementation(async ({ area }: { area: string }) => unitColumnsOf(unitsIn(area)))
  api.fetchCorridors.mockResolvedValue({ corridors: CORRIDORS })
  api.fetchExportSettings.mockResolvedValue({ mapReview: { reviewNumber: null, unreviewedMarking: null } })
})

async function sheetOf(code: string, view: Partial<ViewState>) {
  const { loadSheet } = await import('../../../web/export/sheet-data')
  return loadSheet({ ...DEFAULT_VIEW_STATE, ...view }, code, 2026)
}

describe('loadSheet', () => {
  it('without a category filter: every unit and the coverage as the API counts it; no corridors asked for', async () => {
    const sheet = await sheetOf('530600', {})
    expect(sheet.categories).toBeNull()
    expect(sheet.units.map((u) => u.id)).toEqual([1, 2, 3, 4, 5])
    expect(sheet.coverage).toBe(COVERAGE['county:530600'])
    expect(sheet.corridors).toBeNull()
    expect(api.fetchCorridors).not.toHaveBeenCalled()
  })

  it('with categories: only their units, and the coverage counted by the server for those categories', async () => {
    const sheet = await sheetOf('530600', { categories: ['学校'] })
    expect(sheet.categories).toEqual(['学校'])
    expect(sheet.units.map((u) => u.id)).toEqual([1, 2])
    expect(api.fetchCoverage).toHaveBeenLastCalledWith(expect.objectContaining({ level: 'county', parent: '530600', categories: ['学校'] }))
    expect(sheet.figures).toBe(sheet.coverage.areas)
  })

  it('a sheet coloured by its peers asks for its parent’s children and counts only its own units', async () => {
    const sheet = await sheetOf('530626101', { categories: ['社区'] })
    expect(sheet.areasAreChildren).toBe(false)
    expect(api.fetchCoverage).toHaveBeenLastCalledWith(expect.objectContaining({ level: 'township', parent: '530626', categories: ['社区'] }))
    expect(sheet.units).toEqual([]) // no 社区 unit in the frame itself
    expect(sheet.figures.map((a) => a.code)).toEqual(['530626101'])
  })

  it('asks for the statuses the view counts: 命名 and 复查 by default, the view’s own status filter otherwise', async () => {
    expect((await sheetOf('530600', {})).statuses).toEqual(['命名', '复查'])
    expect(api.fetchCountedUnits).toHaveBeenLastCalledWith(expect.objectContaining({ statuses: ['命名', '复查'] }))
    const sheet = await sheetOf('530600', { status: ['培育', '申报'] })
    expect(sheet.statuses).toEqual(['培育', '申报'])
    expect(api.fetchCountedUnits).toHaveBeenLastCalledWith(expect.objectContaining({ statuses: ['培育', '申报'] }))
    expect(api.fetchCoverage).toHaveBeenLastCalledWith(expect.objectContaining({ statuses: ['培育', '申报'] }))
  })

  it('loads the frame’s corridors when the view shows them', async () => {
    const sheet = await sheetOf('530600', { overlays: ['corridors'] })
    expect(api.fetchCorridors).toHaveBeenCalledWith('530600')
    expect(sheet.corridors).toEqual(CORRIDORS)
  })
})
