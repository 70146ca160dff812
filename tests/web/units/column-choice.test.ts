import { describe, expect, test } from 'vitest'
import { storedColumnChoice } from '../../../web/units/column-choice'

const ALL = ['id', 'name', 'category', 'address']

describe('storedColumnChoice', () => {
  test('nothing stored, or something unreadable: every column', () => {
    expect([...storedColumnChoice(null, ALL)]).toEqual(ALL)
    expect([...storedColumnChoice('{not json', ALL)]).toEqual(ALL)
    expect([...storedColumnChoice('{"a":1}', ALL)]).toEqual(ALL)
  })

  test('the stored choice, without columns that no longer exist, and always the id', () => {
    expect([...storedColumnChoice('["name","gone","address"]', ALL)].sort()).toEqual(['address', 'id', 'name'])
  })
})
