import { describe, expect, it } from 'vitest'
import { detectHeader, fieldOfHeader, headerMapping, mapColumns, normaliseHeader } from '../../../server/import/header-mapping'
import type { ParsedTable, SourceRow } from '../../../server/import/table'

const rowsOf = (...rows: string[][]): SourceRow[] => rows.map((cells, i) => ({ line: i + 1, cells }))
const tableOf = (...rows: string[][]): ParsedTable => ({ fileName: 't.csv', format: 'csv', rowKind: 'line', rows: rowsOf(...rows) })

describe('normaliseHeader', () => {
  it('drops width, case, spaces, required-field asterisks and bracketed notes', () => {
    expect(normaliseHeader(' *单位 名称 ')).toBe('单位名称')
    expect(normaliseHeader('经度（°）')).toBe('经度')
    expect(normaliseHeader('乡镇（街道）')).toBe('乡镇')
    expect(normaliseHeader('ＬＯＮＧＩＴＵＤＥ')).toBe('longitude')
    expect(normaliseHeader('area_code')).toBe('areacode')
    expect(normaliseHeader('行政区划代码[9位]')).toBe('行政区划代码')
  })
})

describe('fieldOfHeader', () => {
  it('knows Chinese and English synonyms of each field', () => {
    const cases: [string, string | null][] = [
      ['示范单位名称', 'name'],
      ['Name', 'name'],
      ['经度', 'lon'],
      ['lng', 'lon'],
      ['X', 'lon'],
      ['纬度(N)', 'lat'],
      ['类型', 'category'],
      ['命名级别', 'level'],
      ['命名时间', 'yearNamed'],
      ['状态', 'status'],
      ['所属乡镇（街道）', 'area'],
      ['行政区划代码', 'areaCode'],
      ['areaCode', 'areaCode'],
      ['详细地址', 'address'],
      ['联系电话', 'contact'],
      ['编号', 'externalId'],
      ['统一社会信用代码', 'externalId'],
      ['备注', 'notes'],
      ['序号', null],
      ['绥江县民族团结进步示范单位名称表', null],
    ]
    for (const [header, field] of cases) expect([header, fieldOfHeader(header)]).toEqual([header, field])
  })
})

describe('detectHeader', () => {
  it('skips title rows above the header', () => {
    const rows = rowsOf(['绥江县示范单位台账', '绥江县示范单位台账'], ['填报单位：绥江县民宗局', ''], ['单位名称', '类别'], ['中城镇中学', '学校'])
    expect(detectHeader(rows)).toEqual({ headerIndex: 2, headerLines: [3], dataStart: 3, headers: ['单位名称', '类别'] })
  })

  it('reads a two-row header as one, each column taking its lower label', () => {
    const rows = rowsOf(
      ['序号', '单位名称', '坐标', '坐标', '备注'],
      ['序号', '单位名称', '经度', '纬度', '备注'],
      ['1', '中城镇中学', '104.0', '28.6', ''],
    )
    expect(detectHeader(rows)).toEqual({
      headerIndex: 0,
      headerLines: [1, 2],
      dataStart: 2,
      headers: ['序号', '单位名称', '经度', '纬度', '备注'],
    })
  })

  it('does not take a data row holding a synonym for a second header row', () => {
    const rows = rowsOf(['单位名称', '类别', '所属乡镇'], ['中城镇人民政府', '乡镇', '中城镇'])
    expect(detectHeader(rows).dataStart).toBe(1)
  })

  it('counts the header names of an explicit mapping as known', () => {
    const rows = rowsOf(['全称', '领域类别'], ['中城镇中学', '学校'])
    expect(() => detectHeader(rows)).toThrow()
    expect(detectHeader(rows, { explicit: { name: '全称', category: '领域类别' } }).headerIndex).toBe(0)
  })

  it('looks only in the first rows and says so when it finds nothing', () => {
    const rows = rowsOf(...Array.from({ length: 12 }, () => ['说明']), ['单位名称', '类别'])
    expect(() => detectHeader(rows)).toThrow('前 10 行（第1–10行）中没有找到表头：表头须至少含 2 个可识别的列名')
    expect(detectHeader(rows, { scanRows: 20 }).headerIndex).toBe(12)
  })
})

