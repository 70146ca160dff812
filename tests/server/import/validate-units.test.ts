import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Area } from '../../../server/shared/domain'
import { fromWgs84, headerMapping, parseUnitFile, validateUnitRows, type ImportReport, type ValidateOptions, type ValidationContext } from '../../../server/import'
import type { ParsedTable } from '../../../server/import/table'
import { existingUnits, locateIn, suijiangAreas, suijiangContext } from '../../fixtures/import/suijiang-areas'

const fixtureUrl = (name: string) => new URL(`../../fixtures/import/${name}`, import.meta.url)

/** A CSV-like table: the header, then data rows on lines 2, 3, … */
function tableOf(rows: string[][], extra: Partial<ParsedTable> = {}): ParsedTable {
  return { fileName: 't.csv', format: 'csv', rowKind: 'line', rows: rows.map((cells, i) => ({ line: i + 1, cells })), ...extra }
}

function validate(rows: string[][], options: ValidateOptions = {}, context: ValidationContext = suijiangContext()): ImportReport {
  const table = tableOf(rows)
  return validateUnitRows(table, headerMapping(table), context, options)
}

/** row → [status, ...messages] */
const outcomes = (report: ImportReport) => Object.fromEntries(report.rows.map((r) => [r.row, [r.status, ...r.messages]]))

const HEADER = ['单位名称', '类别', '级别', '年份', '所属乡镇', '经度', '纬度']

describe('validateUnitRows on the full ledger', () => {
  it('matches the golden report, row by row', async () => {
    const table = await parseUnitFile(new Uint8Array(readFileSync(fixtureUrl('ledger-utf8-bom.csv'))), 'ledger-utf8-bom.csv')
    const report = validateUnitRows(table, headerMapping(table), suijiangContext())
    const golden = fixtureUrl('ledger-utf8-bom.expected.json')
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, JSON.stringify(report, null, 2) + '\n')
    expect(report).toEqual(JSON.parse(readFileSync(golden, 'utf8')))
  })

  it('hits every rule once (a readable summary of the golden report)', async () => {
    const table = await parseUnitFile(new Uint8Array(readFileSync(fixtureUrl('ledger-utf8-bom.csv'))), 'ledger-utf8-bom.csv')
    const report = validateUnitRows(table, headerMapping(table), suijiangContext())
    expect(report.totals).toEqual({ rowsRead: 28, accepted: 7, warnings: 4, rejected: 14, ignored: 3 })
    const byRow = outcomes(report)
    expect(byRow[9]).toEqual(['rejected', '第9行（中城镇五好家庭）：类别“家庭”不在方案“七进”中（应为 机关、企业、社区、乡镇、学校、连队、宗教活动场所）'])
    expect(byRow[14]).toEqual(['rejected', '第14行（中城镇第二小学）：经度 1041.2 超出范围（应为 73–136）'])
    expect(byRow[13]).toEqual(['rejected', '第13行（南岸镇中心学校）：坐标 104.1, 28.6 位于 530626102 南岸镇，不在所报区域 530626101 中城镇 内'])
    expect(report.ignored).toEqual([
      { row: 21, reason: '空行' },
      { row: 30, reason: '合计行（“合计”）' },
      { row: 31, reason: '只有一项内容（“注：坐标为 WGS84 经纬度。”），视为分组标题或表尾说明' },
    ])
    const unit = report.rows.find((r) => r.row === 19)?.unit
    expect(unit).toEqual({
      name: '绥江县"石榴籽"家园',
      category: '社区',
      level: '县级',
      status: '命名',
      yearNamed: 2023,
      lon: 104.03,
      lat: 28.63,
      areaCode: '530626101',
      address: '中城镇金江路1号,2栋',
      contact: '李主任',
      notes: '原名石榴籽之家\n2023年更名',
      sample: false,
      externalId: 'SJ-017',
      sourceRow: 19,
    })
  })
})

