// A hand-made ledger on which every kind of alert has a known answer as of 2026-08-01 (worked out in the
// comments). No geometry: units join by their ledger code, and a unit with a point lies outside every area.
import type { Area, HonourLevel, Inspection, Scheme, StatusChange, Target, Unit, UnitStatus } from '../../../server/shared/domain'
import type { Dataset } from '../../../server/db/store'
import { buildSnapshot } from '../../../server/snapshot'

export const AS_OF = '2026-08-01'

function area(code: string, name: string, level: Area['level'], parent: string | null): Area {
  return { code, name, level, parent, geometry: null, population: null, minorityShare: null, areaKm2: null, schematic: false, populationIsSample: false }
}

function unit(id: number, name: string, category: string, status: UnitStatus, level: HonourLevel | null, areaCode: string | null, history: StatusChange[], extra: Partial<Unit> = {}): Unit {
  return { id, name, category, level, status, yearNamed: null, lon: null, lat: null, areaCode, address: '', contact: '', notes: '', sample: false, history, ...extra }
}

const named = (at: string, level: HonourLevel): StatusChange => ({ at, from: '验收', to: '命名', by: 'test', reason: '', level })
const reviewed = (at: string, level: HonourLevel): StatusChange => ({ at, from: '命名', to: '复查', by: 'test', reason: '', level })

let inspectionId = 0
function visit(unitId: number, date: string, extra: Partial<Inspection> = {}): Inspection {
  return {
    id: ++inspectionId, unitId, date, inspector: '县创建办', inspectors: ['县创建办'], findings: '', followUp: '', checklist: [], rating: null,
    followUpDue: null, followUpClosedAt: null, followUpClosedBy: '', createdBy: 'test', createdAt: null, version: 1, clientId: null, gps: null, photos: [], ...extra,
  }
}

export const areas: Area[] = [
  area('530600', '昭通市', 'prefecture', null),
  area('530626', '绥江县', 'county', '530600'),
  area('530626101', '中城镇', 'township', '530626'),
  area('530627', '镇雄县', 'county', '530600'),
]

// 'toy' visits 2 a year (visit 1 by 2026-07-01, visit 2 by 12-31); 'other' 4 a year (04-01, 07-01, 09-30, 12-31).
export const schemes: Scheme[] = [
  { id: 'toy', name: '三进', categories: ['机关', '学校', '宗教活动场所'], isDefault: true, note: '', visitsPerYear: 2 },
  { id: 'other', name: '一进', categories: ['社区'], isDefault: false, note: '', visitsPerYear: 4 },
]

export const units: Unit[] = [
  // 国家级 since 2021-09-30: lapses 2026-09-30, 60 days on (medium). Both visits of the year done.
  unit(1, '中城镇中学', '学校', '命名', '国家级', '530626101', [named('2021-09-30', '国家级')]),
  // Lapsed 2025-03-01 without a 复查 (high); its follow-up was due 2026-04-10, 113 days ago (high).
  unit(2, '南岸清真寺', '宗教活动场所', '命名', '国家级', '530626', [named('2020-03-01', '国家级')]),
  // 'other' rhythm: visit 2 was due by 2026-07-01 (one missed: medium).
  unit(3, '东门社区', '社区', '命名', '市级', '530627', [named('2024-05-01', '市级')]),
  // No visit this year: visit 1 was due by 2026-04-01 and visit 2 by 07-01 (two missed: high).
  unit(4, '西街社区', '社区', '命名', '县级', '530627', [named('2019-05-01', '县级')]),
  // In the 培育 pool: no visits, no naming.
  unit(5, '县民宗局', '机关', '培育', null, '530626', [{ at: '2025-01-10', from: null, to: '培育', by: 'test', reason: '' }]),
  // Named 2020, re-checked 2025-06-01: its term runs to 2030. Both visits done.
  unit(6, '县人民医院', '机关', '复查', '国家级', '530626', [named('2020-06-01', '国家级'), reviewed('2025-06-01', '国家级')]),
  // A point outside every area and no ledger area: cannot be placed (medium), reported at the top only.
  unit(7, '无名小学', '学校', '培育', null, null, [], { lon: 100, lat: 30 }),
  // A ledger code no area has: cannot be placed (medium); by its digits it meant 昭通市.
  unit(8, '错码小学', '学校', '培育', null, '530699', []),
]

export const inspections: Inspection[] = [
  visit(1, '2026-02-01'),
  visit(1, '2026-06-01'),
  visit(2, '2026-03-10', { followUp: '更新宣传栏', followUpDue: '2026-04-10' }),
  visit(3, '2026-02-01', { followUp: '补齐台账', followUpDue: '2026-03-01', followUpClosedAt: '2026-02-20' }),
  visit(6, '2026-01-15'),
  visit(6, '2026-05-15'),
]

const target = (id: number, areaCode: string, category: string | null, count: number, dueYear: number, note: string): Target =>
  ({ id, areaCode, schemeId: null, category, minLevel: null, count, dueYear, note })

export const targets: Target[] = [
  // Line from 3 (units 1, 2, 6 at the end of 2024) to 6 at the end of 2027: 4.58 on 2026-08-01; 3 achieved (medium).
  target(1, '530626', null, 6, 2027, '示范单位6个'),
  // Due at the end of 2025, 2 of 3 (high).
  target(2, '530627', '社区', 3, 2025, '示范社区3个'),
  // Met.
  target(3, '530627', null, 1, 2026, '示范单位1个'),
  // Line from 1 (end of 2025) to 2 (end of 2028): 1.19; 1 achieved is less than a unit behind: none.
  target(4, '530626', '学校', 2, 2028, '示范学校2所'),
]

export const dataset: Dataset = { areas, schemes, units, targets, inspections }

export function fixtureSnapshot() {
  return buildSnapshot(1, { areas, units, schemes, targets, inspections })
}
