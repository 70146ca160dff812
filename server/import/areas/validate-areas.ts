// An area file's features → a report saying, feature by feature, what would be imported and what is wrong,
// plus the drafts to write. Pure: the store's areas come in as a list. One file, a little over 400 lines:
// the feature rules below run in one pass and read better together.
//
// Each feature is one of:
// - rejected: no or bad code (wrong length for the level, not digits); no name for a new area; a code the
//   store has at another level; a parent that is not in the store; geometry that is missing, not polygonal,
//   self-intersecting even after the repair (repair.ts), or outside China after reprojection; a code repeated with another name; a name with
//   a control or bidi formatting character (server/text/plain-text.ts); a part outside the parent's (real,
//   not schematic) boundary above the tolerance (see siblings.ts) — such an area would take in units of
//   its parent's neighbours, so it is never written, whoever commits.
// - warning: imported, but a person should look: geometry repaired (duplicate points, spikes, zero-area
//   rings, orientation; crossing rings and overlapping parts by self-union, with the row's `repair`); a name or parent that differs from the store's; a real boundary replaced; a code
//   repeated with the same name (its parts are merged into one MultiPolygon); overlap with a sibling above
//   the tolerance.
// - accepted: imported as is (a schematic 示意 cell being replaced by a real boundary is the normal case).
// Gaps between siblings are reported per parent, not per feature.
//
// Parents: a feature's parent is --parent, else the one its code implies (GB/T 2260: county 530626 → 530600).
// A province, or a prefecture whose province the store lacks, is a top level (no parent). A county,
// township or village whose parent the store lacks gets one: the parent is created from the code's digits
// with a placeholder name ("530600（待命名）"), reported in parentsCreated, and named later by
// importing its own boundary (--level prefecture).
import type { MultiPolygon } from 'geojson'
import type { Area, AreaLevel } from '../../shared/domain'
import { levelOfCode, parentCodeOf } from '../../shared/area-codes'
import { CHINA_BOX } from '../crs'
import { ImportError } from '../import-error'
import type { RowStatus } from '../validate-units'
import { featureLabel, type AreaTable } from './area-table'
import { firstPosition, reprojectGeometry, resolveAreaCrs, type AreaCrs, type AreaCrsOptions } from './area-crs'
import {
  areaFieldMapping,
  impliedParent,
  LEVEL_NAMES,
  readAreaCode,
  readPopulation,
  readShare,
  textOf,
  type AreaFieldMapping,
  type ExplicitAreaFields,
} from './area-fields'
import { plainTextProblem } from '../../text/plain-text'
import { repairPolygonal, type CrossingRepair } from './repair'
import { areaKm2, DEFAULT_TOLERANCE_KM2, siblingFindings, type Gap, type Overhang, type Overlap, type SiblingShape } from './siblings'

export const IMPORT_AREA_LEVELS = ['province', 'prefecture', 'county', 'township', 'village'] as const
export type ImportAreaLevel = (typeof IMPORT_AREA_LEVELS)[number]

/** Levels imported as a top level when the store lacks their parent: nothing is created above them. */
const TOP_LEVELS: ReadonlySet<ImportAreaLevel> = new Set(['province', 'prefecture'])

/** The name a parent created from the digits of its children's codes carries until it is named. */
export function placeholderName(code: string): string {
  return `${code}（待命名）`
}

export interface AreaValidateOptions extends AreaCrsOptions {
  level: ImportAreaLevel
  fields?: ExplicitAreaFields // { code: 'XZQDM', name: 'XZQMC' }
  parent?: string // every feature's parent; default: implied by its code
  toleranceKm2?: number // 0.01, see siblings.ts
}

/** An area as an import writes it. Fields left undefined are kept as they are on an update. */
export interface ImportedArea {
  code: string
  name?: string
  level?: AreaLevel
  parent?: string | null
  geometry?: MultiPolygon
  areaKm2?: number
  population?: number | null
  minorityShare?: number | null
  exists: boolean // true: update the stored area with this code
}

