// Small builders for the API shapes the web reads; each test states only the fields it is about.
import type { AreaFeature, CoverageArea, CoverageReport, UnitProperties } from '../../web/api/responses'

export function coverageArea(fields: Partial<CoverageArea> & Pick<CoverageArea, 'code'>): CoverageArea {
  return {
    name: `区域${fields.code}`,
    level: 'county',
    parent: '530600',
    total: 0,
    byLevel: { 县级: 0, 市级: 0, 省级: 0, 国家级: 0 },
    byCategory: {},
    byCategoryLevel: {},
    categoriesCovered: 0,
    categoriesInScheme: 7,
    missingCategories: [],
    childAreas: 0,
    childAreasCovered: 0,
    population: null,
    per10kPeople: null,
    areaKm2: null,
    per100km2: null,
    targets: [],
    expiring: [],
    expiringCount: 0,
    sample: true,
    schematic: false,
    noData: false,
    ...fields,
  }
}

export const QIJIN = ['机关', '企业', '社区', '乡镇', '学校', '连队', '宗教活动场所']

export function coverageReport(areas: CoverageArea[], fields: Partial<CoverageReport> = {}): CoverageReport {
  return {
    scheme: { id: 'qijin', name: '七进', categories: QIJIN },
    minLevel: '县级',
    statuses: ['命名', '复查'],
    year: 2026,
    today: '2026-06-30',
    sample: true,
    areas,
    ...fields,
  }
}

/** A one-polygon county whose outer ring is `ring` (closed here). */
export function areaFeature(code: string, name: string, ring: [number, number][]): AreaFeature {
  return {
    type: 'Feature',
    geometry: { type: 'MultiPolygon', coordinates: [[[...ring, ring[0]]]] },
    properties: {
      code,
      name,
      level: 'county',
      parent: '530600',
      population: null,
      populationIsSample: false,
      minorityShare: null,
      areaKm2: null,
      schematic: false,
    },
  }
}

export function unitProperties(fields: Partial<UnitProperties> & Pick<UnitProperties, 'id'>): UnitProperties {
  return {
    name: `示例单位${fields.id}`,
    category: '学校',
    level: '县级',
    status: '命名',
    yearNamed: 2020,
    areaCode: '530602',
    claimedAreaCode: '530602',
    joinMethod: 'point',
    expiresOn: null,
    address: '',
    notes: '',
    sample: true,
    ...fields,
  }
}
