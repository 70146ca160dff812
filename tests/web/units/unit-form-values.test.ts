import { expect, test } from 'vitest'
import { blankFormValues, newUnitOf } from '../../../web/units/unit-form-values'

test('newUnitOf: a 培育 unit from the form, numbers as numbers, blanks as null, no naming fields', () => {
  const values = { ...blankFormValues(), name: '示例社区', category: '社区', lon: '104.123456', lat: ' 28.6 ', level: '省级', yearNamed: '2020' }
  expect(newUnitOf(values)).toEqual({
    status: '培育',
    name: '示例社区',
    category: '社区',
    lon: 104.123456,
    lat: 28.6,
    areaCode: null,
    address: '',
    contact: '',
    notes: '',
  })
  // A coordinate that is not a number goes as typed, so the server names it.
  expect(newUnitOf({ ...values, lon: '104,1' }).lon).toBe('104,1')
})
