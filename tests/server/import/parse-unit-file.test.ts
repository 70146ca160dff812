import { readFileSync } from 'node:fs'
import { distance } from '@turf/turf'
import { describe, expect, it } from 'vitest'
import { formatOf, ImportError, parseUnitFile, validateUnitFile } from '../../../server/import'
import { GBK_ROWS, XLSX_GK_UNITS } from '../../fixtures/import/ledger-sources'
import { suijiangContext } from '../../fixtures/import/suijiang-areas'

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url)))
const text = (s: string) => new TextEncoder().encode(s)
const metres = (a: [number, number], b: [number, number]) => distance(a, b, { units: 'meters' })

describe('formatOf', () => {
  it('trusts conclusive content, then the extension, then a leading brace', () => {
    expect(formatOf(fixture('ledger.xlsx'), 'ledger.csv')).toBe('xlsx') // a ZIP is a workbook, whatever its name
    expect(formatOf(text('名称,类别'), 'a.CSV')).toBe('csv')
    expect(formatOf(text('名称\t类别'), 'a.txt')).toBe('csv')
    expect(formatOf(text('{}'), 'a.geojson')).toBe('geojson')
    expect(formatOf(text('\ufeff  {"type":"FeatureCollection"}'), 'upload')).toBe('geojson')
    expect(formatOf(text('名称,类别'), 'upload')).toBe('csv')
  })

  it('refuses legacy .xls and formats that are not unit ledgers', () => {
    const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])
    expect(() => formatOf(ole2, 'ledger.xls')).toThrow('是旧版 Excel（.xls）或 WPS 文件，请在 Excel/WPS 中另存为 .xlsx 或 CSV 后再导入')
    expect(() => formatOf(text('a'), 'units.shp')).toThrow('单位台账不支持 .shp')
    expect(() => formatOf(text('名称,类别'), 'fake.xlsx')).toThrow('扩展名为 .xlsx，但内容不是 XLSX 工作簿')
  })
})

describe('parseUnitFile', () => {
  it('reads a UTF-8 CSV with a BOM', async () => {
    const table = await parseUnitFile(fixture('ledger-utf8-bom.csv'), 'ledger-utf8-bom.csv')
    expect(table).toMatchObject({ format: 'csv', encoding: 'utf8', delimiter: ',', rowKind: 'line' })
    expect(table.rows[1].cells[1]).toBe('单位名称')
  })

  it('reads a GBK CSV', async () => {
    const table = await parseUnitFile(fixture('ledger-gbk.csv'), 'ledger-gbk.csv')
    expect(table).toMatchObject({ format: 'csv', encoding: 'gb18030', delimiter: ',' })
    expect(table.rows[1].cells[0]).toBe('绥江县民族中学')
  })

  it('reads a semicolon CSV, or a CSV with the delimiter it is told', async () => {
    expect(await parseUnitFile(fixture('ledger-semicolon.csv'), 'ledger-semicolon.csv')).toMatchObject({ delimiter: ';' })
    const forced = await parseUnitFile(fixture('ledger-semicolon.csv'), 'ledger-semicolon.csv', { delimiter: ',' })
    expect(forced.rows[0].cells).toEqual(['名称;类别;级别;命名时间;行政区划代码;经度;纬度'])
  })

  it('reads an XLSX sheet, by default the first with data', async () => {
    expect(await parseUnitFile(fixture('ledger.xlsx'), 'ledger.xlsx')).toMatchObject({ format: 'xlsx', sheet: '示范单位', sheets: ['示范单位', '培育库'] })
    expect(await parseUnitFile(fixture('ledger.xlsx'), 'ledger.xlsx', { sheet: '培育库' })).toMatchObject({ sheet: '培育库' })
  })

  it('reads GeoJSON points, with a fixed header and features for rows', async () => {
    const table = await parseUnitFile(fixture('ledger.geojson'), 'ledger.geojson')
    expect(table).toMatchObject({ format: 'geojson', rowKind: 'feature', headerIndex: 0, encoding: 'utf8' })
    expect(table.rows).toHaveLength(5)
  })

  it('names the file and the reason when it cannot read it', async () => {
    await expect(parseUnitFile(new Uint8Array(), 'empty.csv')).rejects.toThrow('无法读取文件“empty.csv”：文件是空的')
    await expect(parseUnitFile(text('{"type":'), 'broken.geojson')).rejects.toThrow(/^无法读取文件“broken.geojson”：不是有效的 JSON/)
    await expect(parseUnitFile(fixture('ledger-gbk.csv'), 'gbk.csv', { encoding: 'utf8' })).rejects.toThrow('无法读取文件“gbk.csv”：不是有效的 UTF-8 文本')
    await expect(parseUnitFile(text('a,"b\n'), 'open.csv')).rejects.toThrow('无法读取文件“open.csv”：第1行的引号没有闭合')
    await expect(parseUnitFile(fixture('ledger.xlsx'), 'ledger.xlsx', { sheet: 9 })).rejects.toBeInstanceOf(ImportError)
  })
})

