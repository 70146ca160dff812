import { describe, expect, it } from 'vitest'
import { detectDelimiter, parseCsv } from '../../../server/import/csv'

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, numbering rows by their first line', () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines",z\r\n3,,\r\n'
    expect(parseCsv(text)).toEqual({
      delimiter: ',',
      rows: [
        { line: 1, cells: ['a', 'b', 'c'] },
        { line: 2, cells: ['1', 'x, y', 'say "hi"'] },
        { line: 3, cells: ['2', 'two\r\nlines', 'z'] },
        { line: 5, cells: ['3', '', ''] },
      ],
    })
  })

  it('keeps blank lines inside the text as rows, but no row after the final line break', () => {
    expect(parseCsv('a,b\n\n1,2\n').rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: [''] },
      { line: 3, cells: ['1', '2'] },
    ])
    expect(parseCsv('a,b\n1,2').rows).toHaveLength(2)
  })

  it('ends records at CRLF, LF or a lone CR', () => {
    expect(parseCsv('a,b\r1,2\n3,4\r\n5,6').rows.map((r) => r.line)).toEqual([1, 2, 3, 4])
  })

  it('takes a quote inside an unquoted field literally, and drops spaces before an opening quote', () => {
    expect(parseCsv('a,b\n5"x,  "y,z"\n').rows[1].cells).toEqual(['5"x', 'y,z'])
  })

  it('names the line of a quote that is never closed', () => {
    expect(() => parseCsv('a,b\n1,2\n3,"open\nstill open')).toThrow('第3行的引号没有闭合')
  })

  it('uses an explicit delimiter as given', () => {
    expect(parseCsv('a;b,c\n1;2,3', { delimiter: ';' }).rows[1].cells).toEqual(['1', '2,3'])
    expect(parseCsv('a;b,c\n1;2,3', { delimiter: ',' }).rows[1].cells).toEqual(['1;2', '3'])
  })
})

describe('detectDelimiter', () => {
  it('chooses the delimiter that splits the rows consistently', () => {
    expect(detectDelimiter('名称,类别,经度\n中城镇中学,学校,104.1\n')).toBe(',')
    expect(detectDelimiter('名称\t类别\t经度\n中城镇中学\t学校\t104,1\n')).toBe('\t')
    expect(detectDelimiter('名称;类别;地址\n中城镇中学;学校;金江路1号,2栋\n南岸镇政府;机关;南岸街\n')).toBe(';')
  })

  it('is not misled by a title row, quoted delimiters or blank lines', () => {
    const text = '台账，2024年\n\n"名称;备注",类别,级别\n"a;b;c",学校,县级\n"d;e",社区,省级\n'
    expect(detectDelimiter(text)).toBe(',')
  })

  it('defaults to a comma for a single column', () => {
    expect(detectDelimiter('名称\n中城镇中学\n')).toBe(',')
  })
})
