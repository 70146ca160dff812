import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { cellText, listSheets, readXlsx } from '../../../server/import/xlsx'

const ledger = new Uint8Array(readFileSync(new URL('../../fixtures/import/ledger.xlsx', import.meta.url)))

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  build(workbook)
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

describe('readXlsx', () => {
  it('lists the sheets and reads the first with data by default', async () => {
    expect(await listSheets(ledger)).toEqual(['示范单位', '培育库'])
    const table = await readXlsx(ledger)
    expect(table.sheet).toBe('示范单位')
    expect(table.sheets).toEqual(['示范单位', '培育库'])
    expect(table.rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('gives every cell of a merged range its top-left value', async () => {
    const { rows } = await readXlsx(ledger)
    const title = '绥江县民族团结进步示范单位名录（CGCS2000 3度带 第35带）'
    expect(rows[0].cells).toEqual(Array(9).fill(title))
    expect(rows[1].cells).toEqual(['序号', '单位名称', '创建类别', '命名级别', '命名年份', '所属乡镇', '坐标（CGCS2000）', '坐标（CGCS2000）', '备注'])
    expect(rows[2].cells).toEqual(['序号', '单位名称', '创建类别', '命名级别', '命名年份', '所属乡镇', 'X坐标', 'Y坐标', '备注'])
    expect(rows[4].cells[2]).toBe('学校') // C5, inside the merge C4:C5
  })

  it('reads rich text, dates, formulas and numbers as the text a person sees', async () => {
    const { rows } = await readXlsx(ledger)
    expect(rows[3].cells.slice(0, 6)).toEqual(['1', '绥江县第一中学', '学校', '省级', '2018', '中城镇'])
    expect(rows[4].cells[4]).toBe('2019-09-01')
    expect(rows[5].cells[4]).toBe('2020')
    expect(rows[7].cells[4]).toBe('2022') // =2020+2
    expect(Number(rows[3].cells[7])).toBeGreaterThan(35_000_000) // Y: zone-prefixed easting
  })

  it('chooses a sheet by name or by 1-based position', async () => {
    const byName = await readXlsx(ledger, { sheet: '培育库' })
    expect(byName.sheet).toBe('培育库')
    expect(byName.rows[1]).toEqual({ line: 2, cells: ['板栗镇团结示范社区', '社区', '培育', '板栗镇', '104.15', '28.5'] })
    expect((await readXlsx(ledger, { sheet: 2 })).sheet).toBe('培育库')
  })

  it('names the sheets there are when the one asked for is not there', async () => {
    await expect(readXlsx(ledger, { sheet: '汇总' })).rejects.toThrow('没有名为“汇总”的工作表（有 “示范单位”、“培育库”）')
    await expect(readXlsx(ledger, { sheet: 3 })).rejects.toThrow('没有第 3 个工作表（共 2 个：“示范单位”、“培育库”）')
  })

  it('skips an empty first sheet, and keeps blank rows between data but not after it', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('封面')
      const sheet = workbook.addWorksheet('台账')
      sheet.getCell('A1').value = '单位名称'
      sheet.getCell('B1').value = '类别'
      sheet.getCell('A3').value = '中城镇中学'
      sheet.getCell('B3').value = '学校'
      sheet.getCell('A6').border = { top: { style: 'thin' } } // formatted but empty
    })
    const table = await readXlsx(bytes)
    expect(table.sheet).toBe('台账')
    expect(table.rows).toEqual([
      { line: 1, cells: ['单位名称', '类别'] },
      { line: 2, cells: ['', ''] },
      { line: 3, cells: ['中城镇中学', '学校'] },
    ])
  })

  it('refuses bytes that are not a workbook, and a workbook whose sheets are all empty', async () => {
    await expect(readXlsx(new TextEncoder().encode('名称,类别'))).rejects.toThrow('不是有效的 XLSX 工作簿')
    const empty = await workbookBytes((workbook) => void workbook.addWorksheet('Sheet1'))
    await expect(readXlsx(empty)).rejects.toThrow('所有工作表都是空的（“Sheet1”）')
  })
})

describe('cellText', () => {
  it('turns each kind of cell value into text', () => {
    expect(cellText(null)).toBe('')
    expect(cellText(104.1)).toBe('104.1')
    expect(cellText(true)).toBe('true')
    expect(cellText(new Date(Date.UTC(2021, 4, 1)))).toBe('2021-05-01')
    expect(cellText({ richText: [{ text: '中城' }, { text: '镇' }] })).toBe('中城镇')
    expect(cellText({ text: '链接', hyperlink: 'https://example.org' })).toBe('链接')
    expect(cellText({ formula: 'A1', result: 7 })).toBe('7')
    expect(cellText({ formula: 'A1' })).toBe('')
    expect(cellText({ error: '#REF!' })).toBe('#REF!')
  })
})
