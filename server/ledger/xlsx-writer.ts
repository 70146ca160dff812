// A table → an XLSX workbook of one sheet: the first row bold and frozen as the header, numbers as numbers,
// text as text (a cell that starts with "=" stays text: only a formula object would make it a formula).
// exceljs is already here to read ledgers (server/import/xlsx.ts), so it writes them too.

export type XlsxCell = string | number | null // null: an empty cell

export async function xlsxWorkbook(sheetName: string, rows: readonly (readonly XlsxCell[])[]): Promise<Uint8Array<ArrayBuffer>> {
  // Loaded on the first export, not with the route: exceljs takes ~0.5 s to load.
  const { default: Excel } = await import('exceljs')
  const workbook = new Excel.Workbook()
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] })
  for (const row of rows) sheet.addRow([...row])
  sheet.getRow(1).font = { bold: true }
  const buffer = await workbook.xlsx.writeBuffer()
  return new Uint8Array(buffer)
}