describe('validateUnitRows: names and values', () => {
  it('reports every error of a row at once', () => {
    const report = validate([HEADER, ['', '家庭', '乡级', '1985', '中城镇', 'abc', '']])
    expect(outcomes(report)[2]).toEqual([
      'rejected',
      '第2行：单位名称为空',
      '第2行：类别“家庭”不在方案“七进”中（应为 机关、企业、社区、乡镇、学校、连队、宗教活动场所）',
      '第2行：命名级别“乡级”无法识别（应为 国家级、省级、市级、县级）',
      '第2行：命名年份 1985 早于 1988 年（首次全国民族团结进步表彰），不可能',
      '第2行：只有经度 abc，没有纬度',
    ])
  })

  it('says which coordinate is not a number', () => {
    expect(outcomes(validate([HEADER, ['a', '学校', '县级', '2021', '中城镇', 'abc', '28.6']]))[2]).toEqual([
      'rejected',
      '第2行（a）：经度“abc”不是经纬度数值',
    ])
    expect(outcomes(validate([HEADER, ['a', '学校', '县级', '2021', '中城镇', '', '28.6']]))[2]).toEqual([
      'rejected',
      '第2行（a）：只有纬度 28.6，没有经度',
    ])
  })

  it('names a rejected row by its number and its name (cut at 30 characters), and only by its number without a plain name', () => {
    const long = '绥江县中城镇民族团结进步创建示范单位中城镇第一中学附属民族团结小学'
    const report = validate([
      HEADER,
      ['绥江县中城镇中学', '学校', '县级', '2021', '中城镇', '1031.2', '28.6'],
      [long, '学校', '县级', '2021', '中城镇', '1031.2', '28.6'],
      ['中城镇\u202e中学', '学校', '县级', '2021', '中城镇', '104.0', '28.6'],
    ])
    expect(report.rows[0]).toMatchObject({ name: '绥江县中城镇中学', messages: ['第2行（绥江县中城镇中学）：经度 1031.2 超出范围（应为 73–136）'] })
    expect(report.rows[1].name).toBe(long)
    expect(report.rows[1].messages[0]).toBe(`第3行（${[...long].slice(0, 30).join('')}…）：经度 1031.2 超出范围（应为 73–136）`)
    expect(report.rows[2].name).toBeUndefined()
    expect(report.rows[2].messages[0]).toMatch(/^第4行：单位名称 contains the control character U\+202E/)
  })

  it('converts points from the CRS it is given', () => {
    const [lon, lat] = fromWgs84(104, 28.6, 'gcj02').map((v) => v.toFixed(7))
    const report = validate([HEADER, ['a', '学校', '县级', '2021', '中城镇', lon, lat]], { crs: 'gcj02' })
    expect(report.rows[0].unit).toMatchObject({ lon: expect.closeTo(104, 6), lat: expect.closeTo(28.6, 6), areaCode: '530626101' })
    expect(report.crs).toBe('gcj02')
    expect(report.crsUsed).toEqual({ gcj02: 1 })
  })
})

