import { describe, expect, it } from 'vitest'
import { LIUJIN, QIJIN, SHIJIN_SHICU } from '../../../server/seed/schemes'
import { normaliseCategory, normaliseLevel, normaliseStatus, parseCoordinate, parseYear } from '../../../server/import/values'

describe('parseCoordinate', () => {
  const value = (text: string) => {
    const parsed = parseCoordinate(text)
    return parsed.ok ? parsed.value : parsed.reason
  }

  it('reads decimal degrees, with or without degree signs, hemispheres and Chinese prefixes', () => {
    expect(value('104.2083')).toEqual({ value: 104.2083, hemisphere: null })
    expect(value(' 104.2083° ')).toEqual({ value: 104.2083, hemisphere: null })
    expect(value('E104.2083')).toEqual({ value: 104.2083, hemisphere: 'E' })
    expect(value('东经104.2083')).toEqual({ value: 104.2083, hemisphere: 'E' })
    expect(value('北纬 28.6')).toEqual({ value: 28.6, hemisphere: 'N' })
    expect(value('１０４．２')).toEqual({ value: 104.2, hemisphere: null })
    expect(value('-104.2')).toEqual({ value: -104.2, hemisphere: null })
    expect(value('104.2W')).toEqual({ value: -104.2, hemisphere: 'W' })
    expect(value('35411884.31')).toEqual({ value: 35411884.31, hemisphere: null })
  })

  it('reads degrees, minutes and seconds in any of their spellings', () => {
    const close = (text: string, expected: number, hemisphere: string | null = null) => {
      const parsed = parseCoordinate(text)
      expect(parsed.ok, text).toBe(true)
      if (!parsed.ok) return
      expect(parsed.value.value, text).toBeCloseTo(expected, 9)
      expect(parsed.value.hemisphere, text).toBe(hemisphere)
    }
    close(`104°12'30.5"E`, 104 + 12 / 60 + 30.5 / 3600, 'E')
    close('27°20′15″N', 27 + 20 / 60 + 15 / 3600, 'N')
    close('104 12 30.5', 104 + 12 / 60 + 30.5 / 3600)
    close('104度12分30.5秒', 104 + 12 / 60 + 30.5 / 3600)
    close('东经104°12′', 104.2, 'E')
    close(`104°12.5'`, 104 + 12.5 / 60)
    close(`28°36'00"S`, -28.6, 'S')
    close('104:12:30', 104 + 12 / 60 + 30 / 3600)
  })

  it('says what is wrong with a value that is not a coordinate', () => {
    expect(value('')).toBe('为空')
    expect(value('约104度')).toBe('“约104度”不是经纬度数值')
    expect(value('104.1.2')).toBe('“104.1.2”不是经纬度数值')
    expect(value('1 2 3 4')).toBe('“1 2 3 4”不是经纬度数值')
    expect(value(`104°75'`)).toBe(`“104°75'”中分为 75，应小于 60`)
    expect(value(`104°12'61"`)).toBe(`“104°12'61"”中秒为 61，应小于 60`)
    expect(value(`104.5°12'`)).toBe(`“104.5°12'”中度数带小数，后面不应再有分`)
    expect(value(`104°12.5'30"`)).toBe(`“104°12.5'30"”中分数带小数，后面不应再有秒`)
  })
})

describe('parseYear', () => {
  const year = (text: string) => {
    const parsed = parseYear(text, 2024)
    return parsed.ok ? parsed.value : parsed.reason
  }

  it('reads years and dates in the forms ledgers write them', () => {
    for (const text of ['2021', '2021年', '2021年度', '2021年5月', '2021年5月1日', '2021-05-01', '2021/5/1', '2021.5', '2021.05.01', '２０２１', '2021-05-01 00:00']) {
      expect([text, year(text)]).toEqual([text, 2021])
    }
    expect(year('')).toBeNull()
    expect(year('1988')).toBe(1988)
    expect(year('2024')).toBe(2024)
  })

  it('reads a 5-digit number as an Excel date serial, with a warning', () => {
    expect(parseYear('44317', 2024)).toEqual({ ok: true, value: 2021, warning: '命名年份“44317”按 Excel 日期序号读作 2021-05-01' })
  })

  it('rejects impossible years and what is not a year', () => {
    expect(year('1985')).toBe('命名年份 1985 早于 1988 年（首次全国民族团结进步表彰），不可能')
    expect(year('2030')).toBe('命名年份 2030 晚于报告年份 2024，不可能')
    expect(year('21年')).toBe('命名年份“21年”无法识别（应为 4 位年份，如 2021、2021年、二〇二一年、2021-05-01）')
    expect(year('2021-13-01')).toBe('命名年份“2021-13-01”不是有效日期')
    expect(year('去年')).toContain('无法识别')
  })
})

