import { describe, expect, test } from 'vitest'
import { movedCategory, newSchemeOf, renameSummary, wordsOf } from '../../../web/schemes/scheme-form-values'

describe('the /schemes forms', () => {
  test('words split on 、 , ， ; and line breaks, trimmed, each once, in order', () => {
    expect(wordsOf('机关、学校, 社区，学校\n 医院 ;; ')).toEqual(['机关', '学校', '社区', '医院'])
    expect(wordsOf('  ')).toEqual([])
  })

  test('a category moves one place up or down; at either end it stays', () => {
    const categories = ['机关', '学校', '社区']
    expect(movedCategory(categories, 1, -1)).toEqual(['学校', '机关', '社区'])
    expect(movedCategory(categories, 1, 1)).toEqual(['机关', '社区', '学校'])
    expect(movedCategory(categories, 0, -1)).toBe(categories)
    expect(movedCategory(categories, 2, 1)).toBe(categories)
  })

  test('a new scheme as the API takes it', () => {
    expect(newSchemeOf({ id: ' wujin ', name: ' 五进', note: '', categories: '机关、学校', visitsPerYear: '2' })).toEqual({
      id: 'wujin', name: '五进', note: '', categories: ['机关', '学校'], visitsPerYear: 2,
    })
  })

  test('a rename says what followed, and which other schemes renamed the shared word', () => {
    const names: Record<string, string> = { qijin: '七进', liujin: '六进' }
    expect(renameSummary({ from: '学校', to: '中小学', schemes: ['qijin', 'liujin'], units: 119, targets: 1 }, (id) => names[id])).toBe(
      '已将“学校”改名为“中小学”：119 个单位、1 个目标随之改名，“学校”保留为同义词；方案 六进 中的“学校”也一并改名（单位共用类别名称）',
    )
  })
})