describe('mapColumns', () => {
  it('maps each field to its first column, joins contact columns and leaves 序号 unmapped', () => {
    const headers = ['序号', '单位名称', '名称', '联系人', '联系电话', '经度', '纬度', '面积', '']
    expect(mapColumns(headers)).toEqual({
      mapping: { name: [1], contact: [3, 4], lon: [5], lat: [6] },
      unmapped: [
        { column: 0, header: '序号', reason: '序号是行号，不作为编号导入' },
        { column: 2, header: '名称', reason: '与第 2 列（单位名称）同为“单位名称”，只取第一列' },
        { column: 7, header: '面积', reason: '无法识别的列名' },
        { column: 8, header: '', reason: '无列名' },
      ],
    })
  })

  it('lets an explicit mapping override detection, by header text or 0-based index', () => {
    const headers = ['名称', '单位全称', 'X', 'Y', '东经', '北纬']
    const { mapping, unmapped } = mapColumns(headers, { name: '单位全称', lon: 4, lat: '北纬' })
    expect(mapping).toEqual({ name: [1], lon: [4], lat: [5] })
    expect(unmapped.map((u) => [u.header, u.reason])).toEqual([
      ['名称', '“单位名称”已指定为第 2 列'],
      ['X', '“经度”已指定为第 5 列'],
      ['Y', '“纬度”已指定为第 6 列'],
    ])
  })

  it('refuses an explicit mapping that names no column or one column twice', () => {
    expect(() => mapColumns(['名称'], { name: '全称' })).toThrow('“单位名称”指定的列“全称”不在表头中（表头为：名称）')
    expect(() => mapColumns(['名称'], { name: 3 })).toThrow('“单位名称”指定的第 3 列不存在')
    expect(() => mapColumns(['名称', '类别'], { name: 0, category: 0 })).toThrow('第 1 列（名称）被同时指定为“单位名称”和“类别”')
    expect(() => mapColumns(['名称', '全称'], { name: [0, 1] })).toThrow('“单位名称”只能对应一列')
  })

  it('leaves out the columns an explicit ignore names, even where their header is recognised', () => {
    const headers = ['序号', '单位名称', '联系人', '联系电话', '备注', '其他']
    expect(mapColumns(headers).mapping).toEqual({ name: [1], contact: [2, 3], notes: [4] })
    const { mapping, unmapped } = mapColumns(headers, { ignore: [3, '备注', 0, '其他'] })
    expect(mapping).toEqual({ name: [1], contact: [2] })
    expect(unmapped).toEqual([
      { column: 0, header: '序号', reason: '序号是行号，不作为编号导入' },
      { column: 3, header: '联系电话', reason: '已选择不导入（列名可识别为“联系人”）' },
      { column: 4, header: '备注', reason: '已选择不导入（列名可识别为“备注”）' },
      { column: 5, header: '其他', reason: '无法识别的列名' },
    ])
  })

  it('refuses an ignore that names no column, or a column an explicit field also names', () => {
    expect(() => mapColumns(['名称', '备注'], { ignore: ['附注'] })).toThrow('“不导入”指定的列“附注”不在表头中（表头为：名称、备注）')
    expect(() => mapColumns(['名称', '备注'], { ignore: [5] })).toThrow('“不导入”指定的第 5 列不存在（列号从 0 起，共 2 列）')
    expect(() => mapColumns(['名称', '备注'], { notes: '备注', ignore: [1] })).toThrow('第 2 列（备注）被同时指定为“备注”和“不导入”')
  })

  it('does not count ignored header texts as known names when looking for the header row', () => {
    const rows = rowsOf(['台账', '甲', '乙'], ['名称', '类别', '其他'])
    expect(detectHeader(rows, { explicit: { ignore: ['台账', '甲'] } }).headerIndex).toBe(1)
  })
})

describe('headerMapping', () => {
  it('uses the header a format fixes', () => {
    const table: ParsedTable = { ...tableOf(['经度', '纬度', 'name'], ['104', '28.6', 'a']), headerIndex: 0 }
    expect(headerMapping(table)).toMatchObject({ headerIndex: 0, dataStart: 1, mapping: { lon: [0], lat: [1], name: [2] } })
  })

  it('requires a name column', () => {
    expect(() => headerMapping(tableOf(['类别', '经度', '纬度']))).toThrow('表头（第1行）中没有单位名称列')
  })
})