describe('normaliseCategory', () => {
  const category = (text: string, scheme = QIJIN) => {
    const parsed = normaliseCategory(text, scheme)
    return parsed.ok ? (parsed.warning === undefined ? parsed.value : [parsed.value, parsed.warning]) : parsed.reason
  }

  it('trims, drops width, the 进 prefix and 示范/单位 suffixes', () => {
    expect(category('学校 ')).toBe('学校')
    expect(category('进学校')).toBe('学校')
    expect(category('进 学 校')).toBe('学校')
    expect(category('学校示范单位')).toBe('学校')
    expect(category('机关单位')).toBe('机关')
    expect(category('示范社区')).toBe('社区')
    expect(category('企业类')).toBe('企业')
  })

  it('maps synonyms to the scheme’s own word', () => {
    expect(category('宗教场所')).toBe('宗教活动场所')
    expect(category('进宗教活动场所')).toBe('宗教活动场所')
    expect(category('街道')).toBe('乡镇')
    expect(category('窗口', SHIJIN_SHICU)).toBe('窗口单位')
    expect(category('窗口单位', SHIJIN_SHICU)).toBe('窗口单位')
    expect(category('公共文化场所', SHIJIN_SHICU)).toBe('公共文化服务场所')
    expect(category('事业单位', LIUJIN)).toBe('企事业单位')
  })

  it('maps 部队/军营 to 连队 only when the scheme has no 军营, and says so', () => {
    expect(category('部队')).toEqual(['连队', '类别“部队”按方案“七进”的“连队”导入'])
    expect(category('军营')).toEqual(['连队', '类别“军营”按方案“七进”的“连队”导入'])
    expect(category('部队', LIUJIN)).toEqual(['军营', '类别“部队”按方案“六进”的“军营”导入'])
    expect(category('进军营', LIUJIN)).toBe('军营')
    expect(category('企业', LIUJIN)).toEqual(['企事业单位', '类别“企业”按方案“六进”的“企事业单位”导入'])
    expect(category('村', LIUJIN)).toEqual(['乡村', '类别“村”按方案“六进”的“乡村”导入'])
  })

  it('maps the scheme’s stored synonyms (kept on /schemes) before the built-in ones, compared as cells are', () => {
    const scheme = { ...QIJIN, synonyms: { 学校: ['学校（中小学）', '九年一贯制'], 连队: ['部队'], 医院: ['卫生院'] } }
    expect(category('学校（中小学）')).toBe('类别“学校（中小学）”不在方案“七进”中（应为 机关、企业、社区、乡镇、学校、连队、宗教活动场所）')
    expect(category('学校（中小学）', scheme)).toBe('学校')
    expect(category('学校(中小学) ', scheme)).toBe('学校')
    expect(category('进九年一贯制示范单位', scheme)).toBe('学校')
    expect(category('部队', scheme)).toBe('连队') // stored: no warning, unlike the built-in approximate mapping
    expect(category('卫生院', scheme)).toBe('类别“卫生院”不在方案“七进”中（应为 机关、企业、社区、乡镇、学校、连队、宗教活动场所）') // not a category of it
  })

  it('rejects a category the scheme lacks, listing its categories and a likely typo', () => {
    expect(category('家庭')).toBe('类别“家庭”不在方案“七进”中（应为 机关、企业、社区、乡镇、学校、连队、宗教活动场所）')
    expect(category('家庭', SHIJIN_SHICU)).toBe('家庭')
    expect(category('学效')).toBe('类别“学效”不在方案“七进”中（应为 机关、企业、社区、乡镇、学校、连队、宗教活动场所；是否为“学校”？）')
    expect(category('')).toBe('类别为空（应为 机关、企业、社区、乡镇、学校、连队、宗教活动场所）')
  })
})

describe('normaliseLevel', () => {
  it('reads the ways ledgers write honour levels', () => {
    const cases: [string, string | null][] = [
      ['', null],
      ['省级示范', '省级'],
      ['省级', '省级'],
      ['云南省级', '省级'],
      ['市（州）级', '市级'],
      ['市(州)级', '市级'],
      ['州级', '市级'],
      ['市级示范单位', '市级'],
      ['昭通市级', '市级'],
      ['县（市、区）级', '县级'],
      ['县级', '县级'],
      ['区级', '县级'],
      ['国家级', '国家级'],
      ['国家级示范单位', '国家级'],
      ['全国民族团结进步示范单位', '国家级'],
      [' 县 级 ', '县级'],
    ]
    for (const [text, level] of cases) {
      const parsed = normaliseLevel(text)
      expect([text, parsed.ok ? parsed.value : parsed.reason]).toEqual([text, level])
    }
  })

  it('rejects what is not a level', () => {
    expect(normaliseLevel('乡级')).toEqual({ ok: false, reason: '命名级别“乡级”无法识别（应为 国家级、省级、市级、县级）' })
    expect(normaliseLevel('示范').ok).toBe(false)
  })
})

describe('normaliseStatus', () => {
  const named = { level: '县级' as const, yearNamed: 2021 }
  const unnamed = { level: null, yearNamed: null }

  it('defaults to 命名 with a level and a year, else 培育', () => {
    expect(normaliseStatus('', named)).toEqual({ ok: true, value: '命名' })
    expect(normaliseStatus('', { level: '县级', yearNamed: null })).toEqual({ ok: true, value: '培育' })
    expect(normaliseStatus('', unnamed)).toEqual({ ok: true, value: '培育' })
  })

  it('reads the words ledgers use for each status', () => {
    const cases: [string, string][] = [
      ['培育库', '培育'],
      ['已申报', '申报'],
      ['拟推荐', '推荐'],
      ['已命名', '命名'],
      ['已挂牌', '命名'],
      ['复查合格', '复查'],
      ['已撤销', '撤销'],
      ['摘牌', '撤销'],
    ]
    for (const [text, status] of cases) expect([text, normaliseStatus(text, unnamed)]).toEqual([text, { ok: true, value: status }])
  })

  it('rejects an unknown status, listing the statuses', () => {
    expect(normaliseStatus('待定', named)).toEqual({ ok: false, reason: '状态“待定”无法识别（应为 培育、申报、推荐、验收、命名、复查、撤销）' })
  })
})
