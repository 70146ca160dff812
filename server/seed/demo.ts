// The demo dataset: real 昭通 boundaries and codes, invented (示例数据) units placed inside their townships.
// One file, over 400 lines: the units are drawn from one seeded random stream in one order, so splitting
// it would make that order harder to keep (and the demo would change).
import { booleanPointInPolygon, bbox } from '@turf/turf'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import type { Area, HonourLevel, Scheme, StatusChange, Target, Unit, UnitStatus } from '../shared/domain'
import type { Dataset, DatasetInspection } from '../db/store'
import { intBetween, pick, seededRandom, type Random } from '../geo/prng'
import { demoCorridors } from './corridors'
import { SHIPPED_SCHEMES } from './schemes'

export interface BoundaryProperties {
  code: string
  name: string
  parent: string
  areaKm2: number
}
export type BoundaryFeature = Feature<MultiPolygon | Polygon, BoundaryProperties>

export interface DemoGeodata {
  outline: BoundaryFeature
  counties: BoundaryFeature[]
  townships: BoundaryFeature[]
}

export const SAMPLE_NOTE = '示例数据：单位名称、位置与联系方式为演示虚构'

/** 绥江县's named units as published (云南网, 2023): 省级 4, 市级 11, 县级 20. Other counties are invented. */
const PUBLISHED_NAMED_COUNTS: Record<string, Record<HonourLevel, number>> = {
  '530626': { 国家级: 0, 省级: 4, 市级: 11, 县级: 20 },
}

/** Rounded resident populations, 示例 estimates in the order of the 2020 census; not official figures. */
const SAMPLE_POPULATION: Record<string, number> = {
  '530602': 1_000_000,
  '530621': 390_000,
  '530622': 480_000,
  '530623': 340_000,
  '530624': 250_000,
  '530625': 380_000,
  '530626': 150_000,
  '530627': 1_350_000,
  '530628': 520_000,
  '530629': 370_000,
  '530681': 100_000,
}

const PROVINCE = { code: '530000', name: '云南省' }

export function demoDataset(geo: DemoGeodata, today: string): Dataset {
  const random = seededRandom(530600)
  const thisYear = Number(today.slice(0, 4))
  const areas = demoAreas(geo, random)
  const townshipsByCounty = groupBy(geo.townships, (t) => t.properties.parent)
  const countyByCode = new Map(geo.counties.map((c) => [c.properties.code, c]))

  const units: Unit[] = []
  const nextId = () => units.length + 1
  for (const county of geo.counties) {
    const code = county.properties.code
    const townships = townshipsByCounty.get(code) ?? []
    if (townships.length === 0) continue
    const namedCounts = PUBLISHED_NAMED_COUNTS[code] ?? inventedNamedCounts(random, SAMPLE_POPULATION[code] ?? 300_000)
    const place = (township: BoundaryFeature) => pointInside(random, township, county)
    const ctx: UnitContext = { random, county, townships, place, thisYear, usedNames: new Set() }
    const hasMilitiaUnit = code !== '530626' && random() < 0.5

    for (const level of ['国家级', '省级', '市级', '县级'] as const) {
      for (let i = 0; i < namedCounts[level]; i++) {
        units.push(namedUnit(ctx, nextId(), level, hasMilitiaUnit))
      }
    }
    for (let i = intBetween(random, 3, 7); i > 0; i--) units.push(poolUnit(ctx, nextId(), '培育'))
    for (let i = intBetween(random, 1, 3); i > 0; i--) units.push(poolUnit(ctx, nextId(), '申报'))
    if (random() < 0.5) units.push(poolUnit(ctx, nextId(), '推荐'))
    units.push(revokedUnit(ctx, nextId()))
  }
  units.push(misplacedUnit(units.length + 1, countyByCode, townshipsByCounty, random))

  return {
    areas,
    schemes: shippedSchemes(),
    units,
    targets: demoTargets(),
    inspections: demoInspections(units, random, thisYear),
    corridors: demoCorridors(units, areas), // after everything random: adds no draws, changes no unit
  }
}

