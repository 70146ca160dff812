// The placeholder translation of the PostgreSQL store (pure): better-sqlite3's `?` and `@name` to `$n`.
import { describe, expect, it } from 'vitest'
import { boundValues, translatePlaceholders } from '../../../../server/db/pg/pg-database'

describe('translatePlaceholders', () => {
  it('numbers positional parameters in order', () => {
    expect(translatePlaceholders('SELECT * FROM units WHERE id = ? AND status = ?')).toEqual({
      text: 'SELECT * FROM units WHERE id = $1 AND status = $2',
      slots: [0, 1],
    })
  })

  it('gives a name used twice one parameter', () => {
    expect(translatePlaceholders('INSERT INTO units (created_at, updated_at) VALUES (@at, @at)')).toEqual({
      text: 'INSERT INTO units (created_at, updated_at) VALUES ($1, $1)',
      slots: ['at'],
    })
  })

  it('leaves question marks and at signs in literals, quoted names and comments alone', () => {
    const sql = `SELECT '?', 'it''s @home?', "odd?name" FROM t -- why? @because
      WHERE a = ?`
    expect(translatePlaceholders(sql)).toEqual({
      text: `SELECT '?', 'it''s @home?', "odd?name" FROM t -- why? @because
      WHERE a = $1`,
      slots: [0],
    })
  })
})

describe('boundValues', () => {
  it('takes positional values, spread arrays and undefined as null', () => {
    expect(boundValues([0, 1, 2], [1, [2, undefined]])).toEqual([1, 2, null])
  })

  it('takes named values from one object', () => {
    expect(boundValues(['name', 'at'], [{ name: '学校', at: '2026-11-23', unused: 1 }])).toEqual(['学校', '2026-11-23'])
  })

  it('names what is missing', () => {
    expect(() => boundValues(['name'], [{ nam: 'x' }])).toThrow('missing named parameter "name"')
    expect(() => boundValues([0, 1], [1])).toThrow('too few parameter values: 1')
  })

  it('binds bytes as one value, not as an object of names', () => {
    const bytes = Buffer.from([1, 2, 3])
    expect(boundValues([0], [bytes])).toEqual([bytes])
  })
})