export interface AreaRowReport {
  row: number // 1-based feature position
  status: RowStatus
  code: string | null
  name: string | null
  parent?: string | null
  action?: 'insert' | 'update'
  areaKm2?: number
  repair?: CrossingRepair // present when crossing rings or overlapping parts were repaired by self-union
  messages: string[] // Chinese, each starting 第N个要素：
}

export interface SiblingGroupReport {
  parent: string
  parentName: string
  children: number // compared: from the file and kept from the store
  fromFile: number
  gapsChecked: boolean
  gapsSkipped?: string // why gaps were not looked for
  gaps: Gap[]
  overlaps: Overlap[]
  outside: Overhang[]
}

/** A parent the store lacked, created from its children's codes with a placeholder name. */
export interface CreatedParent {
  code: string
  name: string // placeholderName(code)
  level: AreaLevel
  children: number // accepted features of the file under it
}

export interface AreaImportTotals {
  features: number
  accepted: number
  warnings: number
  rejected: number
  inserts: number
  updates: number
  repaired: number // features not rejected whose crossings were repaired (rows with `repair`)
}

export interface AreaImportReport {
  kind: 'boundaries'
  fileName: string
  format: AreaTable['format']
  encoding?: AreaTable['encoding']
  encodingSource?: AreaTable['encodingSource']
  members?: string[]
  objects?: string[]
  level: ImportAreaLevel
  crs: Pick<AreaCrs, 'id' | 'label' | 'source' | 'gcj02'>
  notes: string[] // about the file as a whole
  fields: string[]
  mapping: AreaFieldMapping
  toleranceKm2: number
  totals: AreaImportTotals
  rows: AreaRowReport[]
  siblings: SiblingGroupReport[]
  parentsCreated?: CreatedParent[] // present when the file's areas needed a parent the store lacked
}

export interface AreaValidation {
  report: AreaImportReport
  areas: ImportedArea[] // what to write: one per accepted code
}