/** An area from a committed boundary feature, with nothing invented unless `extra` says so. */
export function boundaryArea(
  f: Feature<MultiPolygon | Polygon, { code: string; name: string; parent: string | null; areaKm2: number }>,
  level: Area['level'],
  extra: Partial<Area> = {},
): Area {
  return {
    code: f.properties.code,
    name: f.properties.name,
    level,
    parent: f.properties.parent,
    geometry: asMultiPolygon(f.geometry),
    population: null,
    minorityShare: null,
    areaKm2: f.properties.areaKm2,
    schematic: false,
    populationIsSample: false,
    ...extra,
  }
}

export function shippedSchemes(): Scheme[] {
  return SHIPPED_SCHEMES.map((s) => ({ ...s, categories: [...s.categories] }))
}

/**
 * The real boundaries the demo is drawn on: 云南省 (no geometry), 昭通市 and its counties, from the committed
 * geodata (geodata/README.md: source and licence). No populations (the demo's are invented), no townships
 * (theirs are 示意), no units, targets or inspections.
 */
export function boundaryDataset(geo: DemoGeodata): Dataset {
  const province: Area = { ...PROVINCE, level: 'province', parent: null, geometry: null, population: null, minorityShare: null, areaKm2: null, schematic: false, populationIsSample: false }
  return {
    areas: [province, boundaryArea(geo.outline, 'prefecture', { parent: PROVINCE.code }), ...geo.counties.map((c) => boundaryArea(c, 'county'))],
    schemes: shippedSchemes(),
    units: [],
    targets: [],
    inspections: [],
  }
}

function demoAreas(geo: DemoGeodata, random: Random): Area[] {
  const townshipsByCounty = groupBy(geo.townships, (t) => t.properties.parent)
  const townships = geo.counties.flatMap((county) => {
    const members = townshipsByCounty.get(county.properties.code) ?? []
    const weights = members.map(() => 0.5 + random())
    const sum = weights.reduce((a, b) => a + b, 0)
    const population = SAMPLE_POPULATION[county.properties.code] ?? null
    return members.map((t, i) =>
      boundaryArea(t, 'township', {
        schematic: true,
        population: population === null ? null : Math.round((population * weights[i]) / sum / 100) * 100,
        populationIsSample: true,
      }),
    )
  })
  const countyPopulation = (code: string) => SAMPLE_POPULATION[code] ?? null
  return [
    { ...PROVINCE, level: 'province', parent: null, geometry: null, population: null, minorityShare: null, areaKm2: null, schematic: false, populationIsSample: false },
    boundaryArea(geo.outline, 'prefecture', {
      parent: PROVINCE.code,
      population: Object.values(SAMPLE_POPULATION).reduce((a, b) => a + b, 0),
      populationIsSample: true,
    }),
    ...geo.counties.map((c) =>
      boundaryArea(c, 'county', { population: countyPopulation(c.properties.code), populationIsSample: true }),
    ),
    ...townships,
  ]
}

function inventedNamedCounts(random: Random, population: number): Record<HonourLevel, number> {
  const scale = Math.sqrt(population / 400_000)
  return {
    国家级: random() < 0.45 ? 1 : 0,
    省级: Math.round(intBetween(random, 2, 5) * scale),
    市级: Math.round(intBetween(random, 6, 12) * scale),
    县级: Math.round(intBetween(random, 12, 24) * scale),
  }
}

interface UnitContext {
  random: Random
  county: BoundaryFeature
  townships: BoundaryFeature[]
  place: (township: BoundaryFeature) => [number, number]
  thisYear: number
  usedNames: Set<string>
}

export type NameMaker = (county: string, township: string, random: Random) => string

const shortTownship = (name: string) => name.replace(/((回族|彝族|苗族|白族)+)?(街道办事处|街道|镇|乡)$/, '')