describe('validateUnitRows: areas', () => {
  const header = ['单位名称', '类别', '级别', '年份', '行政区划代码', '所属乡镇', '经度', '纬度']

  it('resolves 6-, 9- and 12-digit codes, including NBS-padded ones', () => {
    const report = validate([
      header,
      ['a', '学校', '县级', '2021', '530626', '', '104.0', '28.6'],
      ['b', '学校', '县级', '2021', '530626102000', '', '', ''],
      ['c', '社区', '县级', '2021', '530626101001', '', '104.0', '28.6'],
      ['d', '社区', '县级', '2021', '5306261', '', '', ''],
    ])
    expect(report.rows.map((r) => r.unit?.areaCode ?? r.messages[0])).toEqual([
      '530626',
      '530626102',
      '530626101001',
      '第5行（d）：行政区划代码“5306261”应为 6、9 或 12 位数字',
    ])
  })

  it('rejects a code and a name that mean different areas', () => {
    const report = validate([header, ['a', '学校', '县级', '2021', '530626101', '南岸', '', '']])
    expect(outcomes(report)[2]).toEqual([
      'rejected',
      '第2行（a）：行政区划代码 530626101 中城镇 与所属区域“南岸”（530626102 南岸镇）不一致',
    ])
    expect(validate([header, ['a', '学校', '县级', '2021', '530626101', '中城镇', '', '']]).rows[0].status).toBe('accepted')
  })

  it('lets the point choose between areas of the same name', () => {
    const report = validate([HEADER, ['a', '学校', '县级', '2021', '新滩', '104.2', '28.6']])
    expect(report.rows[0]).toMatchObject({ status: 'accepted', unit: { areaCode: '530626103' } })
  })

  it('rejects a point outside every area when the claimed area has an outline, or when nothing is claimed', () => {
    const report = validate([HEADER, ['a', '学校', '县级', '2021', '中城镇', '103.5', '27.5'], ['b', '学校', '县级', '2021', '', '103.5', '27.5']])
    expect(outcomes(report)).toEqual({
      2: ['rejected', '第2行（a）：坐标 103.5, 27.5 不在所报区域 530626101 中城镇 内（不在任何已知行政区内）'],
      3: ['rejected', '第3行（b）：坐标 103.5, 27.5 不在任何已知行政区内，且未填所属区域'],
    })
  })

  it('warns that a point cannot be checked against an area without an outline', () => {
    const report = validate([header, ['a', '学校', '县级', '2021', '530602999', '', '103.5', '27.5']])
    expect(outcomes(report)[2]).toEqual(['warning', '第2行：所报区域 530602999 新滩乡 没有边界数据，无法核对坐标'])
    expect(report.rows[0].unit?.areaCode).toBe('530602999')
  })

  it('lets a schematic township cell not contradict a ledger within the same county', () => {
    const schematic: Area[] = suijiangAreas.map((a) => (a.level === 'township' && a.parent === '530626' ? { ...a, schematic: true } : a))
    const context = suijiangContext({ areas: schematic, locateArea: locateIn(schematic) })
    const report = validate([HEADER, ['a', '学校', '县级', '2021', '中城镇', '104.1', '28.6']], {}, context)
    expect(report.rows[0]).toMatchObject({ status: 'accepted', messages: [], unit: { areaCode: '530626101' } })
  })
})