export function validateAreaTable(table: AreaTable, storeAreas: readonly Area[], options: AreaValidateOptions): AreaValidation {
  const { level, toleranceKm2 = DEFAULT_TOLERANCE_KM2 } = options
  const byCode = new Map(storeAreas.map((a) => [a.code, a]))
  const sample = table.features.map((f) => firstPosition(f.geometry)).filter((p) => p !== null)
  const { crs, warnings: crsWarnings } = resolveAreaCrs(table.statedCrs, table.format, sample, options)
  const mapping = areaFieldMapping(table.fields, table.features.map((f) => f.properties), level, options.fields)
  if (mapping.code === null) {
    throw new ImportError(`找不到区划代码字段（字段为：${table.fields.join('、') || '无'}）；请用 --code-field 指定`)
  }
  const fixedParent = options.parent?.trim() || undefined
  if (fixedParent !== undefined && !byCode.has(fixedParent)) throw new ImportError(`指定的上级区划 ${fixedParent} 不在库中`)

  const rows: AreaRowReport[] = []
  const drafts = new Map<string, { draft: ImportedArea & { geometry: MultiPolygon }; row: AreaRowReport; name: string }>()
  for (const feature of table.features) {
    const at = `${featureLabel(feature.index)}：`
    const errors: string[] = []
    const warnings: string[] = []
    const props = feature.properties
    const codeReading = readAreaCode(props[mapping.code], level)
    if (codeReading.error) errors.push(codeReading.error)
    if (codeReading.warning) warnings.push(codeReading.warning)
    const code = codeReading.code
    const existing = code === null ? undefined : byCode.get(code)
    let name = mapping.name === null ? '' : textOf(props[mapping.name])
    if (name === '' && existing) {
      name = existing.name
      warnings.push(`名称为空，沿用库中的“${existing.name}”`)
    } else if (name === '' && code !== null) {
      errors.push('名称为空')
    }
    const nameProblem = plainTextProblem(name)
    if (nameProblem !== null) errors.push(`名称 ${nameProblem}`)
    if (existing && existing.level !== level) errors.push(`代码 ${code} 在库中是${LEVEL_NAMES[existing.level]}区划“${existing.name}”，不是${LEVEL_NAMES[level]}`)
    if (existing && name !== '' && existing.name !== name) warnings.push(`名称由“${existing.name}”改为“${name}”`)

    let parent: string | null = null
    if (code !== null) {
      parent = fixedParent ?? impliedParent(code, level)
      if (parent !== null && !byCode.has(parent)) {
        const alternative = level === 'county' ? `${code.slice(0, 2)}0000` : null // 省直辖县
        if (alternative !== null && byCode.has(alternative)) parent = alternative
        else if (TOP_LEVELS.has(level)) parent = null // a top level; its parent can be imported above it later
        // else: created below from the code's digits, once the feature is accepted
      }
      const digitsLevel = TOP_LEVELS.has(level) ? levelOfCode(code) : level
      if (digitsLevel !== level) errors.push(`代码 ${code} 是${LEVEL_NAMES[digitsLevel]}代码，不是${LEVEL_NAMES[level]}（${level === 'province' ? '省级代码以 0000 结尾' : '市级代码以 00 结尾'}）`)
      if (fixedParent !== undefined && impliedParent(code, level) !== fixedParent) warnings.push(`代码 ${code} 不以上级 ${fixedParent} 开头`)
      if (existing && existing.parent !== parent && parent !== null && byCode.has(parent)) warnings.push(`上级由 ${existing.parent ?? '无'} 改为 ${parent}`)
    }

    let geometry: MultiPolygon | null = null
    let crossingRepair: CrossingRepair | null = null
    try {
      const projected = feature.geometry === null ? null : reprojectGeometry(feature.geometry, crs)
      const repaired = repairPolygonal(projected)
      errors.push(...repaired.errors)
      if (repaired.repairs.length > 0) warnings.push(`边界已修复：${repaired.repairs.join('，')}`)
      crossingRepair = repaired.crossingRepair
      if (crossingRepair !== null) warnings.push(crossingRepairMessage(crossingRepair))
      geometry = repaired.geometry
    } catch (error) {
      errors.push(`坐标无法换算（${error instanceof Error ? error.message : String(error)}）`)
    }
    if (geometry !== null) {
      const box = boundsOf(geometry)
      if (box[0] < CHINA_BOX.lonMin || box[2] > CHINA_BOX.lonMax || box[1] < CHINA_BOX.latMin || box[3] > CHINA_BOX.latMax) {
        errors.push(`边界范围 ${box.map((v) => v.toFixed(4)).join(', ')} 超出中国范围（坐标系 ${crs.label} 是否正确？）`)
        geometry = null
      }
    }
    const population = mapping.population === null ? { value: undefined } : readPopulation(props[mapping.population])
    let share = mapping.minorityShare === null ? { value: undefined as number | null | undefined } : readShare(props[mapping.minorityShare])
    if (mapping.minorityShare === null && mapping.minorityPopulation !== null) {
      const minority = readPopulation(props[mapping.minorityPopulation])
      share = minority.error ? { value: null, error: minority.error } : { value: minority.value !== null && population.value ? Math.round((minority.value / population.value) * 10_000) / 10_000 : null }
    }
    for (const problem of [population, share]) if ('error' in problem && problem.error) warnings.push(`${problem.error}，未导入该值`)

    const earlier = code === null ? undefined : drafts.get(code)
    if (earlier && earlier.name !== name) errors.push(`代码 ${code} 与${featureLabel(earlier.row.row)}（${earlier.name}）相同，但名称不同`)

    const row: AreaRowReport = { row: feature.index, status: 'accepted', code, name: name || null, ...(crossingRepair ? { repair: crossingRepair } : {}), messages: [] }
    if (errors.length > 0 || geometry === null || code === null) {
      row.status = 'rejected'
      row.messages = (errors.length > 0 ? errors : ['没有有效的边界']).concat(warnings).map((m) => at + m)
      rows.push(row)
      continue
    }
    if (earlier) {
      earlier.draft.geometry = { type: 'MultiPolygon', coordinates: [...earlier.draft.geometry.coordinates, ...geometry.coordinates] }
      earlier.draft.areaKm2 = areaKm2(earlier.draft.geometry)
      earlier.row.areaKm2 = earlier.draft.areaKm2
      warnings.push(`与${featureLabel(earlier.row.row)}代码相同（${code} ${name}），已合并为同一区划的多个部分`)
      row.status = 'warning'
      row.action = earlier.row.action
      row.parent = parent
      row.areaKm2 = areaKm2(geometry)
      row.messages = warnings.map((m) => at + m)
      rows.push(row)
      continue
    }
    if (existing?.geometry && !existing.schematic) warnings.push(`替换库中现有的${existing.name}边界`)
    const draft: ImportedArea & { geometry: MultiPolygon } = {
      code,
      name,
      level,
      parent,
      geometry,
      areaKm2: areaKm2(geometry),
      ...(population.value === undefined ? {} : { population: population.value }),
      ...(share.value === undefined ? {} : { minorityShare: share.value }),
      exists: existing !== undefined,
    }
    row.status = warnings.length > 0 ? 'warning' : 'accepted'
    row.parent = parent
    row.action = existing ? 'update' : 'insert'
    row.areaKm2 = draft.areaKm2
    row.messages = warnings.map((m) => at + m)
    rows.push(row)
    drafts.set(code, { draft, row, name })
  }

  const siblings = siblingReports([...drafts.values()].map((d) => d.draft), byCode, storeAreas, level, toleranceKm2)
  for (const group of siblings) {
    for (const overlap of group.overlaps) {
      overlap.codes.forEach((code, k) => {
        const other = k === 0 ? 1 : 0
        flag(drafts.get(code)?.row, `与${overlap.names[other]}（${overlap.codes[other]}）重叠 ${overlap.areaKm2} km²（约 ${overlap.near.join(', ')} 处）`)
      })
    }
    for (const beyond of group.outside) {
      const message = `有 ${beyond.areaKm2} km² 在上级${group.parentName}（${group.parent}）的边界之外，超过容差 ${toleranceKm2} km²；该区划未导入（请核对坐标系与边界，或调整容差 toleranceKm2）`
      for (const row of rows) if (row.code === beyond.code && row.status !== 'rejected') reject(row, message)
      drafts.delete(beyond.code)
    }
  }

  const parentsCreated = createdParents([...drafts.values()].map((d) => d.draft), byCode)

  const totals: AreaImportTotals = {
    features: rows.length,
    accepted: rows.filter((r) => r.status === 'accepted').length,
    warnings: rows.filter((r) => r.status === 'warning').length,
    rejected: rows.filter((r) => r.status === 'rejected').length,
    inserts: [...drafts.values()].filter((d) => !d.draft.exists).length,
    updates: [...drafts.values()].filter((d) => d.draft.exists).length,
    repaired: rows.filter((r) => r.repair !== undefined && r.status !== 'rejected').length,
  }
  const report: AreaImportReport = {
    kind: 'boundaries',
    fileName: table.fileName,
    format: table.format,
    ...(table.encoding ? { encoding: table.encoding } : {}),
    ...(table.encodingSource ? { encodingSource: table.encodingSource } : {}),
    ...(table.members ? { members: table.members } : {}),
    ...(table.objects ? { objects: table.objects } : {}),
    level,
    crs: { id: crs.id, label: crs.label, source: crs.source, gcj02: crs.gcj02 },
    notes: [...table.notes, ...crsWarnings],
    fields: table.fields,
    mapping,
    toleranceKm2,
    totals,
    rows,
    siblings,
    ...(parentsCreated.length > 0 ? { parentsCreated } : {}),
  }
  const placeholders: ImportedArea[] = parentsCreated.map((p) => ({
    code: p.code,
    name: p.name,
    level: p.level,
    parent: ancestorIn(p.code, byCode),
    exists: false,
  }))
  return { report, areas: [...placeholders, ...[...drafts.values()].map((d) => d.draft)] }
}