/** Plausible names per category, so a reader can tell categories apart at a glance. */
export const NAME_MAKERS: Record<string, NameMaker> = {
  机关: (c, t, r) =>
    r() < 0.7
      ? c + pick(r, ['民族宗教事务局', '教育体育局', '人民法院', '人民检察院', '公安局', '司法局', '统计局', '卫生健康局', '文化和旅游局', '自然资源局', '人力资源和社会保障局', '农业农村局'])
      : `${c}公安局${shortTownship(t)}派出所`,
  企业: (c, _t, r) =>
    c.replace(/(县|区|市)$/, '') +
    pick(r, ['天麻', '苹果', '竹笋', '茶业', '马铃薯', '花椒', '建材', '物流', '食品', '电力', '水电开发', '特色农业']) +
    pick(r, ['有限公司', '有限责任公司', '专业合作社']),
  社区: (_c, t, r) => shortTownship(t) + pick(r, ['团结', '和谐', '同心', '石榴籽', '新城', '滨江', '幸福', '民族', '金江', '兴隆']) + '社区',
  乡镇: (_c, t) => `${t}人民政府`,
  学校: (c, t, r) =>
    r() < 0.8
      ? shortTownship(t) + pick(r, ['中心小学', '中学', '民族小学', '第一小学', '中心幼儿园', '完全小学', '初级中学'])
      : c + pick(r, ['第一中学', '第二中学', '民族中学', '职业高级中学']),
  连队: (c, _t, r) => c + pick(r, ['人民武装部民兵应急连', '消防救援大队', '人民武装部基干民兵连']),
  宗教活动场所: (_c, t, r) => shortTownship(t) + pick(r, ['清真寺', '观音寺', '天主堂', '基督教堂', '清真寺', '朝阳寺']),
  教育基地: (c) => `${c}民族团结进步教育基地`,
  窗口单位: (c, _t, r) => c + pick(r, ['政务服务中心', '人民医院', '汽车客运站', '邮政分公司']),
  示范村: (_c, t, r) => shortTownship(t) + pick(r, ['团结村', '新寨村', '龙井村', '坪上村', '和平村', '石榴村']),
}

/** Weighted so schools, offices and communities dominate, as in published lists. */
const CATEGORY_WEIGHTS: [string, number][] = [
  ['学校', 6], ['机关', 6], ['社区', 4], ['企业', 3], ['乡镇', 3], ['宗教活动场所', 2], ['连队', 1],
  ['教育基地', 0.5], ['窗口单位', 1], ['示范村', 1],
]

export function pickCategory(random: Random, allowMilitia: boolean): string {
  const choices = CATEGORY_WEIGHTS.filter(([c]) => allowMilitia || c !== '连队')
  const total = choices.reduce((sum, [, w]) => sum + w, 0)
  let r = random() * total
  for (const [category, weight] of choices) {
    r -= weight
    if (r < 0) return category
  }
  return choices[0][0]
}

function newUnit(
  ctx: UnitContext,
  id: number,
  categoryOf: () => string,
  fields: Pick<Unit, 'level' | 'status' | 'yearNamed' | 'history'>,
): Unit {
  const { random, county, townships } = ctx
  // Names must be unique within a county (a township is a 乡镇 unit at most once), so retry
  // with another township and category until the name is new.
  let category = categoryOf()
  let township = pick(random, townships)
  let name = NAME_MAKERS[category](county.properties.name, township.properties.name, random)
  for (let attempt = 0; ctx.usedNames.has(name) && attempt < 40; attempt++) {
    category = categoryOf()
    township = pick(random, townships)
    name = NAME_MAKERS[category](county.properties.name, township.properties.name, random)
  }
  if (ctx.usedNames.has(name)) throw new Error(`demo seed: no unused ${category} name left in ${county.properties.name}`)
  ctx.usedNames.add(name)
  const [lon, lat] = ctx.place(township)
  return {
    id,
    name,
    category,
    ...fields,
    lon,
    lat,
    areaCode: township.properties.code,
    address: `云南省昭通市${county.properties.name}${township.properties.name}`,
    contact: '',
    notes: SAMPLE_NOTE,
    sample: true,
  }
}

