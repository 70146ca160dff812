import { describe, expect, it } from 'vitest'
import { categoryLegendLabel, categoryLegendRows } from '../../../web/export/sheet-legend'

const unit = (category: string, redacted = false) => (redacted ? { category, redacted: true as const } : { category })

describe('categoryLegendRows', () => {
  it('counts every counted unit, located or not, and says how many are drawn and how many withheld', () => {
    const counted = [unit('学校'), unit('学校'), unit('学校'), unit('宗教活动场所', true), unit('宗教活动场所', true), unit('其他')]
    const drawn = [unit('学校'), unit('学校')]
    expect(categoryLegendRows(counted, drawn, ['学校', '宗教活动场所', '社区'])).toEqual([
      { category: '学校', count: 3, drawn: 2, withheld: 0 },
      { category: '宗教活动场所', count: 2, drawn: 0, withheld: 2 },
      { category: '社区', count: 0, drawn: 0, withheld: 0 },
    ])
  })
})

describe('categoryLegendLabel', () => {
  it('reads as the count alone when every unit is drawn', () => {
    expect(categoryLegendLabel({ category: '学校', count: 12, drawn: 12, withheld: 0 })).toBe('学校 12')
    expect(categoryLegendLabel({ category: '社区', count: 0, drawn: 0, withheld: 0 })).toBe('社区 0')
  })

  it('a category counted but not drawn says its locations are withheld, not 0', () => {
    expect(categoryLegendLabel({ category: '宗教活动场所', count: 25, drawn: 0, withheld: 25 })).toBe('宗教活动场所 25（位置不公开）')
  })

  it('names the undrawn part when some units are drawn', () => {
    expect(categoryLegendLabel({ category: '学校', count: 10, drawn: 7, withheld: 2 })).toBe('学校 10（其中 2 个位置不公开，1 个无坐标）')
    expect(categoryLegendLabel({ category: '学校', count: 10, drawn: 9, withheld: 0 })).toBe('学校 10（其中 1 个无坐标）')
  })
})
