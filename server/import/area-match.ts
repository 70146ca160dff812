// Which area a ledger row means, from what it writes (a code or a name) and where its point lies.
//
// - Codes: GB/T 2260, 6 digits (county), 9 (township) or 12 (village). NBS's 12-digit form of a township or
//   county code (530626101000, 530626000000) is read as the 9- or 6-digit code it pads.
// - Names: exact first ("中城镇"), then by stem, so that "中城" and "中城镇" meet: a trailing 镇/乡/街道/社区/村…
//   is dropped from both sides. Of matches nested in one another (中城镇 and its 中城社区) the outer one is
//   meant. Other matches are ambiguous, unless the row's point lies in exactly one of them.
// - A point agrees with the area it claims when it lies in it, in an area inside it, or in an area it lies
//   inside; or when it lies in a schematic (示意) cell that shares its nearest surveyed ancestor with the
//   claim — a 示意 cell cannot contradict a ledger (the same rule as server/geo/join.ts).
import type { Area } from '../shared/domain'
import { ancestorsOf, isBelow } from '../geo/join'
import { compactText } from './half-width'

export interface AreaLookup {
  readonly byCode: ReadonlyMap<string, Area>
  readonly byName: ReadonlyMap<string, readonly Area[]> // compact name → areas
  readonly byStem: ReadonlyMap<string, readonly Area[]>
  /** Codes of areas whose outline is known: they, an ancestor or a descendant have geometry. */
  readonly outlined: ReadonlySet<string>
}

export function areaLookup(areas: readonly Area[]): AreaLookup {
  const byCode = new Map<string, Area>()
  const byName = new Map<string, Area[]>()
  const byStem = new Map<string, Area[]>()
  for (const area of areas) {
    byCode.set(area.code, area)
    push(byName, compactText(area.name), area)
    push(byStem, areaStem(area.name), area)
  }
  const outlined = new Set<string>()
  for (const area of areas) {
    if (area.geometry === null) continue
    outlined.add(area.code)
    for (const ancestor of ancestorsOf(area.code, byCode)) outlined.add(ancestor.code)
  }
  for (const area of areas) {
    if (ancestorsOf(area.code, byCode).some((a) => a.geometry !== null)) outlined.add(area.code)
  }
  return { byCode, byName, byStem, outlined }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

const ADMIN_SUFFIX = /(街道办事处|办事处|街道|社区居委会|居委会|村委会|村民委员会|民族乡|社区|镇|乡|村|县|区|市|州|旗)$/

/** "中城镇" → "中城", "中城" → "中城", "某某街道办事处" → "某某". */
export function areaStem(name: string): string {
  const compact = compactText(name)
  const stem = compact.replace(ADMIN_SUFFIX, '')
  return stem === '' ? compact : stem
}

export type CodeMatch = { kind: 'found'; area: Area } | { kind: 'invalid'; reason: string } | { kind: 'unknown' }

export function areaByCode(text: string, lookup: AreaLookup): CodeMatch {
  const code = compactText(text)
  if (!/^(\d{6}|\d{9}|\d{12})$/.test(code)) return { kind: 'invalid', reason: `行政区划代码“${text.trim()}”应为 6、9 或 12 位数字` }
  const candidates = [code]
  if (code.length === 12 && code.endsWith('000')) candidates.push(code.slice(0, 9))
  if (code.length === 12 && code.endsWith('000000')) candidates.push(code.slice(0, 6))
  for (const c of candidates) {
    const area = lookup.byCode.get(c)
    if (area !== undefined) return { kind: 'found', area }
  }
  return { kind: 'unknown' }
}

export function isAreaCode(text: string): boolean {
  return /^\d+$/.test(compactText(text))
}

/**
 * Areas the name may mean: exact names if any, else areas with the same stem. When one of them contains
 * all the others ("中城" → 中城镇 and its 中城社区), it alone is meant: the outer area is the safe reading.
 */
export function areasByName(text: string, lookup: AreaLookup): readonly Area[] {
  const found = lookup.byName.get(compactText(text)) ?? lookup.byStem.get(areaStem(text)) ?? []
  const outer = found.find((a) => found.every((b) => b === a || isBelow(b, a, lookup.byCode)))
  return outer === undefined ? found : [outer]
}

export type Agreement = 'inside' | 'outside' | 'unchecked'

/**
 * Whether a point located in `located` (a leaf's code, or null when it lies in no area) agrees with the
 * area the row claims. 'unchecked': the claim has no outline to test against.
 */
export function pointAgreement(claimed: Area, located: string | null, lookup: AreaLookup): Agreement {
  if (located === null) return lookup.outlined.has(claimed.code) ? 'outside' : 'unchecked'
  if (located === claimed.code) return 'inside'
  const leaf = lookup.byCode.get(located)
  if (leaf === undefined) {
    // Not one of the given areas: GB/T 2260 codes nest by prefix.
    return located.startsWith(claimed.code) || claimed.code.startsWith(located) ? 'inside' : 'outside'
  }
  if (isBelow(leaf, claimed, lookup.byCode) || isBelow(claimed, leaf, lookup.byCode)) return 'inside'
  if (leaf.schematic) {
    const surveyed = nearestSurveyedAncestor(leaf, lookup)
    if (surveyed !== undefined && surveyed === nearestSurveyedAncestor(claimed, lookup)) return 'inside'
  }
  return 'outside'
}

function nearestSurveyedAncestor(area: Area, lookup: AreaLookup): Area | undefined {
  return ancestorsOf(area.code, lookup.byCode).find((a) => !a.schematic)
}

export function areaLabel(area: Area): string {
  return `${area.code} ${area.name}`
}
