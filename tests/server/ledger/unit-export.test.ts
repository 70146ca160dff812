// The ledger file encoders against a small golden fixture: CSV quoting, BOM and line ends, GeoJSON, XLSX.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { readUnitFile } from '../../../server/import/read-unit-file'
import { readXlsx } from '../../../server/import/xlsx'
import {
  csvCell,
  EXPORT_FIELDS,
  ledgerCsv,
  ledgerFile,
  ledgerFileName,
  ledgerGeoJson,
  ledgerTable,
  ledgerXlsx,
  type LedgerRow,
} from '../../../server/ledger/unit-export'

const HEADER = '单位名称,类别,命名级别,命名年份,状态,经度,纬度,行政区划代码,地址,联系人,编号,备注'

const SCHOOL: LedgerRow = {
  id: 7,
  name: '中城镇"民族"小学, 一分校',
  category: '学校',
  level: '省级',
  yearNamed: 2021,
  status: '命名',
  lon: 103.9602,
  lat: 28.5931,
  areaCode: '530626101',
  address: '中城镇\n河东路 1 号',
  contact: '张三 13800000000',
  externalId: 'SJ-001',
  notes: '',
}

/** A unit as redactSensitiveUnits leaves it for an anonymous caller. */
const REDACTED: LedgerRow = {
  id: 9,
  name: '宗教活动场所（不公开）',
  category: '宗教活动场所',
  level: null,
  yearNamed: null,
  status: '培育',
  lon: null,
  lat: null,
  areaCode: '530626101',
  address: '',
  contact: '',
  externalId: null,
  notes: '',
}

describe('csvCell (RFC 4180)', () => {
  it('quotes cells holding a comma, a quote or a line break, doubling the quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('line\r\nbreak')).toBe('"line\r\nbreak"')
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"')
    expect(csvCell('cr\ronly')).toBe('"cr\ronly"')
    expect(csvCell('中城镇')).toBe('中城镇')
  })

  it('writes numbers as they are and null as an empty cell', () => {
    expect(csvCell(103.9602)).toBe('103.9602')
    expect(csvCell(-3)).toBe('-3')
    expect(csvCell(0)).toBe('0')
    expect(csvCell(null)).toBe('')
    expect(csvCell('')).toBe('')
  })

  it('keeps Excel from running text as a formula (CSV injection)', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
    expect(csvCell('+86 138')).toBe("'+86 138")
    expect(csvCell('-1')).toBe("'-1")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('a=b')).toBe('a=b')
  })
})

describe('ledgerCsv', () => {
  it('writes the golden fixture: BOM, the import’s column names, CRLF after every row', () => {
    expect(ledgerCsv([SCHOOL, REDACTED])).toBe(
      `\uFEFF${HEADER}\r\n` +
        '"中城镇""民族""小学, 一分校",学校,省级,2021,命名,103.9602,28.5931,530626101,"中城镇\n河东路 1 号",张三 13800000000,SJ-001,\r\n' +
        '宗教活动场所（不公开）,宗教活动场所,,,培育,,,530626101,,,,\r\n',
    )
  })

  it('is read back by the import cell for cell', async () => {
    const table = await readUnitFile(new TextEncoder().encode(ledgerCsv([SCHOOL, REDACTED])), 'units.csv')
    expect(table.encoding).toBe('utf8')
    expect(table.rows.map((r) => r.cells)).toEqual(ledgerTable([SCHOOL, REDACTED]).map((cells) => cells.map((c) => (c === null ? '' : String(c)))))
  })

  it('is a header alone when nothing is selected', () => {
    expect(ledgerCsv([])).toBe(`\uFEFF${HEADER}\r\n`)
  })
})

describe('ledgerGeoJson', () => {
  it('writes points with the same columns as properties; a redacted unit has no geometry', () => {
    const properties = (row: LedgerRow) => ({
      单位名称: row.name, 类别: row.category, 命名级别: row.level, 命名年份: row.yearNamed, 状态: row.status,
      行政区划代码: row.areaCode, 地址: row.address, 联系人: row.contact, 编号: row.externalId, 备注: row.notes,
    })
    expect(JSON.parse(ledgerGeoJson([SCHOOL, REDACTED]))).toEqual({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 7, geometry: { type: 'Point', coordinates: [103.9602, 28.5931] }, properties: properties(SCHOOL) },
        { type: 'Feature', id: 9, geometry: null, properties: properties(REDACTED) },
      ],
    })
  })
})

describe('ledgerXlsx', () => {
  it('writes one sheet that the import reads back as the CSV reads', async () => {
    const bytes = await ledgerXlsx([SCHOOL, REDACTED])
    const csv = await readUnitFile(new TextEncoder().encode(ledgerCsv([SCHOOL, REDACTED])), 'units.csv')
    const xlsx = await readXlsx(bytes)
    expect(xlsx.sheets).toEqual(['示范单位'])
    // Cell for cell; CSV lines differ where a quoted cell holds a line break.
    expect(xlsx.rows.map((r) => r.cells)).toEqual(csv.rows.map((r) => r.cells))
  })

  it('keeps numbers as numbers and codes as text, and formula-like text as text', async () => {
    const bytes = await ledgerXlsx([{ ...SCHOOL, name: '=1+1' }])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(bytes) as never)
    const row = workbook.worksheets[0].getRow(2)
    const column = (field: (typeof EXPORT_FIELDS)[number]) => EXPORT_FIELDS.indexOf(field) + 1
    expect(row.getCell(column('lon')).value).toBe(103.9602)
    expect(row.getCell(column('yearNamed')).value).toBe(2021)
    expect(row.getCell(column('areaCode')).value).toBe('530626101')
    expect(row.getCell(column('name')).value).toBe('=1+1')
  })
})

describe('ledgerFile and ledgerFileName', () => {
  it('encodes text formats as UTF-8 and names the file by area, day and format', async () => {
    const bytes = await ledgerFile([SCHOOL], 'csv')
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(await ledgerFile([SCHOOL], 'geojson'))).toBe(ledgerGeoJson([SCHOOL]))
    expect([...(await ledgerFile([SCHOOL], 'xlsx')).slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04])
    expect(ledgerFileName('530600', '2026-12-07', 'csv')).toBe('units-530600-20261207.csv')
    expect(ledgerFileName(undefined, '2026-12-07', 'geojson')).toBe('units-all-20261207.geojson')
  })
})