export function date(random: Random, year: number): string {
  return `${year}-${String(intBetween(random, 1, 12)).padStart(2, '0')}-${String(intBetween(random, 1, 28)).padStart(2, '0')}`
}

export function change(at: string, from: UnitStatus | null, to: UnitStatus, reason = '', level?: HonourLevel): StatusChange {
  return { at, from, to, by: '示例数据', reason, ...(level ? { level } : {}) }
}

/** Years in which namings at each level were made; national ones cluster so some lapse within a year. */
const NAMING_YEARS: Record<HonourLevel, [number, number]> = {
  国家级: [2021, 2023],
  省级: [2016, 2025],
  市级: [2015, 2025],
  县级: [2014, 2025],
}

function namedUnit(ctx: UnitContext, id: number, level: HonourLevel, allowMilitia: boolean): Unit {
  const { random } = ctx
  const [from, to] = NAMING_YEARS[level]
  const year = Math.min(intBetween(random, from, to), ctx.thisYear - 1)
  const [cultivated, applied, named] = [date(random, year - 2), date(random, year - 1), date(random, year)]
  const history = promotedFromCounty(id, level, year)
    ? [
        change(`${year - 4}-03-15`, null, '培育'),
        change(`${year - 3}-11-20`, '培育', '命名', '县级民族团结进步示范单位命名', '县级'),
        change(named, '命名', '命名', `晋级命名为${level}民族团结进步示范单位`, level),
      ]
    : [
        change(cultivated, null, '培育'),
        change(applied, '培育', '申报'),
        change(named, '申报', '命名', `${level}民族团结进步示范单位命名`, level),
      ]
  const rechecked = year + 5 < ctx.thisYear && random() < 0.6
  if (rechecked) history.push(change(date(random, year + 5), '命名', '复查', '到期复查合格', level))
  return newUnit(ctx, id, () => pickCategory(random, allowMilitia), { level, status: rechecked ? '复查' : '命名', yearNamed: year, history })
}

/**
 * Every third 市级 unit named since 2018 was a 县级 one first, three years before: the as-of-year views show it
 * at 县级 until its promotion. (By id, not by the random stream, so the rest of the demo stays as it was.)
 */
function promotedFromCounty(id: number, level: HonourLevel, year: number): boolean {
  return level === '市级' && year >= 2018 && id % 3 === 0
}

function poolUnit(ctx: UnitContext, id: number, status: '培育' | '申报' | '推荐'): Unit {
  const { random, thisYear } = ctx
  const history = [change(date(random, thisYear - 2), null, '培育', '列入培育库')]
  if (status !== '培育') history.push(change(date(random, thisYear - 1), '培育', '申报'))
  if (status === '推荐') history.push(change(`${thisYear}-01-15`, '申报', '推荐', '推荐申报市级'))
  return newUnit(ctx, id, () => pickCategory(random, false), { level: null, status, yearNamed: null, history })
}

function revokedUnit(ctx: UnitContext, id: number): Unit {
  const { random } = ctx
  const history = [
    change(date(random, 2019), null, '命名', '县级民族团结进步示范单位命名', '县级'),
    change('2024-06-30', '命名', '撤销', '复查不合格，撤销命名'),
  ]
  return newUnit(ctx, id, () => pickCategory(random, false), { level: '县级', status: '撤销', yearNamed: 2019, history })
}

/**
 * A cultivation-pool unit whose ledger says 镇雄县 while its point lies in 彝良县, so the join's
 * disagreement report has something real to show. It is not named, so no coverage figure depends on it.
 */