describe('validateUnitRows: duplicates', () => {
  const rows = [
    HEADER,
    ['板栗镇中心学校', '学校', '市级', '2020', '板栗镇', '104.2001', '28.5001'],
    ['中城镇中学', '学校', '县级', '2021', '中城镇', '104.0', '28.6'],
    ['中城镇 中学', '学校', '县级', '2021', '中城镇', '104.0003', '28.6'],
  ]

  it('rejects them by default', () => {
    expect(outcomes(validate(rows))).toEqual({
      2: ['rejected', '第2行（板栗镇中心学校）：与已有单位 #41“板栗镇中心学校”重复（同名且相距 15 m）'],
      3: ['accepted'],
      4: ['rejected', '第4行（中城镇 中学）：与第3行重复（同名且相距 29 m）'],
    })
  })

  it('merges into an existing unit, but not into an earlier row', () => {
    const report = validate(rows, { duplicates: 'merge' })
    expect(outcomes(report)).toEqual({
      2: ['warning', '第2行：与已有单位 #41“板栗镇中心学校”重复（同名且相距 15 m），将合并（更新该单位）'],
      3: ['accepted'],
      4: ['rejected', '第4行（中城镇 中学）：与第3行重复（同名且相距 29 m）；文件内的重复行不合并'],
    })
    expect(report.rows[0].unit?.mergeInto).toBe(41)
    expect(report.duplicates).toBe('merge')
  })

  it('keeps them with a warning', () => {
    const report = validate(rows, { duplicates: 'keep' })
    expect(outcomes(report)).toEqual({
      2: ['warning', '第2行：可能与已有单位 #41“板栗镇中心学校”重复（同名且相距 15 m），仍作为新单位导入'],
      3: ['accepted'],
      4: ['warning', '第4行：可能与第3行重复（同名且相距 29 m），仍导入'],
    })
    expect(report.rows[0].unit?.mergeInto).toBeUndefined()
  })

  it('finds a duplicate by external id, and refuses to guess between several existing units', () => {
    const withId = validate([[...HEADER, '编号'], ['板栗镇中心校', '学校', '市级', '2020', '板栗镇', '104.25', '28.5', 'SJ-041']])
    expect(outcomes(withId)[2]).toEqual(['rejected', '第2行（板栗镇中心校）：与已有单位 #41“板栗镇中心学校”重复（编号 SJ-041 相同）'])

    const twins = suijiangContext({ existing: [...existingUnits, { ...existingUnits[0], id: 43, externalId: null }] })
    const report = validate([HEADER, ['板栗镇中心学校', '学校', '市级', '2020', '板栗镇', '', '']], { duplicates: 'merge' }, twins)
    expect(outcomes(report)[2]).toEqual([
      'rejected',
      '第2行（板栗镇中心学校）：与多个已有单位重复，无法确定合并到哪一个：#41“板栗镇中心学校”（同名且同属 530626105 板栗镇）、#43“板栗镇中心学校”（同名且同属 530626105 板栗镇）',
    ])
  })

  it('finds same-named units close together across an area boundary, within the radius it is given', () => {
    const acrossBorder = [
      HEADER,
      ['民族团结广场', '社区', '县级', '2021', '中城镇', '104.0499', '28.6'],
      ['民族团结广场', '社区', '县级', '2021', '南岸镇', '104.0502', '28.6'],
    ]
    expect(outcomes(validate(acrossBorder))[3]).toEqual(['rejected', '第3行（民族团结广场）：与第2行重复（同名且相距 29 m）'])
    expect(validate(acrossBorder, { duplicateRadiusM: 10 }).rows[1].status).toBe('accepted')
  })
})

describe('validateUnitRows: rows that are not units', () => {
  it('ignores blank rows, totals, repeated headers, section headings and footnotes', () => {
    const report = validate([
      ['序号', ...HEADER],
      ['一、省级示范单位', '一、省级示范单位', '一、省级示范单位', '一、省级示范单位', '一、省级示范单位', '一、省级示范单位', '一、省级示范单位', '一、省级示范单位'],
      ['1', '中城镇中学', '学校', '省级', '2019', '中城镇', '104.0', '28.6'],
      ['小计', '', '', '', '', '', '', ''],
      ['二、县级', '', '', '', '', '', '', ''],
      ['序号', ...HEADER],
      ['', '', ' ', '', '', '', '', ''],
      ['', '总 计：1个', '', '', '', '', '', ''],
      ['', '填表人：王五', '', '', '', '', '', ''],
    ])
    expect(report.totals).toEqual({ rowsRead: 8, accepted: 1, warnings: 0, rejected: 0, ignored: 7 })
    expect(report.ignored).toEqual([
      { row: 2, reason: '只有一项内容（“一、省级示范单位”），视为分组标题或表尾说明' },
      { row: 4, reason: '合计行（“小计”）' },
      { row: 5, reason: '只有一项内容（“二、县级”），视为分组标题或表尾说明' },
      { row: 6, reason: '重复的表头行' },
      { row: 7, reason: '空行' },
      { row: 8, reason: '合计行（“总 计：1个”）' },
      { row: 9, reason: '只有一项内容（“填表人：王五”），视为分组标题或表尾说明' },
    ])
  })

  it('still validates a row whose only content is a name', () => {
    expect(outcomes(validate([HEADER, ['中城镇中学', '', '', '', '', '', '']]))[2]).toEqual([
      'rejected',
      '第2行（中城镇中学）：类别为空（应为 机关、企业、社区、乡镇、学校、连队、宗教活动场所）',
      '第2行（中城镇中学）：既无坐标也无所属区域，无法定位',
    ])
  })
})
