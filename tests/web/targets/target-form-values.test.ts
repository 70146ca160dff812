// The targets editor's inputs and what a save sends: the whole target for a new one, the changed fields for an edit.
import { expect, test } from 'vitest'
import type { TargetItem } from '../../../web/api/client'
import { pageOf } from '../../../web/pages'
import { categoriesFor, changeOf, emptyFormValues, formValuesOf, newTargetOf } from '../../../web/targets/target-form-values'

const TARGET: TargetItem = {
  id: 2,
  areaCode: '530626',
  schemeId: null,
  category: '学校',
  minLevel: '市级',
  count: 6,
  dueYear: 2026,
  note: '示例目标',
  areaName: '绥江县',
  areaLevel: 'county',
  progress: { id: 2, category: '学校', minLevel: '市级', count: 6, dueYear: 2026, achieved: 3, progress: 0.5, met: false, behind: true, note: '示例目标' },
}

test('/targets is a page', () => {
  expect(pageOf('/targets')).toBe('targets')
  expect(pageOf('/targets/')).toBe('targets')
})

test('a new target: empty choices are null (every scheme, category, level); numbers as typed, nothing typed is NaN', () => {
  const values = { ...emptyFormValues('530626', 2026), count: ' 8 ' }
  expect(values.dueYear).toBe('2027')
  expect(newTargetOf(values)).toEqual({ areaCode: '530626', schemeId: null, category: null, minLevel: null, count: 8, dueYear: 2027, note: '' })
  expect(newTargetOf({ ...values, count: '' }).count).toBeNaN()
  expect(newTargetOf({ ...values, minLevel: '省级', schemeId: 'qijin', category: '学校' })).toMatchObject({ minLevel: '省级', schemeId: 'qijin', category: '学校' })
})

test('an edit sends only what changed; the stored target read back changes nothing', () => {
  expect(changeOf(TARGET, formValuesOf(TARGET))).toEqual({})
  expect(changeOf(TARGET, { ...formValuesOf(TARGET), count: '5', minLevel: '', areaCode: '530602' })).toEqual({ count: 5, minLevel: null, areaCode: '530602' })
})

test('the categories offered: the scheme’s, or every scheme’s once', () => {
  const schemes = [{ id: 'a', categories: ['机关', '学校'] }, { id: 'b', categories: ['学校', '军营'] }]
  expect(categoriesFor(schemes, 'b')).toEqual(['学校', '军营'])
  expect(categoriesFor(schemes, '')).toEqual(['机关', '学校', '军营'])
})