describe('validateUnitFile', () => {
  it('converts the XLSX sheet’s Gauss-Krüger X/Y (zone 35, X northing) to within 1 m of the WGS84 sources', async () => {
    const report = await validateUnitFile(fixture('ledger.xlsx'), 'ledger.xlsx', suijiangContext())
    expect(report.header.lines).toEqual([2, 3])
    expect(report.crsUsed).toEqual({ 'EPSG:4523': 5 })
    expect(report.totals).toEqual({ rowsRead: 5, accepted: 5, warnings: 0, rejected: 0, ignored: 0 })
    report.rows.forEach((row, i) => {
      const unit = row.unit
      if (unit === undefined || unit.lon === null || unit.lat === null) throw new Error(`row ${row.row} has no point`)
      expect(unit).toMatchObject({ name: XLSX_GK_UNITS[i].name, category: XLSX_GK_UNITS[i].category, level: XLSX_GK_UNITS[i].level })
      expect(metres([unit.lon, unit.lat], XLSX_GK_UNITS[i].wgs84)).toBeLessThan(1)
    })
    expect(report.rows.map((r) => r.unit?.yearNamed)).toEqual([2018, 2019, 2020, 2021, 2022])
  })

  it('converts the GBK CSV’s GCJ-02 points back to their WGS84 sources', async () => {
    const report = await validateUnitFile(fixture('ledger-gbk.csv'), 'ledger-gbk.csv', suijiangContext(), { crs: 'gcj02' })
    expect(report.encoding).toBe('gb18030')
    expect(report.rows.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted'])
    report.rows.forEach((row, i) => {
      const unit = row.unit
      if (unit === undefined || unit.lon === null || unit.lat === null) throw new Error(`row ${row.row} has no point`)
      expect(metres([unit.lon, unit.lat], GBK_ROWS[i].wgs84)).toBeLessThan(0.1)
    })
  })

  it('reads DMS, full-width digits and padded codes in the semicolon CSV, and names a typo', async () => {
    const report = await validateUnitFile(fixture('ledger-semicolon.csv'), 'ledger-semicolon.csv', suijiangContext())
    expect(report.rows.map((r) => [r.row, r.status, r.unit?.category, r.unit?.level, r.unit?.yearNamed, r.unit?.lon, r.unit?.lat, r.unit?.areaCode])).toEqual([
      [2, 'accepted', '学校', '县级', 2020, 103.9916667, 28.6, '530626101'],
      [3, 'accepted', '社区', '市级', 2021, 104.1, 28.6, '530626102'],
      [4, 'accepted', '宗教活动场所', '省级', 2019, 104.2, 28.6, '530626103'],
      [5, 'rejected', undefined, undefined, undefined, undefined, undefined, undefined],
    ])
    expect(report.rows[3].messages).toEqual([
      '第5行（会仪镇双语学校）：类别“学效”不在方案“七进”中（应为 机关、企业、社区、乡镇、学校、连队、宗教活动场所；是否为“学校”？）',
    ])
  })

  it('names GeoJSON rows by feature', async () => {
    const report = await validateUnitFile(fixture('ledger.geojson'), 'ledger.geojson', suijiangContext())
    expect(report.rows.map((r) => [r.row, r.status, r.unit?.externalId ?? null])).toEqual([
      [1, 'accepted', 'GJ-1'],
      [2, 'accepted', 'GJ-2'],
      [3, 'accepted', 'GJ-3'],
      [4, 'rejected', null],
    ])
    expect(report.rows[3].messages).toEqual(['第4个要素（会仪镇民族团结示范企业）：坐标 104.3, 28.6 位于 530626104 会仪镇，不在所报区域 530626101 中城镇 内'])
  })

  it('reads a GeoJSON file in the CRS its crs member names', async () => {
    const geojson = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } },
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [104, 28.6] }, properties: { 名称: 'a', 类别: '学校' } }],
    }
    const report = await validateUnitFile(text(JSON.stringify(geojson)), 'cgcs.geojson', suijiangContext())
    expect(report.crs).toBe('EPSG:4490')
    expect(report.rows[0]).toMatchObject({ status: 'accepted', unit: { lon: 104, lat: 28.6, areaCode: '530626101', status: '培育' } })
  })

  it('applies an explicit column mapping', async () => {
    const csv = '全称,领域,X,Y\n中城镇中学,学校,104.0,28.6\n'
    const report = await validateUnitFile(text(csv), 'a.csv', suijiangContext(), { mapping: { name: '全称', category: '领域' } })
    expect(report.rows[0]).toMatchObject({ status: 'accepted', unit: { name: '中城镇中学', category: '学校', lon: 104 } })
  })

  it('names the file when it has no header', async () => {
    await expect(validateUnitFile(text('a,b\n1,2\n'), 'noheader.csv', suijiangContext())).rejects.toThrow(
      /^无法读取文件“noheader.csv”：前 10 行（第1–2行）中没有找到表头/,
    )
  })
})
