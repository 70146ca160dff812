import { describe, expect, test } from 'vitest'
import { categoryPalette, UNKNOWN_CATEGORY_COLOUR } from '../../web/data/category-colours'
import { rgbaOf } from '../../web/data/rgba'
import { QIJIN } from './fixtures'

describe('categoryPalette', () => {
  test('the 七进 colours are fixed (golden) and distinct', () => {
    const palette = categoryPalette(QIJIN)
    expect(QIJIN.map(palette.cssOf)).toEqual(['#4e79a7', '#f28e2c', '#e15759', '#76b7b2', '#59a14f', '#edc949', '#af7aa1'])
    expect(new Set(QIJIN.map(palette.cssOf)).size).toBe(7)
    expect(palette.colourOf('机关')).toEqual(rgbaOf('#4e79a7'))
  })

  test('a category keeps its colour whatever the scheme order or company', () => {
    const reversed = categoryPalette([...QIJIN].reverse())
    const extended = categoryPalette(['教育基地', ...QIJIN, '示范村'])
    for (const name of QIJIN) {
      expect(reversed.cssOf(name)).toBe(categoryPalette(QIJIN).cssOf(name))
      expect(extended.cssOf(name)).toBe(categoryPalette(QIJIN).cssOf(name))
    }
  })

  test('other schemes get colours distinct from each other and from the 七进 ones', () => {
    const extensions = ['公共文化服务场所', '重点行业', '窗口单位', '群团组织', '执法部门', '两新组织']
    const palette = categoryPalette([...QIJIN, ...extensions])
    expect(new Set(palette.categories.map(palette.cssOf)).size).toBe(QIJIN.length + extensions.length)
    expect(palette.categories.map(palette.cssOf)).not.toContain(UNKNOWN_CATEGORY_COLOUR)
  })

  test('a category outside the scheme is drawn in the neutral fallback', () => {
    expect(categoryPalette(QIJIN).cssOf('家庭')).toBe(UNKNOWN_CATEGORY_COLOUR)
    expect(categoryPalette(QIJIN).colourOf('家庭')).toEqual(rgbaOf(UNKNOWN_CATEGORY_COLOUR))
  })
})