/** The parents the accepted drafts name that the store lacks, each with how many drafts it would hold. */
function createdParents(drafts: readonly ImportedArea[], byCode: ReadonlyMap<string, Area>): CreatedParent[] {
  const children = new Map<string, number>()
  for (const draft of drafts) {
    if (draft.parent == null || byCode.has(draft.parent)) continue
    children.set(draft.parent, (children.get(draft.parent) ?? 0) + 1)
  }
  return [...children]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, count]) => ({ code, name: placeholderName(code), level: levelOfCode(code), children: count }))
}

/** The created parent's own parent: the one its digits imply when the store has it, else none (a top level). */
function ancestorIn(code: string, byCode: ReadonlyMap<string, Area>): string | null {
  const above = parentCodeOf(code)
  return above !== null && byCode.has(above) ? above : null
}

function crossingRepairMessage({ problems, areaBeforeKm2, areaAfterKm2 }: CrossingRepair): string {
  return `边界自相交或各部分重叠，已按自身合并（polyclip-ts union）修复：${problems.join('；')}；面积 ${areaBeforeKm2.toFixed(3)} → ${areaAfterKm2.toFixed(3)} km²`
}

function reject(row: AreaRowReport, message: string): void {
  row.messages.unshift(`${featureLabel(row.row)}：${message}`)
  row.status = 'rejected'
  delete row.action
}