function misplacedUnit(
  id: number,
  countyByCode: Map<string, BoundaryFeature>,
  townshipsByCounty: Map<string, BoundaryFeature[]>,
  random: Random,
): Unit {
  const yiliang = countyByCode.get('530628')
  const yiliangTownship = townshipsByCounty.get('530628')?.[0]
  const zhenxiongTownship = townshipsByCounty.get('530627')?.[0]
  if (!yiliang || !yiliangTownship || !zhenxiongTownship) {
    throw new Error('the demo needs 彝良县 (530628) and 镇雄县 (530627) with townships in the geodata')
  }
  const [lon, lat] = pointInside(random, yiliangTownship, yiliang)
  return {
    id,
    name: `${shortTownship(zhenxiongTownship.properties.name)}民族团结示范街区`,
    category: '社区',
    level: null,
    status: '培育',
    yearNamed: null,
    lon,
    lat,
    areaCode: zhenxiongTownship.properties.code,
    address: `云南省昭通市镇雄县${zhenxiongTownship.properties.name}`,
    contact: '',
    notes: `${SAMPLE_NOTE}；坐标与所属乡镇故意不一致，用于演示空间核对`,
    sample: true,
    history: [change('2025-03-01', null, '培育', '列入培育库')],
  }
}

function demoTargets(): Target[] {
  const target = (id: number, areaCode: string, category: string | null, minLevel: HonourLevel | null, count: number, dueYear: number, note: string): Target =>
    ({ id, areaCode, schemeId: null, category, minLevel, count, dueYear, note: `示例目标：${note}` })
  return [
    target(1, '530600', null, '省级', 40, 2027, '全市省级示范单位达到40个'),
    target(2, '530626', '学校', '市级', 6, 2026, '市级及以上示范学校6所'),
    target(3, '530626', '宗教活动场所', null, 2, 2025, '示范宗教活动场所2个'),
    target(4, '530627', null, null, 60, 2026, '各级示范单位达到60个'),
    target(5, '530621', null, '省级', 5, 2025, '省级示范单位5个'),
    target(6, '530602', '社区', null, 12, 2027, '示范社区12个'),
  ]
}

/** Provincial and national units are visited up to three times a year. */
function demoInspections(units: Unit[], random: Random, thisYear: number): DatasetInspection[] {
  const inspections: DatasetInspection[] = []
  for (const unit of units) {
    if (unit.status === '撤销' || (unit.level !== '省级' && unit.level !== '国家级')) continue
    for (let i = intBetween(random, 1, 3); i > 0; i--) {
      inspections.push({
        id: inspections.length + 1,
        unitId: unit.id,
        date: date(random, thisYear - 1),
        inspector: pick(random, ['市民宗局督导组', '县创建办', '市创建办联合督查组']),
        findings: pick(random, ['台账完整，活动常态化开展', '宣传阵地需更新', '创建档案不全，需补充', '示范引领作用明显']),
        followUp: pick(random, ['', '一个月内整改到位', '下次督导复核']),
      })
    }
  }
  return inspections
}

/** A random point inside both the township cell and its county, away from any shared border. */
function pointInside(random: Random, township: BoundaryFeature, county: BoundaryFeature): [number, number] {
  const [minX, minY, maxX, maxY] = bbox(township)
  for (let attempt = 0; attempt < 2000; attempt++) {
    const point: [number, number] = [
      round6(minX + random() * (maxX - minX)),
      round6(minY + random() * (maxY - minY)),
    ]
    if (booleanPointInPolygon(point, township) && booleanPointInPolygon(point, county)) return point
  }
  throw new Error(`could not place a point inside township ${township.properties.code} ${township.properties.name}`)
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6
}

export function asMultiPolygon(geometry: MultiPolygon | Polygon): MultiPolygon {
  return geometry.type === 'MultiPolygon' ? geometry : { type: 'MultiPolygon', coordinates: [geometry.coordinates] }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return groups
}