function flag(row: AreaRowReport | undefined, message: string): void {
  if (!row) return
  row.messages.push(`${featureLabel(row.row)}：${message}`)
  if (row.status === 'accepted') row.status = 'warning'
}

function siblingReports(
  drafts: readonly (ImportedArea & { geometry: MultiPolygon })[],
  byCode: ReadonlyMap<string, Area>,
  storeAreas: readonly Area[],
  level: AreaLevel,
  toleranceKm2: number,
): SiblingGroupReport[] {
  const groups = new Map<string, (ImportedArea & { geometry: MultiPolygon })[]>()
  for (const d of drafts) {
    if (d.parent == null) continue
    const list = groups.get(d.parent) ?? []
    list.push(d)
    groups.set(d.parent, list)
  }
  const reports: SiblingGroupReport[] = []
  for (const [parentCode, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const parent = byCode.get(parentCode)
    const inFile = new Set(members.map((m) => m.code))
    const stored = storeAreas.filter((a) => a.parent === parentCode && a.level === level && !inFile.has(a.code))
    const kept = stored.filter((a) => a.geometry !== null && !a.schematic)
    const missing = stored.filter((a) => a.geometry === null || a.schematic)
    const children: SiblingShape[] = [
      ...members.map((m) => ({ code: m.code, name: m.name ?? m.code, geometry: m.geometry })),
      ...kept.map((a) => ({ code: a.code, name: a.name, geometry: a.geometry as MultiPolygon })),
    ]
    const outline = parent?.geometry && !parent.schematic ? parent.geometry : null
    const findings = siblingFindings(children, outline, { toleranceKm2, complete: missing.length === 0 })
    reports.push({
      parent: parentCode,
      parentName: parent?.name ?? placeholderName(parentCode), // a parent not in the store is created with this name
      children: children.length,
      fromFile: members.length,
      gapsChecked: findings.gapsChecked,
      ...(missing.length > 0
        ? { gapsSkipped: `库中另有 ${missing.length} 个同级区划没有实测边界（${missing.slice(0, 5).map((a) => a.name).join('、')}${missing.length > 5 ? '等' : ''}），不检查缝隙` }
        : {}),
      gaps: findings.gaps,
      overlaps: findings.overlaps,
      outside: findings.outside,
    })
  }
  return reports
}

function boundsOf(geometry: MultiPolygon): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity]
  for (const polygon of geometry.coordinates) {
    for (const [x, y] of polygon[0]) {
      if (x < x0) x0 = x
      if (y < y0) y0 = y
      if (x > x1) x1 = x
      if (y > y1) y1 = y
    }
  }
  return [x0, y0, x1, y1]
}
